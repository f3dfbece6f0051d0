/* SPDX-License-Identifier: GPL-2.0-only */
/* Building a topology's namespaces. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include "actions/topo_build.h"
#include "lang/symbols.h"
#include "actions/pinned.h"
#include "util/timeouts.h"
#include "util/undo.h"
#include "netns/addr.h"
#include "netns/link.h"
#include "netns/neigh.h"
#include "netns/route.h"
#include "netns/sysctl.h"

/* Turns a netns error into the case's message, and decides whether the cause
 * is something missing on this machine (skip) or a failure. */
static int build_fail(const char *host, const struct nl_error *e, char *err, size_t errlen, bool *skip)
{
	const char *hint = "";
	bool missing = true;

	switch (e->err) {
	case EROFS:
	case EPERM:
	case EACCES:
		/* A sysctl the container does not let be written: e says which
		 * flags would. */
		if (strstr(e->text, "writing sysctl"))
			break;
		missing = e->err != EROFS;
		if (missing && !strstr(e->text, "root"))
			hint = " — nsfault needs root (CAP_SYS_ADMIN and CAP_NET_ADMIN)";
		break;
	case EOPNOTSUPP:
		hint = " — this kernel lacks veth (CONFIG_VETH)";
		break;
	case EAFNOSUPPORT:
		hint = " — IPv6 is disabled on this kernel";
		break;
	case ENOENT:
		missing = strstr(e->text, "sysctl") != NULL;
		hint = missing ? " — this kernel has no such sysctl" : "";
		break;
	default:
		missing = false;
	}
	if (skip)
		*skip = missing;
	snprintf(err, errlen, "building host %s: %s%s", host, e->text, hint);
	return -1;
}

static void undo_ns(void *arg)
{
	ns_destroy(arg);
}

/* A pinned sysctl the environment does not let be written is left as it is,
 * and noted: the variant runs, and only a failure of it is in doubt (see
 * struct live_topo). Forwarding and the case's own sysctls are what the case
 * is about: without them it cannot run. */
static int set_pinned(struct live_topo *lt, struct ns *ns, const struct pinned_sysctl *p, struct nl_error *e)
{
	if (ns_sysctl_write(ns, p->name, p->value, e) == 0)
		return 0;
	if (!ns_sysctl_denied(e->err))
		return -1;
	if (!lt->unpinned[0])
		snprintf(lt->unpinned, sizeof(lt->unpinned), "%s", e->text);
	return 0;
}

#define IPV4_FORWARDING "net.ipv4.ip_forward"

bool build_sysctl_has_substitute(const char *name, const char *value)
{
	return strcmp(name, IPV4_FORWARDING) == 0 && strcmp(value, "1") == 0;
}

static const char *forwarding_sysctl(int family)
{
	return family == AF_INET ? IPV4_FORWARDING : "net.ipv6.conf.all.forwarding";
}

int build_own_sysctls(const struct case_file *c, int family, struct case_sysctl *out)
{
	int router = topo_get(c->topology)->router, n = 0;

	if (router >= 0) {
		out[n] = (struct case_sysctl){ .host = router };
		snprintf(out[n].name, sizeof(out[n].name), "%s", forwarding_sysctl(family));
		snprintf(out[n].value, sizeof(out[n].value), "1");
		n++;
	}
	for (int i = 0; i < c->nsysctls; i++)
		out[n++] = c->sysctls[i];
	return n;
}

/* A sysctl of the variant's own must be had: where only its substitute can
 * be (see build_sysctl_has_substitute), the links get it as they are made. */
static int set_own(struct live_topo *lt, struct ns *ns, const struct case_sysctl *s, struct nl_error *e)
{
	if (ns_sysctl_write(ns, s->name, s->value, e) == 0)
		return 0;
	if (!ns_sysctl_denied(e->err) || !build_sysctl_has_substitute(s->name, s->value))
		return -1;
	lt->forward_per_link = true;
	return 0;
}

/* The pinned defaults, then the variant's own (forwarding on the router,
 * the case's `sysctl` lines). */
static int set_sysctls(struct live_topo *lt, int host, struct nl_error *e)
{
	struct ns *ns = &lt->hosts[host];
	struct case_sysctl own[BUILD_MAX_SYSCTLS];
	int n = build_own_sysctls(lt->c, lt->family, own);

	for (const struct pinned_sysctl *p = pinned_sysctls; p->name; p++)
		if ((!p->family || p->family == lt->family) && set_pinned(lt, ns, p, e) < 0)
			return -1;
	for (int i = 0; i < n; i++)
		if (own[i].host == host && set_own(lt, ns, &own[i], e) < 0)
			return -1;
	return 0;
}

static int make_host(struct live_topo *lt, int host, char *err, size_t errlen, bool *skip)
{
	struct ns *ns = &lt->hosts[host];
	struct nl_error e = { 0 };

	if (ns_create(ns, lt->t->hosts[host], &e) < 0)
		return build_fail(lt->t->hosts[host], &e, err, errlen, skip);
	if (undo_push(undo_ns, ns) < 0) {
		ns_destroy(ns);
		snprintf(err, errlen, "building host %s: undo registry full", lt->t->hosts[host]);
		return -1;
	}
	if (set_sysctls(lt, host, &e) < 0)
		return build_fail(lt->t->hosts[host], &e, err, errlen, skip);
	return 0;
}

static const char *end_cidr(const struct topo_end *end, int family)
{
	return family == AF_INET ? end->v4 : end->v6;
}

/* Up, then operationally up (see ns_link_wait_up), then the address: an
 * address added before the link works would be usable only once the link
 * watcher has run. */
static int activate_end(struct live_topo *lt, const struct topo_end *end, struct nl_error *e)
{
	struct ns *ns = &lt->hosts[end->host];

	if (lt->forward_per_link && end->host == lt->t->router &&
	    ns_link_set_ipv4_forwarding(ns, end->ifname, true, e) < 0)
		return -1;
	if (ns_link_wait_up(ns, end->ifname, TIMEOUT_LINK_UP_MS, e) < 0 ||
	    ns_addr_add(ns, end->ifname, end_cidr(end, lt->family), e) < 0)
		return -1;
	return ns_route_wait_local(ns, end_cidr(end, lt->family), TIMEOUT_LINK_UP_MS, e);
}

/* Each end of the link gets a permanent neighbour entry for the other's
 * address: no ARP or neighbour discovery ever runs (see netns/neigh.h). */
static int pin_neighbours(struct live_topo *lt, const struct topo_link *l, struct nl_error *e, int *host)
{
	const struct topo_end *ends[2] = { &l->a, &l->b };

	if (lt->c->dynamic_neighbours)
		return 0;
	for (int j = 0; j < 2; j++) {
		const struct topo_end *me = ends[j], *peer = ends[1 - j];
		const char *cidr = end_cidr(peer, lt->family);
		char addr[64];
		uint8_t mac[6];

		*host = me->host;
		snprintf(addr, sizeof(addr), "%.*s", (int)strcspn(cidr, "/"), cidr);
		if (ns_link_mac(&lt->hosts[peer->host], peer->ifname, mac, e) < 0 ||
		    ns_neigh_add(&lt->hosts[me->host], me->ifname, addr, mac, e) < 0)
			return -1;
	}
	return 0;
}

static int make_link(struct live_topo *lt, const struct topo_link *l, struct nl_error *e, int *host)
{
	const struct topo_end *ends[2] = { &l->a, &l->b };

	*host = l->a.host;
	if (ns_link_add_veth(&lt->hosts[l->a.host], l->a.ifname, &lt->hosts[l->b.host], l->b.ifname, e) < 0)
		return -1;
	for (int j = 0; j < 2; j++) {
		*host = ends[j]->host;
		if (ns_link_set_up(&lt->hosts[ends[j]->host], ends[j]->ifname, true, e) < 0)
			return -1;
	}
	for (int j = 0; j < 2; j++) {
		*host = ends[j]->host;
		if (activate_end(lt, ends[j], e) < 0)
			return -1;
	}
	return pin_neighbours(lt, l, e, host);
}

/* keep_existing: an EEXIST is success (restoring after a link came back). */
static int make_routes(struct live_topo *lt, int host, bool keep_existing, struct nl_error *e)
{
	for (int i = 0; i < lt->t->nroutes; i++) {
		const struct topo_route *r = &lt->t->routes[i];

		if (r->host == host &&
		    ns_route_add(&lt->hosts[host], "default", lt->family == AF_INET ? r->v4_gw : r->v6_gw, e) < 0 &&
		    !(keep_existing && e->err == EEXIST))
			return -1;
	}
	return 0;
}

int build_topology(const struct case_file *c, int family, struct live_topo *lt,
		   char *err, size_t errlen, bool *skip)
{
	struct nl_error e = { 0 };
	int host = 0;

	*skip = false;
	memset(lt, 0, sizeof(*lt));
	lt->t = topo_get(c->topology);
	lt->c = c;
	lt->family = family;
	for (int i = 0; i < lt->t->nhosts; i++) {
		lt->hosts[i].fd = -1;
		if (make_host(lt, i, err, errlen, skip) < 0)
			return -1;
		lt->nhosts = i + 1;
	}
	for (int i = 0; i < lt->t->nlinks; i++)
		if (make_link(lt, &lt->t->links[i], &e, &host) < 0)
			return build_fail(lt->t->hosts[host], &e, err, errlen, skip);
	for (int i = 0; i < lt->t->nhosts; i++)
		if (make_routes(lt, i, false, &e) < 0)
			return build_fail(lt->t->hosts[i], &e, err, errlen, skip);
	return 0;
}

int build_host_again(struct live_topo *lt, int host, struct ns *from, char *err, size_t errlen)
{
	struct nl_error e = { 0 };
	int who;

	if (make_host(lt, host, err, errlen, NULL) < 0)
		return -1;
	for (int i = 0; i < lt->t->nlinks; i++) {
		const struct topo_link *l = &lt->t->links[i];
		const struct topo_end *ends[2] = { &l->a, &l->b };

		for (int j = 0; j < 2; j++)
			if (ends[j]->host == host &&
			    (ns_link_move(from, ends[j]->ifname, &lt->hosts[host], &e) < 0 ||
			     ns_link_set_up(&lt->hosts[host], ends[j]->ifname, true, &e) < 0 ||
			     activate_end(lt, ends[j], &e) < 0 || pin_neighbours(lt, l, &e, &who) < 0))
				return build_fail(lt->t->hosts[host], &e, err, errlen, NULL);
	}
	if (make_routes(lt, host, false, &e) < 0)
		return build_fail(lt->t->hosts[host], &e, err, errlen, NULL);
	return 0;
}

int build_restore_link(struct live_topo *lt, int host, const char *ifname, char *err, size_t errlen)
{
	struct nl_error e = { 0 };
	int who;

	for (int i = 0; i < lt->t->nlinks; i++) {
		const struct topo_link *l = &lt->t->links[i];
		const struct topo_end *ends[2] = { &l->a, &l->b };

		for (int j = 0; j < 2; j++) {
			if (ends[j]->host != host || strcmp(ends[j]->ifname, ifname) != 0)
				continue;
			if ((ns_addr_add(&lt->hosts[host], ifname, end_cidr(ends[j], lt->family), &e) < 0 &&
			     e.err != EEXIST) || pin_neighbours(lt, l, &e, &who) < 0)
				return build_fail(lt->t->hosts[host], &e, err, errlen, NULL);
		}
	}
	if (make_routes(lt, host, true, &e) < 0)
		return build_fail(lt->t->hosts[host], &e, err, errlen, NULL);
	return 0;
}

/* Building a topology's namespaces. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include "framework/build.h"
#include "framework/names.h"
#include "framework/pinned.h"
#include "framework/timeouts.h"
#include "framework/undo.h"
#include "netns/addr.h"
#include "netns/link.h"
#include "netns/sysctl.h"

/* Turns a netns error into the case's message, and decides whether the cause
 * is something missing on this machine (skip) or a failure. */
static int build_fail(const char *host, const struct nl_error *e, char *err, size_t errlen, bool *skip)
{
	const char *hint = "";

	switch (e->err) {
	case EPERM:
	case EACCES:
		if (!strstr(e->text, "root"))
			hint = " — nsfault needs root (CAP_SYS_ADMIN and CAP_NET_ADMIN)";
		*skip = true;
		break;
	case EOPNOTSUPP:
		hint = " — this kernel lacks veth (CONFIG_VETH)";
		*skip = true;
		break;
	case EAFNOSUPPORT:
		hint = " — IPv6 is disabled on this kernel";
		*skip = true;
		break;
	case ENOENT:
		if (strstr(e->text, "sysctl")) {
			hint = " — this kernel has no such sysctl";
			*skip = true;
		}
		break;
	}
	snprintf(err, errlen, "building host %s: %s%s", host, e->text, hint);
	return -1;
}

static void undo_ns(void *arg)
{
	ns_destroy(arg);
}

static int pin_sysctls(struct ns *ns, int family, int router, struct nl_error *e)
{
	for (const struct pinned_sysctl *p = pinned_sysctls; p->name; p++)
		if ((!p->family || p->family == family) && ns_sysctl_write(ns, p->name, p->value, e) < 0)
			return -1;
	if (!router)
		return 0;
	if (family == AF_INET)
		return ns_sysctl_write(ns, "net.ipv4.ip_forward", "1", e);
	return ns_sysctl_write(ns, "net.ipv6.conf.all.forwarding", "1", e);
}

static int make_hosts(const struct topo_def *t, int family, struct live_topo *lt,
		      char *err, size_t errlen, bool *skip)
{
	struct nl_error e = { 0 };

	for (int i = 0; i < t->nhosts; i++) {
		struct ns *ns = &lt->hosts[i];

		if (ns_create(ns, t->hosts[i], &e) < 0)
			return build_fail(t->hosts[i], &e, err, errlen, skip);
		lt->nhosts = i + 1;
		if (undo_push(undo_ns, ns) < 0) {
			ns_destroy(ns);
			snprintf(err, errlen, "building host %s: undo registry full", t->hosts[i]);
			return -1;
		}
		if (pin_sysctls(ns, family, i == t->router, &e) < 0)
			return build_fail(t->hosts[i], &e, err, errlen, skip);
	}
	return 0;
}

static const char *end_cidr(const struct topo_end *end, int family)
{
	return family == AF_INET ? end->v4 : end->v6;
}

/* Both ends up, then wait for each to be operationally up (see
 * ns_link_wait_up), then addresses: an address added before the link works
 * would be usable only once the link watcher has run. */
static int make_link(const struct topo_link *l, int family,
		     struct live_topo *lt, struct nl_error *e, int *host)
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
		struct ns *ns = &lt->hosts[ends[j]->host];

		*host = ends[j]->host;
		if (ns_link_wait_up(ns, ends[j]->ifname, TIMEOUT_LINK_UP_MS, e) < 0 ||
		    ns_addr_add(ns, ends[j]->ifname, end_cidr(ends[j], family), e) < 0)
			return -1;
	}
	return 0;
}

int build_topology(const struct topo_def *t, int family, struct live_topo *lt,
		   char *err, size_t errlen, bool *skip)
{
	struct nl_error e = { 0 };
	int host = 0;

	*skip = false;
	memset(lt, 0, sizeof(*lt));
	if (make_hosts(t, family, lt, err, errlen, skip) < 0)
		return -1;
	for (int i = 0; i < t->nlinks; i++)
		if (make_link(&t->links[i], family, lt, &e, &host) < 0)
			return build_fail(t->hosts[host], &e, err, errlen, skip);
	for (int i = 0; i < t->nroutes; i++) {
		const struct topo_route *r = &t->routes[i];

		if (ns_route_add(&lt->hosts[r->host], "default", family == AF_INET ? r->v4_gw : r->v6_gw, &e) < 0)
			return build_fail(t->hosts[r->host], &e, err, errlen, skip);
	}
	return 0;
}

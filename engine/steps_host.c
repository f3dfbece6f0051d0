/* SPDX-License-Identifier: GPL-2.0-only */
/* Coordinator verbs on hosts: power off and on, links down and up.
 *
 * Power off cuts the host off first and kills afterwards: its links move to
 * a blank "limbo" namespace (no addresses, IPv6 off, no forwarding: every
 * packet that arrives is dropped without an answer), so the FIN or RST its
 * dying sockets would send has no way out. Then its processes are killed and
 * its namespace is dropped with whatever sockets remain. Power on builds the
 * host anew and moves its links back. The peers' receive counters while it
 * was off are the proof that nothing left it. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "engine/coord_state.h"
#include "engine/dispatch.h"
#include "engine/wire.h"
#include "actions/firewall.h"
#include "actions/fw_refused.h"
#include "lang/verbs.h"
#include "util/timeouts.h"
#include "util/undo.h"
#include "netns/link.h"
#include "netns/sysctl.h"

static void host_fail(struct result *r, int err, const char *text)
{
	r->ran = true;
	r->ret = -1;
	r->err = err ? err : EIO;
	snprintf(r->note, sizeof(r->note), "%.*s", (int)sizeof(r->note) - 1, text);
}

static void undo_limbo(void *arg)
{
	ns_destroy(arg);
}

static int ensure_limbo(struct coord *k, struct nl_error *e)
{
	if (k->limbo.fd >= 0)
		return 0;
	if (ns_create(&k->limbo, "limbo", e) < 0)
		return -1;
	if (undo_push(undo_limbo, &k->limbo) < 0) {
		ns_destroy(&k->limbo);
		nl_set_error(e, ENOMEM, "limbo", "undo registry full");
		return -1;
	}
	/* Where the sysctl cannot be written (a container's read-only
	 * /proc/sys), the same silence comes from each link getting no IPv6
	 * address (cut_off): nothing to answer from, no DAD, no solicitation. */
	if (ns_sysctl_write(&k->limbo, "net.ipv6.conf.default.disable_ipv6", "1", e) == 0)
		return 0;
	if (!ns_sysctl_denied(e->err))
		return -1;
	k->limbo_v6_on = true;
	return 0;
}

/* Sums the rx packet counters of the link ends facing host. */
static int peers_rx(struct coord *k, int host, uint64_t *sum, struct nl_error *e)
{
	const struct topo_def *t = k->topo.t;

	*sum = 0;
	for (int i = 0; i < t->nlinks; i++) {
		const struct topo_end *a = &t->links[i].a, *b = &t->links[i].b;
		const struct topo_end *peer = a->host == host ? b : b->host == host ? a : NULL;
		uint64_t rx;

		if (!peer)
			continue;
		if (ns_link_rx_packets(&k->topo.hosts[peer->host], peer->ifname, &rx, e) < 0)
			return -1;
		*sum += rx;
	}
	return 0;
}

/* Moves every link end of host into limbo and sets it up there, so the
 * peers keep their carrier, as behind a switch. */
static int cut_off(struct coord *k, int host, struct nl_error *e)
{
	const struct topo_def *t = k->topo.t;

	for (int i = 0; i < t->nlinks; i++) {
		const struct topo_end *ends[2] = { &t->links[i].a, &t->links[i].b };

		for (int j = 0; j < 2; j++)
			if (ends[j]->host == host &&
			    (ns_link_move(&k->topo.hosts[host], ends[j]->ifname, &k->limbo, e) < 0 ||
			     (k->limbo_v6_on && ns_link_no_ipv6_addrs(&k->limbo, ends[j]->ifname, e) < 0) ||
			     ns_link_set_up(&k->limbo, ends[j]->ifname, true, e) < 0))
				return -1;
	}
	return 0;
}

void coord_poweroff(struct coord *k, const struct case_step *s, struct result *r)
{
	int host = s->target_host, killed = 0;
	struct nl_error e = { 0 };

	if (ensure_limbo(k, &e) < 0 || cut_off(k, host, &e) < 0 ||
	    peers_rx(k, host, &k->rx_at_off[host], &e) < 0) {
		host_fail(r, e.err, e.text);
		return;
	}
	for (int a = 0; a < k->c->nactors; a++)
		if (case_step_ends(s, a) && k->actors[a].agent.pid > 0) {
			coord_end_actor(k, a);
			killed++;
		}
	ns_destroy(&k->topo.hosts[host]);
	r->ran = true;
	snprintf(r->note, sizeof(r->note), "cut off, %d process%s killed", killed, killed == 1 ? "" : "es");
}

/* The result is the number of packets the host's peers received while it
 * was off: 0 proves nothing left it. */
void coord_poweron(struct coord *k, const struct case_step *s, struct result *r)
{
	int host = s->target_host;
	struct nl_error e = { 0 };
	char err[256];
	uint64_t rx;

	if (peers_rx(k, host, &rx, &e) < 0) {
		host_fail(r, e.err, e.text);
		return;
	}
	if (build_host_again(&k->topo, host, &k->limbo, err, sizeof(err)) < 0) {
		host_fail(r, EIO, err);
		return;
	}
	wire_host_again(k, host);
	r->ran = true;
	r->ret = (long)(rx - k->rx_at_off[host]);
	snprintf(r->note, sizeof(r->note), "packets the peers received while it was off");
}

/* Up waits until the link works and restores the host's addresses and
 * routes on it, as a configured host does when its link comes back. */
void coord_link(struct coord *k, const struct case_step *s, struct result *r)
{
	struct ns *ns = &k->topo.hosts[s->target_host];
	struct nl_error e = { 0 };
	char err[256];

	if (ns_link_set_up(ns, s->word, s->arg[0], &e) < 0 ||
	    (s->arg[0] && ns_link_wait_up(ns, s->word, TIMEOUT_LINK_UP_MS, &e) < 0)) {
		host_fail(r, e.err, e.text);
		return;
	}
	if (s->arg[0] && build_restore_link(&k->topo, s->target_host, s->word, err, sizeof(err)) < 0) {
		host_fail(r, EIO, err);
		return;
	}
	r->ran = true;
}

void coord_mtu(struct coord *k, const struct case_step *s, struct result *r)
{
	struct nl_error e = { 0 };

	if (ns_link_set_mtu(&k->topo.hosts[s->target_host], s->word, (uint32_t)s->arg[0], &e) < 0) {
		host_fail(r, e.err, e.text);
		return;
	}
	r->ran = true;
}

/* The case's rule, spelled for this variant's backend and family, applied
 * inside the host's namespace and nowhere else. */
void coord_firewall(struct coord *k, const struct case_step *s, struct result *r)
{
	bool add = s->verb->id == VERB_FIREWALL_ADD;
	bool ipv6 = k->family == AF_INET6;
	char cmd[512], err[512];

	if (k->backend < 0 || fw_rule_command(&s->rule, k->backend, ipv6, add, cmd, sizeof(cmd)) < 0) {
		host_fail(r, EINVAL, "no firewall backend for this variant, or the rule is too long");
		return;
	}
	if (fw_apply(&k->topo.hosts[s->target_host], (enum fw_backend)k->backend, ipv6, cmd, err, sizeof(err)) < 0) {
		host_fail(r, EIO, err);
		if (add && !k->fw_refused[0])
			(void)fw_refused_by_kernel(&s->rule, (enum fw_backend)k->backend, ipv6, k->fw_refused,
						   sizeof(k->fw_refused));
		return;
	}
	r->ran = true;
}

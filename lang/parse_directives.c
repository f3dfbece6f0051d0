/* SPDX-License-Identifier: GPL-2.0-only */
/* Directives: scenario, topology, family, actor, require, sysctl, backends,
 * neighbours. */
#include <stdio.h>
#include <string.h>
#include "lang/parse_directives.h"
#include "lang/parse_util.h"
#include "lang/topology.h"

static int dir_scenario(struct parser *p)
{
	char id[16];
	const struct lex_word *id_w = &p->w[1], *sum = &p->w[2];

	if (p->c->scenario[0])
		return parse_fail(p, p->w[0].col, "second 'scenario' line: a case file describes one scenario");
	if (p->nw < 2 || id_w->quoted || lex_copy(id_w, id, sizeof(id)) < 0 ||
	    id[0] < 'A' || id[0] > 'Z' || !id[1] || strspn(id + 1, "0123456789") != strlen(id + 1))
		return parse_fail(p, parse_col(p, 1), "expected a scenario ID such as E1 or H2 after 'scenario'");
	if (p->nw < 3 || !sum->quoted || sum->len == 0)
		return parse_fail(p, parse_col(p, 2), "expected a one-line summary in quotes after the scenario ID");
	if (p->nw > 3)
		return parse_fail(p, p->w[3].col, "unexpected words after the summary");
	snprintf(p->c->scenario, sizeof(p->c->scenario), "%s", id);
	if (lex_copy(sum, p->c->summary, sizeof(p->c->summary)) < 0)
		return parse_fail(p, sum->col, "summary longer than %d characters", CASE_TEXT_LEN - 1);
	return 0;
}

static int dir_topology(struct parser *p)
{
	char name[CASE_NAME_LEN] = "";
	const struct topo_def *def;

	if (p->topology_line)
		return parse_fail(p, p->w[0].col,
				  "the topology is already fixed (line %d): 'topology' goes before actors and steps, once",
				  p->topology_line);
	if (p->nw != 2 || lex_copy(&p->w[1], name, sizeof(name)) < 0 || !(def = topo_find(name)))
		return parse_fail(p, parse_col(p, 1), "expected a topology name after 'topology': pair or routed");
	parse_fix_topology(p, (enum case_topology)(def - topo_get(TOPO_PAIR)));
	return 0;
}

static int dir_family(struct parser *p)
{
	if (p->nw < 2)
		return parse_fail(p, parse_col(p, 1), "expected ipv4, ipv6 or both after 'family'");
	p->c->families = 0;
	for (int i = 1; i < p->nw; i++) {
		if (lex_is(&p->w[i], "ipv4"))
			p->c->families |= FAM_IPV4;
		else if (lex_is(&p->w[i], "ipv6"))
			p->c->families |= FAM_IPV6;
		else
			return parse_fail(p, p->w[i].col, "expected ipv4 or ipv6");
	}
	return 0;
}

static int host_word(struct parser *p, int i)
{
	char host[CASE_NAME_LEN];
	int h;

	if (i >= p->nw || lex_copy(&p->w[i], host, sizeof(host)) < 0 || (h = case_host_index(p->c, host)) < 0)
		return parse_fail(p, parse_col(p, i), "expected a host of the topology (%s%s%s%s%s)", p->c->hosts[0],
				  p->c->nhosts > 1 ? ", " : "", p->c->nhosts > 1 ? p->c->hosts[1] : "",
				  p->c->nhosts > 2 ? ", " : "", p->c->nhosts > 2 ? p->c->hosts[2] : "");
	return h;
}

static int dir_actor(struct parser *p)
{
	char name[CASE_NAME_LEN];
	int h;

	if (!p->topology_line)
		parse_fix_topology(p, TOPO_PAIR);
	if (p->nw != 4 || !lex_is(&p->w[2], "on"))
		return parse_fail(p, parse_col(p, p->nw < 2 ? 1 : 2), "expected: actor NAME on HOST");
	if (lex_copy(&p->w[1], name, sizeof(name)) < 0 || strchr(name, '.') || case_actor_index(p->c, name) >= 0)
		return parse_fail(p, p->w[1].col, "expected a new actor name (no '.', not already used)");
	if ((h = host_word(p, 3)) < 0)
		return -1;
	if (p->c->nactors == CASE_MAX_ACTORS)
		return parse_fail(p, p->w[1].col, "too many actors (at most %d)", CASE_MAX_ACTORS);
	parse_add_actor(p, name, h);
	return 0;
}

/* require kernel OP VERSION | config CONFIG_X | sysctl NAME | tool NAME */
static int dir_require(struct parser *p)
{
	static const char *const kinds[] = { [REQ_KERNEL] = "kernel", [REQ_CONFIG] = "config",
					     [REQ_SYSCTL] = "sysctl", [REQ_TOOL] = "tool" };
	struct case_req *r = &p->c->reqs[p->c->nreqs];
	int k;

	if (p->c->nreqs == CASE_MAX_REQS)
		return parse_fail(p, p->w[0].col, "too many requirements (at most %d)", CASE_MAX_REQS);
	for (k = 0; k < 4; k++)
		if (p->nw > 1 && lex_is(&p->w[1], kinds[k]))
			break;
	if (k == 4)
		return parse_fail(p, parse_col(p, 1), "expected kernel, config, sysctl or tool after 'require'");
	memset(r, 0, sizeof(*r));
	r->kind = (enum req_kind)k;
	r->line = p->line;
	if (k == REQ_KERNEL) {
		int i = parse_kernel_guard(p, 1, &r->guard);

		if (i < 0)
			return -1;
		if (i < p->nw)
			return parse_fail(p, p->w[i].col, "unexpected words after the kernel version");
	} else if (p->nw != 3 || lex_copy(&p->w[2], r->what, sizeof(r->what)) < 0 ||
		   (k == REQ_CONFIG && strncmp(r->what, "CONFIG_", 7) != 0)) {
		return parse_fail(p, parse_col(p, 2), k == REQ_CONFIG ? "expected one option such as CONFIG_INET_DIAG_DESTROY"
				  : "expected one name after 'require %s'", kinds[k]);
	}
	p->c->nreqs++;
	return 0;
}

/* sysctl HOST NAME VALUE: a per-case override on top of the pinned defaults. */
static int dir_sysctl(struct parser *p)
{
	struct case_sysctl *s = &p->c->sysctls[p->c->nsysctls];
	int h;

	if (!p->topology_line)
		parse_fix_topology(p, TOPO_PAIR);
	if (p->c->nsysctls == CASE_MAX_SYSCTLS)
		return parse_fail(p, p->w[0].col, "too many sysctls (at most %d)", CASE_MAX_SYSCTLS);
	if ((h = host_word(p, 1)) < 0)
		return -1;
	if (p->nw < 3 || lex_copy(&p->w[2], s->name, sizeof(s->name)) < 0 || strncmp(s->name, "net.", 4) != 0)
		return parse_fail(p, parse_col(p, 2), "expected a network sysctl name such as net.ipv4.tcp_syn_retries");
	if (p->nw != 4 || lex_copy(&p->w[3], s->value, sizeof(s->value)) < 0)
		return parse_fail(p, parse_col(p, 3), "expected one value after the sysctl name");
	s->host = h;
	p->c->nsysctls++;
	return 0;
}

/* backends nft iptables-nft iptables-legacy: the firewall backends the
 * case's rules are run with, each its own variant (default: all three). */
static int dir_backends(struct parser *p)
{
	if (p->nw < 2)
		return parse_fail(p, parse_col(p, 1), "expected nft, iptables-nft or iptables-legacy after 'backends'");
	p->c->backends = 0;
	for (int i = 1; i < p->nw; i++) {
		int b;

		for (b = 0; b < FW_NBACKENDS; b++)
			if (lex_is(&p->w[i], fw_backend_name((enum fw_backend)b)))
				break;
		if (b == FW_NBACKENDS)
			return parse_fail(p, p->w[i].col, "expected nft, iptables-nft or iptables-legacy");
		p->c->backends |= 1u << b;
	}
	p->backends_line = true;
	return 0;
}

/* neighbours static|dynamic: whether address resolution runs (default
 * static, see netns/neigh.h); dynamic for scenarios where a dropped path
 * also drops ARP and neighbour discovery. */
static int dir_neighbours(struct parser *p)
{
	if (p->nw != 2 || !(lex_is(&p->w[1], "static") || lex_is(&p->w[1], "dynamic")))
		return parse_fail(p, parse_col(p, 1), "expected static or dynamic after 'neighbours'");
	p->c->dynamic_neighbours = lex_is(&p->w[1], "dynamic");
	return 0;
}

int parse_directive(struct parser *p, int *rc)
{
	static const struct { const char *word; int (*fn)(struct parser *); } dirs[] = {
		{ "scenario", dir_scenario }, { "topology", dir_topology }, { "family", dir_family },
		{ "actor", dir_actor },       { "require", dir_require },   { "sysctl", dir_sysctl },
		{ "backends", dir_backends }, { "neighbours", dir_neighbours },
	};

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (lex_is(&p->w[0], dirs[i].word)) {
			*rc = dirs[i].fn(p);
			return 1;
		}
	return 0;
}

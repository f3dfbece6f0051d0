/* The case language: directives (scenario, topology, family, actor) and steps,
 * one per line:   ACTOR[.SOCKET] VERB ARGS... [as NAME] [= EXPECTATION]   */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "framework/lexer.h"
#include "framework/names.h"
#include "framework/parser.h"
#include "framework/topology.h"
#include "framework/verbs.h"

struct parser {
	const char *path;
	int line;
	struct case_file *c;
	char *err;
	size_t errlen;
	int topology_line;              /* 0 until the topology is fixed */
	int cur[CASE_MAX_ACTORS];       /* current socket slot per actor, -1: none */
	unsigned fresh[CASE_MAX_ACTORS];/* bit per slot: made by `socket`, still unbound */
	const struct lex_word *w;       /* the line's words */
	int nw;
};

static int fail(struct parser *p, int col, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(p->err, p->errlen, "%s:%d:%d: ", p->path, p->line, col);

	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < p->errlen)
		vsnprintf(p->err + n, p->errlen - n, fmt, ap);
	va_end(ap);
	return -1;
}

/* The word at i, or a pseudo-word at the end of the line for "missing" errors. */
static const struct lex_word *word_at(struct parser *p, int i)
{
	static const struct lex_word eol = { "", 0, 0, 0 };

	return i < p->nw ? &p->w[i] : &eol;
}

static int end_col(struct parser *p)
{
	const struct lex_word *last = &p->w[p->nw - 1];

	return last->col + last->len + (last->quoted ? 2 : 0);
}

static int col_of(struct parser *p, int i)
{
	return i < p->nw ? p->w[i].col : end_col(p);
}

static int parse_long(const struct lex_word *w, long *v)
{
	char buf[32];
	char *end;

	if (w->quoted || lex_copy(w, buf, sizeof(buf)) < 0 || !buf[0])
		return -1;
	errno = 0;
	*v = strtol(buf, &end, 10);
	return (*end || errno) ? -1 : 0;
}

/* --- directives ------------------------------------------------------------ */

static void add_actor(struct case_file *c, const char *name, int host)
{
	struct case_actor *a = &c->actors[c->nactors++];

	memset(a, 0, sizeof(*a));
	snprintf(a->name, sizeof(a->name), "%s", name);
	a->host = host;
}

/* Hosts and their default actors (one per host, named after it) are fixed by
 * the first line that needs them; a later `topology` line is an error. */
static void fix_topology(struct parser *p, enum case_topology t)
{
	const struct topo_def *def = topo_get(t);

	p->c->topology = t;
	p->c->nhosts = def->nhosts;
	for (int i = 0; i < def->nhosts; i++) {
		snprintf(p->c->hosts[i], CASE_NAME_LEN, "%s", def->hosts[i]);
		add_actor(p->c, def->hosts[i], i);
		p->cur[i] = -1;
	}
	p->topology_line = p->line;
}

static int dir_scenario(struct parser *p)
{
	char id[16];
	const struct lex_word *id_w = word_at(p, 1), *sum = word_at(p, 2);

	if (p->c->scenario[0])
		return fail(p, p->w[0].col, "second 'scenario' line: a case file describes one scenario");
	if (p->nw < 2 || lex_copy(id_w, id, sizeof(id)) < 0 || id_w->quoted ||
	    id[0] < 'A' || id[0] > 'Z' || strspn(id + 1, "0123456789") != strlen(id + 1) || !id[1])
		return fail(p, col_of(p, 1), "expected a scenario ID such as E1 or H2 after 'scenario'");
	if (p->nw < 3 || !sum->quoted || sum->len == 0)
		return fail(p, col_of(p, 2), "expected a one-line summary in quotes after the scenario ID");
	if (p->nw > 3)
		return fail(p, p->w[3].col, "unexpected words after the summary");
	snprintf(p->c->scenario, sizeof(p->c->scenario), "%s", id);
	if (lex_copy(sum, p->c->summary, sizeof(p->c->summary)) < 0)
		return fail(p, sum->col, "summary longer than %d characters", CASE_TEXT_LEN - 1);
	return 0;
}

static int dir_topology(struct parser *p)
{
	char name[CASE_NAME_LEN] = "";
	const struct topo_def *def;

	if (p->topology_line)
		return fail(p, p->w[0].col, "the topology is already fixed (line %d): 'topology' goes before actors and steps, once",
			    p->topology_line);
	if (p->nw != 2 || lex_copy(&p->w[1], name, sizeof(name)) < 0 || !(def = topo_find(name)))
		return fail(p, col_of(p, 1), "expected a topology name after 'topology': pair or routed");
	fix_topology(p, (enum case_topology)(def - topo_get(TOPO_PAIR)));
	return 0;
}

static int dir_family(struct parser *p)
{
	if (p->nw < 2)
		return fail(p, end_col(p), "expected ipv4, ipv6 or both after 'family'");
	p->c->families = 0;
	for (int i = 1; i < p->nw; i++) {
		if (lex_is(&p->w[i], "ipv4"))
			p->c->families |= FAM_IPV4;
		else if (lex_is(&p->w[i], "ipv6"))
			p->c->families |= FAM_IPV6;
		else
			return fail(p, p->w[i].col, "expected ipv4 or ipv6");
	}
	return 0;
}

static int dir_actor(struct parser *p)
{
	char name[CASE_NAME_LEN], host[CASE_NAME_LEN];
	int h;

	if (!p->topology_line)
		fix_topology(p, TOPO_PAIR);
	if (p->nw != 4 || !lex_is(&p->w[2], "on"))
		return fail(p, col_of(p, p->nw < 2 ? 1 : 2), "expected: actor NAME on HOST");
	if (lex_copy(&p->w[1], name, sizeof(name)) < 0 || strchr(name, '.') ||
	    case_actor_index(p->c, name) >= 0)
		return fail(p, p->w[1].col, "expected a new actor name (no '.', not already used)");
	if (lex_copy(&p->w[3], host, sizeof(host)) < 0 || (h = case_host_index(p->c, host)) < 0)
		return fail(p, p->w[3].col, "unknown host: this topology has %s%s%s%s%s", p->c->hosts[0],
			    p->c->nhosts > 1 ? ", " : "", p->c->nhosts > 1 ? p->c->hosts[1] : "",
			    p->c->nhosts > 2 ? ", " : "", p->c->nhosts > 2 ? p->c->hosts[2] : "");
	if (p->c->nactors == CASE_MAX_ACTORS)
		return fail(p, p->w[1].col, "too many actors (at most %d)", CASE_MAX_ACTORS);
	p->cur[p->c->nactors] = -1;
	add_actor(p->c, name, h);
	return 0;
}

/* --- step arguments -------------------------------------------------------- */

static int arg_count(struct parser *p, int i, long *v, const struct verb *vb)
{
	if (i >= p->nw || parse_long(&p->w[i], v) < 0 || *v < 0)
		return fail(p, col_of(p, i), "expected a count (a number >= 0), as in: %s", vb->usage);
	return 0;
}

static int arg_port(struct parser *p, const struct lex_word *w, int col, long *v, const struct verb *vb)
{
	if (parse_long(w, v) < 0 || *v < 1 || *v > 65535)
		return fail(p, col, "expected a port (1-65535), as in: %s", vb->usage);
	return 0;
}

static int arg_hostport(struct parser *p, int i, struct case_step *s, const struct verb *vb)
{
	char text[64], *colon;
	struct lex_word port;

	if (i >= p->nw || lex_copy(&p->w[i], text, sizeof(text)) < 0 || !(colon = strchr(text, ':')))
		return fail(p, col_of(p, i), "expected HOST:PORT, as in: %s", vb->usage);
	*colon = '\0';
	s->target_host = case_host_index(p->c, text);
	if (s->target_host < 0)
		return fail(p, p->w[i].col, "unknown host '%s': expected a host of the topology", text);
	port = (struct lex_word){ p->w[i].s + (colon - text) + 1, (int)strlen(colon + 1), 0, 0 };
	return arg_port(p, &port, p->w[i].col + (int)(colon - text) + 1, &s->arg[0], vb);
}

static int arg_flags(struct parser *p, int i, long *v)
{
	char text[128];
	int flags, bad = 0;

	if (lex_copy(&p->w[i], text, sizeof(text)) < 0 || names_msg_flags(text, &flags, &bad) < 0)
		return fail(p, p->w[i].col + bad, "expected MSG_* flags joined by '|', or 0");
	*v = flags;
	return 0;
}

static int arg_sockopt(struct parser *p, int i, struct case_step *s, int setting)
{
	char name[32];
	int nargs;

	if (i >= p->nw || lex_copy(&p->w[i], name, sizeof(name)) < 0 || !(s->opt = names_sockopt(name)))
		return fail(p, col_of(p, i), "expected a socket option name such as SO_LINGER or TCP_USER_TIMEOUT");
	if (!setting)
		return i + 1;
	if (s->opt->type == SOT_ERROR)
		return fail(p, p->w[i].col, "%s can only be read (getsockopt)", name);
	nargs = names_sockopt_nargs(s->opt->type);
	for (int k = 0; k < nargs; k++)
		if (i + 1 + k >= p->nw || parse_long(&p->w[i + 1 + k], &s->arg[k]) < 0)
			return fail(p, col_of(p, i + 1 + k), "expected %d integer value%s after %s", nargs,
				    nargs > 1 ? "s" : "", name);
	return i + 1 + nargs;
}

static int arg_word(struct parser *p, int i, long *v, int (*lookup)(const char *), const char *what)
{
	char text[32];

	if (i >= p->nw || lex_copy(&p->w[i], text, sizeof(text)) < 0 || (*v = lookup(text)) < 0)
		return fail(p, col_of(p, i), "expected %s", what);
	return 0;
}

/* Parses the arguments from word i on; returns the index after them or -1. */
static int parse_args(struct parser *p, int i, struct case_step *s)
{
	const struct verb *vb = s->verb;
	int k = 0;              /* next arg[] slot */

	for (const char *sc = vb->schema; *sc; sc++) {
		int optional_absent = i >= p->nw || lex_is(&p->w[i], "=") || lex_is(&p->w[i], "as");
		int r = 0;

		switch (*sc) {
		case 'N': r = arg_count(p, i++, &s->arg[k++], vb); break;
		case 'P': r = i < p->nw ? arg_port(p, &p->w[i], p->w[i].col, &s->arg[k++], vb)
				       : fail(p, end_col(p), "expected a port, as in: %s", vb->usage);
			  i++; break;
		case 'H': r = arg_hostport(p, i++, s, vb); k++; break;
		case 'n': s->arg[k] = vb->arg_default;
			  if (!optional_absent)
				  r = arg_count(p, i++, &s->arg[k], vb);
			  k++; break;
		case 'f': s->arg[k] = vb->arg_default;
			  if (!optional_absent)
				  r = arg_flags(p, i++, &s->arg[k]);
			  k++; break;
		case 'O': case 'G': r = arg_sockopt(p, i, s, *sc == 'O');
			  if (r > 0) { i = r; r = 0; }
			  break;
		case 'S': r = arg_word(p, i++, &s->arg[k++], names_tcp_state_value,
				       "a TCP state name such as ESTABLISHED, CLOSE_WAIT or CLOSE"); break;
		case 'W': r = arg_word(p, i++, &s->arg[k++], names_shutdown_how, "SHUT_RD, SHUT_WR or SHUT_RDWR"); break;
		}
		if (r < 0)
			return -1;
	}
	return i;
}

/* --- expectations ---------------------------------------------------------- */

static int parse_alt(struct parser *p, int i, enum value_kind k, struct expect_alt *a)
{
	const struct lex_word *w = word_at(p, i);
	char text[48];
	int e;

	if (i >= p->nw)
		return fail(p, end_col(p), "expected a result after '='");
	if (lex_copy(w, text, sizeof(text)) < 0)
		return fail(p, w->col, "expected a result, not a word this long");
	if (k == VK_FD && strcmp(text, "fd") == 0) {
		*a = (struct expect_alt){ 0, LONG_MAX, 0 };
		return i + 1;
	}
	if (strcmp(text, "-1") == 0) {
		char name[32];

		if (i + 1 >= p->nw || lex_copy(&p->w[i + 1], name, sizeof(name)) < 0 ||
		    (e = names_errno_value(name)) < 0)
			return fail(p, col_of(p, i + 1), "expected an errno name after -1, as in: = -1 ECONNRESET");
		*a = (struct expect_alt){ -1, -1, e };
		return i + 2;
	}
	if (k == VK_ERRNO && (e = names_errno_value(text)) > 0) {
		*a = (struct expect_alt){ e, e, 0 };
		return i + 1;
	}
	if (k == VK_STATE) {
		if ((e = names_tcp_state_value(text)) < 0)
			return fail(p, w->col, "expected a TCP state name such as ESTABLISHED or CLOSE");
		*a = (struct expect_alt){ e, e, 0 };
		return i + 1;
	}
	char *dots = strstr(text, "..");
	struct lex_word lo = *w, hi = *w;

	if (dots) {
		lo.len = (int)(dots - text);
		hi.s = w->s + lo.len + 2;
		hi.len = w->len - lo.len - 2;
	}
	if (parse_long(&lo, &a->lo) < 0 || (dots && parse_long(&hi, &a->hi) < 0) ||
	    (dots && a->hi < a->lo))
		return fail(p, w->col, k == VK_ERRNO ? "expected 0 or an errno name such as ECONNRESET"
				      : k == VK_FD ? "expected fd or -1 ERRNAME"
				      : "expected a number, a range LO..HI, or -1 ERRNAME");
	if (!dots)
		a->hi = a->lo;
	if (a->lo <= -1 && a->hi >= -1)
		return fail(p, w->col, "-1 needs its errno name, as in: = -1 ECONNRESET");
	a->err = 0;
	return i + 1;
}

/* Parses "= ALT [| ALT]..." from word i (the '='); returns the index after. */
static int parse_expect(struct parser *p, int i, enum value_kind k, struct expect *e)
{
	e->given = true;
	e->col = p->w[i].col;
	i++;
	for (;;) {
		if (e->nalts == EXPECT_MAX_ALTS)
			return fail(p, col_of(p, i), "too many alternatives (at most %d)", EXPECT_MAX_ALTS);
		i = parse_alt(p, i, k, &e->alt[e->nalts++]);
		if (i < 0 || i >= p->nw || !lex_is(&p->w[i], "|"))
			return i;
		i++;
	}
}

/* --- steps ----------------------------------------------------------------- */

static int find_sock_name(const struct case_actor *a, const char *name)
{
	for (int i = 0; i < a->nsocks; i++)
		if (strcmp(a->sock_names[i], name) == 0)
			return i;
	return -1;
}

/* Splits "server.conn" into the actor and a socket slot (-1: the current one). */
static int parse_subject(struct parser *p, struct case_step *s, int *named)
{
	char text[2 * CASE_NAME_LEN], *dot;
	struct case_actor *a;

	if (lex_copy(&p->w[0], text, sizeof(text)) < 0 || p->w[0].quoted)
		return fail(p, p->w[0].col, "expected a directive or an actor name");
	if ((dot = strchr(text, '.')))
		*dot = '\0';
	s->actor = case_actor_index(p->c, text);
	if (s->actor < 0)
		return fail(p, p->w[0].col,
			    "unknown actor or directive '%s': expected scenario, topology, family, actor, or an actor such as %s",
			    text, p->c->actors[0].name);
	a = &p->c->actors[s->actor];
	*named = dot != NULL;
	s->sock = -1;
	if (dot && (s->sock = find_sock_name(a, dot + 1)) < 0)
		return fail(p, p->w[0].col + (int)(dot - text) + 1,
			    "%s has no socket named '%s' (name one with 'as NAME' where it is made)", a->name, dot + 1);
	return 0;
}

static int new_sock(struct parser *p, struct case_step *s)
{
	struct case_actor *a = &p->c->actors[s->actor];

	if (a->nsocks == CASE_MAX_SOCKS)
		return fail(p, p->w[0].col, "%s uses too many sockets (at most %d)", a->name, CASE_MAX_SOCKS);
	s->sock = a->nsocks++;
	p->cur[s->actor] = s->sock;
	return 0;
}

/* Decides which socket slot the step acts on, from the verb's socket use. */
static int resolve_sock(struct parser *p, struct case_step *s, int named)
{
	int cur = named ? s->sock : p->cur[s->actor];
	unsigned *fresh = &p->fresh[s->actor];

	switch (s->verb->sock) {
	case SOCK_NONE:
		s->sock = -1;
		return 0;
	case SOCK_USE:
		if (cur < 0)
			return fail(p, p->w[0].col, "%s has no socket yet: expected socket, listen, connect or accept before",
				    p->c->actors[s->actor].name);
		s->sock = cur;         /* options may be set on a fresh socket: it stays fresh */
		return 0;
	case SOCK_FRESH:
		if (named || (cur >= 0 && (*fresh & (1u << cur)))) {
			s->sock = cur;
			*fresh &= ~(1u << cur);
			return 0;
		}
		return new_sock(p, s);
	case SOCK_NEW:
		s->src_sock = cur;
		if (s->verb->needs_src && cur < 0)
			return fail(p, p->w[0].col, "%s has no socket to %s from: expected listen before",
				    p->c->actors[s->actor].name, s->verb->name);
		if (named && !s->verb->needs_src)
			return fail(p, p->w[0].col, "'%s' makes a new socket: name it with 'as NAME', not ACTOR.NAME",
				    s->verb->name);
		if (new_sock(p, s) < 0)
			return -1;
		if (strcmp(s->verb->name, "socket") == 0)
			*fresh |= 1u << s->sock;
		return 0;
	}
	return 0;
}

/* "as NAME" after the arguments names the socket the step made. */
static int parse_as(struct parser *p, int i, struct case_step *s)
{
	struct case_actor *a = &p->c->actors[s->actor];
	char name[CASE_NAME_LEN];

	if (i >= p->nw || !lex_is(&p->w[i], "as"))
		return i;
	if (s->verb->sock != SOCK_NEW && s->verb->sock != SOCK_FRESH)
		return fail(p, p->w[i].col, "'as NAME' names a new socket; '%s' makes none", s->verb->name);
	if (i + 1 >= p->nw || lex_copy(&p->w[i + 1], name, sizeof(name)) < 0 || strchr(name, '.') ||
	    find_sock_name(a, name) >= 0)
		return fail(p, col_of(p, i + 1), "expected a new socket name after 'as'");
	snprintf(a->sock_names[s->sock], CASE_NAME_LEN, "%s", name);
	return i + 2;
}

static void step_text(struct parser *p, struct case_step *s, int upto)
{
	const struct lex_word *first = &p->w[0], *last = &p->w[upto - 1];
	int len = (int)(last->s + last->len - first->s) + (last->quoted ? 1 : 0);

	snprintf(s->text, sizeof(s->text), "%.*s", len, first->s);
}

static int parse_step(struct parser *p)
{
	struct case_step *s;
	int named, i, words;

	if (!p->topology_line)
		fix_topology(p, TOPO_PAIR);
	if (p->c->nsteps == CASE_MAX_STEPS)
		return fail(p, p->w[0].col, "too many steps (at most %d)", CASE_MAX_STEPS);
	s = &p->c->steps[p->c->nsteps];
	memset(s, 0, sizeof(*s));
	s->line = p->line;
	s->col = p->w[0].col;
	s->target_host = -1;
	if (parse_subject(p, s, &named) < 0)
		return -1;
	s->verb = p->nw > 1 ? verb_find(p->w[1].s, p->w[1].len, p->nw > 2 ? p->w[2].s : NULL,
					p->nw > 2 ? p->w[2].len : 0, &words) : NULL;
	if (!s->verb)
		return fail(p, col_of(p, 1), "expected a verb after '%s' (see `nsfault list --verbs`)",
			    p->c->actors[s->actor].name);
	if ((i = parse_args(p, 1 + words, s)) < 0 || resolve_sock(p, s, named) < 0 ||
	    (i = parse_as(p, i, s)) < 0)
		return -1;
	step_text(p, s, i);
	if (i < p->nw && lex_is(&p->w[i], "="))
		i = parse_expect(p, i, verb_kind(s), &s->expect);
	if (i < 0)
		return -1;
	if (i < p->nw)
		return fail(p, p->w[i].col, s->expect.given ? "unexpected words after the expected result"
				: "unexpected word: expected '= RESULT' or the end of the line");
	p->c->nsteps++;
	return 0;
}

static int parse_line(struct parser *p, const char *line)
{
	struct lex_word words[LEX_MAX_WORDS];
	const char *lerr = NULL;
	int col = 0;

	p->nw = lex_line(line, words, LEX_MAX_WORDS, &col, &lerr);
	if (p->nw < 0)
		return fail(p, col, "%s", lerr);
	if (p->nw == 0)
		return 0;
	p->w = words;
	if (lex_is(&words[0], "scenario"))
		return dir_scenario(p);
	if (lex_is(&words[0], "topology"))
		return dir_topology(p);
	if (lex_is(&words[0], "family"))
		return dir_family(p);
	if (lex_is(&words[0], "actor"))
		return dir_actor(p);
	return parse_step(p);
}

int case_parse(const char *path, const char *text, struct case_file *c, char *err, size_t errlen)
{
	struct parser p = { .path = path, .c = c, .err = err, .errlen = errlen };

	memset(c, 0, sizeof(*c));
	snprintf(c->path, sizeof(c->path), "%s", path);
	c->families = FAM_IPV4 | FAM_IPV6;
	for (const char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		p.line++;
		if (parse_line(&p, line) < 0)
			return -1;
	}
	p.line = 1;
	if (!c->scenario[0])
		return fail(&p, 1, "missing 'scenario ID \"summary\"' line (e.g. scenario E1 \"...\")");
	if (c->nsteps == 0)
		return fail(&p, 1, "no steps: a case needs at least one 'ACTOR VERB ...' line");
	return 0;
}

int case_load(const char *path, struct case_file *c, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc;

	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerrorname_np(errno));
		return -1;
	}
	n = getdelim(&text, &cap, '\0', f);
	fclose(f);
	if (n < 0) {
		snprintf(err, errlen, "%s: cannot read (or empty file)", path);
		free(text);
		return -1;
	}
	if ((size_t)n != strlen(text)) {
		snprintf(err, errlen, "%s:1:1: the file contains a NUL byte: a case file is text", path);
		free(text);
		return -1;
	}
	rc = case_parse(path, text, c, err, errlen);
	free(text);
	return rc;
}

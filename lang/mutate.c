/* SPDX-License-Identifier: GPL-2.0-only */
/* The mutation operators: each finds its sites in the parsed case and
 * rewrites the lines of the text there (lang/mutate_text.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include "lang/mutate_text.h"
#include "lang/symbols.h"
#include "lang/verbs.h"
#include "lang/mutate.h"

static const char *const op_names[MUT_NOPS] = {
	"errno-swap", "delete-fault", "timer-x1.5", "timer-x0.67",
	"reject-to-drop", "drop-to-reject", "delete-observation", "swap-observations",
};

const char *mut_op_name(enum mut_op op)
{
	return op < MUT_NOPS ? op_names[op] : "?";
}

unsigned mut_op_select(const char *name)
{
	size_t n = strlen(name);
	unsigned bits = 0;

	for (int i = 0; i < MUT_NOPS; i++)
		if (strcmp(op_names[i], name) == 0 || (n && strncmp(op_names[i], name, n) == 0 && op_names[i][n] == '-'))
			bits |= 1u << i;
	return bits;
}

/* What one generation run works on. */
struct gen {
	const struct mtext *t;
	const struct case_file *c;
	struct mutant_list *out;
	int rc;
};

static void add(struct gen *g, enum mut_op op, int line, const char *shown, const struct mtext_edit *e, int ne)
{
	struct mutant_list *l = g->out;
	char *text = mtext_apply(g->t, e, ne);

	if (!text || (l->n == l->cap && !(l->m = realloc(l->m, (size_t)(l->cap = l->cap * 2 + 16) * sizeof(*l->m))))) {
		free(text);
		l->n = l->cap = 0;      /* realloc failed: the old block is lost; say so */
		g->rc = -1;
		return;
	}
	l->m[l->n] = (struct mutant){ .op = op, .line = line, .text = text };
	snprintf(l->m[l->n].shown, sizeof(l->m[l->n].shown), "%s", shown);
	l->n++;
}

/* Adds the mutant that replaces the word at off (len bytes) of line k by word. */
static void add_word(struct gen *g, enum mut_op op, int k, int off, int len, const char *word)
{
	char *repl = mtext_replace(g->t, k, off, len, word);
	struct mtext_edit e = { k, repl };
	struct mtext one = { &e.repl, NULL, 1 };
	char shown[3 * CASE_TEXT_LEN];
	int rl = repl ? (int)strlen(repl) : 0;

	if (!repl) {
		g->rc = -1;
		return;
	}
	one.len = &rl;
	mtext_show(&one, 1, shown, sizeof(shown));
	add(g, op, k, shown, &e, 1);
	free(repl);
}

/* ---- errno-swap ---- */

/* Each errno a case expects, and the one a kernel change (or a confused
 * reader) would most likely give instead. */
static const char *const errno_swaps[][2] = {
	{ "ECONNRESET", "EPIPE" }, { "EPIPE", "ECONNRESET" }, { "ECONNREFUSED", "ETIMEDOUT" },
	{ "ETIMEDOUT", "ECONNREFUSED" }, { "ECONNABORTED", "ECONNRESET" }, { "EHOSTUNREACH", "ETIMEDOUT" },
	{ "ENETUNREACH", "EHOSTUNREACH" }, { "EACCES", "EHOSTUNREACH" }, { "EPERM", "EACCES" },
	{ "EAGAIN", "ETIMEDOUT" }, { "EINPROGRESS", "EALREADY" }, { "EALREADY", "EINPROGRESS" },
	{ "ENOTCONN", "EPIPE" }, { "EBADF", "ENOTCONN" }, { "EMSGSIZE", "EHOSTUNREACH" },
	{ "EPROTO", "ECONNREFUSED" },
};

static const char *errno_swap_of(const char *w, int len)
{
	for (size_t i = 0; i < sizeof(errno_swaps) / sizeof(errno_swaps[0]); i++)
		if ((int)strlen(errno_swaps[i][0]) == len && memcmp(errno_swaps[i][0], w, (size_t)len) == 0)
			return errno_swaps[i][1];
	return NULL;
}

/* Every errno after the '=' of line k. */
static void errno_line(struct gen *g, int k)
{
	bool after_eq = false;
	int off, len;

	for (int w = 0; (off = mtext_word(g->t, k, w, &len)) >= 0; w++) {
		const char *s = g->t->s[k - 1] + off, *swap;

		if (len == 1 && *s == '=')
			after_eq = true;
		else if (after_eq && (swap = errno_swap_of(s, len)))
			add_word(g, MUT_ERRNO_SWAP, k, off, len, swap);
	}
}

static void op_errno_swap(struct gen *g)
{
	for (int i = 0; i < g->c->nsteps; i++) {
		int k = g->c->steps[i].line, end = mtext_block_end(g->t, k);

		for (; k <= end; k++)
			errno_line(g, k);
	}
}

/* ---- deleting steps ---- */

/* True when word w of line k is text. */
static bool word_is(const struct gen *g, int k, int w, const char *text)
{
	int len, off = mtext_word(g->t, k, w, &len);

	return off >= 0 && (int)strlen(text) == len && memcmp(g->t->s[k - 1] + off, text, (size_t)len) == 0;
}

/* True when word w of lines a and b is the same. */
static bool same_word(const struct gen *g, int a, int b, int w)
{
	int la, lb, oa = mtext_word(g->t, a, w, &la), ob = mtext_word(g->t, b, w, &lb);

	return oa >= 0 && ob >= 0 && la == lb && memcmp(g->t->s[a - 1] + oa, g->t->s[b - 1] + ob, (size_t)la) == 0;
}

/* Adds the mutant without steps a and b (b -1: only a), continuation lines included. */
static void add_deletion(struct gen *g, enum mut_op op, int a, int b)
{
	struct mtext_edit e[2 * (CASE_MAX_EXPECTS + 1)];
	char shown[3 * CASE_TEXT_LEN], first[CASE_TEXT_LEN], second[CASE_TEXT_LEN];
	int ne = 0, steps[2] = { a, b };

	for (int i = 0; i < 2 && steps[i] >= 0; i++) {
		int k = g->c->steps[steps[i]].line, end = mtext_block_end(g->t, k);

		for (; k <= end && ne < (int)(sizeof(e) / sizeof(e[0])); k++)
			e[ne++] = (struct mtext_edit){ k, "" };
	}
	mtext_show(g->t, g->c->steps[a].line, first, sizeof(first));
	if (b < 0) {
		snprintf(shown, sizeof(shown), "deleted: %s", first);
	} else {
		mtext_show(g->t, g->c->steps[b].line, second, sizeof(second));
		snprintf(shown, sizeof(shown), "deleted: %s (and line %d: %s)", first, g->c->steps[b].line, second);
	}
	add(g, op, g->c->steps[a].line, shown, e, ne);
}

static int verb_of(const struct case_step *s)
{
	return s->verb ? (int)s->verb->id : -1;
}

/* The step after i that undoes fault step i (thaw after freeze, firewall del
 * of the same rule, poweron of the same host, link up of the same link), or -1. */
static int undoing_step(const struct gen *g, int i)
{
	const struct case_step *f = &g->c->steps[i];
	int fv = verb_of(f), undo = fv == VERB_FREEZE ? VERB_THAW : fv == VERB_FIREWALL_ADD ? VERB_FIREWALL_DEL :
			       fv == VERB_POWEROFF ? VERB_POWERON : fv == VERB_LINK ? VERB_LINK : -1;

	for (int j = i + 1; undo >= 0 && j < g->c->nsteps; j++) {
		const struct case_step *s = &g->c->steps[j];

		if (verb_of(s) != undo || s->actor != f->actor || s->target_host != f->target_host)
			continue;
		if (undo == VERB_FIREWALL_DEL && !same_word(g, f->line, s->line, 3))
			continue;
		if (undo == VERB_LINK && (!same_word(g, f->line, s->line, 2) || !word_is(g, s->line, 3, "up")))
			continue;
		return j;
	}
	return -1;
}

static bool is_fault(const struct gen *g, const struct case_step *s)
{
	switch (verb_of(s)) {
	case VERB_FREEZE: case VERB_KILL: case VERB_FIREWALL_ADD: case VERB_POWEROFF: case VERB_DESTROY:
		return true;
	case VERB_SETSOCKOPT:
		return s->opt && strcmp(s->opt->name, "SO_LINGER") == 0;
	case VERB_LINK:
		return word_is(g, s->line, 3, "down");
	default:
		return false;
	}
}

static void op_delete_fault(struct gen *g)
{
	for (int i = 0; i < g->c->nsteps; i++)
		if (is_fault(g, &g->c->steps[i]))
			add_deletion(g, MUT_DELETE_FAULT, i, undoing_step(g, i));
}

/* ---- timers ---- */

/* The socket options and sysctls that set a timer or a retry count. */
static const char *const timer_opts[] = {
	"TCP_USER_TIMEOUT", "TCP_KEEPIDLE", "TCP_KEEPINTVL", "TCP_KEEPCNT", "SO_SNDTIMEO", "SO_RCVTIMEO",
	"TCP_SYNCNT", NULL,
};
static const char *const timer_sysctls[] = {
	"net.ipv4.tcp_syn_retries", "net.ipv4.tcp_synack_retries", "net.ipv4.tcp_retries1",
	"net.ipv4.tcp_retries2", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_keepalive_intvl",
	"net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_orphan_retries", NULL,
};

/* Index of the word of line k that is one of names, or -1. */
static int word_in(const struct gen *g, int k, const char *const *names)
{
	for (int w = 0; w < 16; w++)
		for (int i = 0; names[i]; i++)
			if (word_is(g, k, w, names[i]))
				return w;
	return -1;
}

/* The value scaled, rounded to the nearest; 0 (a timer switched off, or not
 * a number) when it would not change or would switch the timer off. */
static long scaled(const char *w, int len, int num, int den)
{
	char buf[24], *end;
	long v, s;

	if (len <= 0 || len >= (int)sizeof(buf))
		return 0;
	memcpy(buf, w, (size_t)len);
	buf[len] = '\0';
	v = strtol(buf, &end, 10);
	if (*end || v <= 0 || v > 100000000)
		return 0;
	s = (v * num + den / 2) / den;
	return s == v ? 0 : s;
}

/* Both scalings of the number in word w of line k. */
static void timer_site(struct gen *g, int k, int w)
{
	int len, off = mtext_word(g->t, k, w, &len);
	char num[24];
	long v;

	if (off < 0)
		return;
	if ((v = scaled(g->t->s[k - 1] + off, len, 3, 2)) > 0) {
		snprintf(num, sizeof(num), "%ld", v);
		add_word(g, MUT_TIMER_UP, k, off, len, num);
	}
	if ((v = scaled(g->t->s[k - 1] + off, len, 67, 100)) > 0) {
		snprintf(num, sizeof(num), "%ld", v);
		add_word(g, MUT_TIMER_DOWN, k, off, len, num);
	}
}

static void op_timers(struct gen *g)
{
	for (int k = 1; k <= g->t->n; k++)
		if (word_is(g, k, 0, "sysctl") && word_in(g, k, timer_sysctls) == 2)
			timer_site(g, k, 3);
	for (int i = 0; i < g->c->nsteps; i++) {
		const struct case_step *s = &g->c->steps[i];
		int w;

		if (verb_of(s) == VERB_SETSOCKOPT && (w = word_in(g, s->line, timer_opts)) >= 0)
			timer_site(g, s->line, w + 1);
	}
}

/* ---- firewall actions ---- */

static const char *const reject_actions[] = {
	"tcp-reset", "net-unreachable", "host-unreachable", "port-unreachable", "admin-prohibited", NULL,
};

/* The word index of the rule's action: the last word before '=' or the end,
 * or the one before a closing `once`. */
static int action_word(const struct gen *g, int k)
{
	int w, len;

	for (w = 0; mtext_word(g->t, k, w, &len) >= 0 && !word_is(g, k, w, "="); w++)
		;
	return word_is(g, k, w - 1, "once") ? w - 2 : w - 1;
}

static void op_firewall(struct gen *g, unsigned ops)
{
	for (int i = 0; i < g->c->nsteps; i++) {
		int k = g->c->steps[i].line, w, len, off;

		if (verb_of(&g->c->steps[i]) != VERB_FIREWALL_ADD || (off = mtext_word(g->t, k, w = action_word(g, k), &len)) < 0)
			continue;
		if ((ops & (1u << MUT_REJECT_TO_DROP)) && word_in(g, k, reject_actions) == w)
			add_word(g, MUT_REJECT_TO_DROP, k, off, len, "drop");
		if ((ops & (1u << MUT_DROP_TO_REJECT)) && word_is(g, k, w, "drop"))
			add_word(g, MUT_DROP_TO_REJECT, k, off, len, "port-unreachable");
	}
}

/* ---- observations ---- */

/* A call whose result a case asserts and which may change what later calls
 * see: it consumes data or an error, or moves a connection along. */
static bool has_effect(const struct case_step *s)
{
	switch (verb_of(s)) {
	case VERB_RECV: case VERB_SEND: case VERB_ERRQUEUE: case VERB_ACCEPT: case VERB_CONNECT:
		return true;
	case VERB_GETSOCKOPT:
		return s->opt && strcmp(s->opt->name, "SO_ERROR") == 0;     /* reading clears it */
	default:
		return false;
	}
}

/* True when alternative a is a result that shows the call changed nothing:
 * -1 EAGAIN; for recv, 0 (EOF consumes nothing); for SO_ERROR, 0 (reading
 * no error clears none); for send with MSG_NOSIGNAL, -1 EPIPE; for connect,
 * -1 EALREADY or EISCONN (__inet_stream_connect() on a socket already
 * connecting or connected only waits or returns: no segment, no state, and
 * no pending error taken); for recv with MSG_PEEK, any count: a peek that
 * returns data or EOF leaves the data queued and sk_err alone
 * (tcp_recvmsg_locked() takes sk_err only when it copied nothing). */
static bool no_effect_alt(const struct case_step *s, const struct expect_alt *a)
{
	bool so_error = verb_of(s) == VERB_GETSOCKOPT;

	if (verb_of(s) == VERB_RECV && (s->arg[1] & MSG_PEEK) && a->lo >= 0)
		return true;
	if (a->lo == -1 && a->hi == -1 && verb_of(s) == VERB_CONNECT)
		return a->err == EAGAIN || a->err == EALREADY || a->err == EISCONN;
	if (a->lo == -1 && a->hi == -1)
		return a->err == EAGAIN || (verb_of(s) == VERB_SEND && a->err == EPIPE && (s->arg[1] & MSG_NOSIGNAL));
	return a->lo == 0 && a->hi == 0 && (verb_of(s) == VERB_RECV || so_error);
}

/* A call the case itself shows to have changed nothing: every result it
 * may give is one of no_effect_alt's. */
static bool no_effect(const struct case_step *s)
{
	for (int e = 0; e < s->nexpects; e++)
		for (int a = 0; a < s->expects[e].nalts; a++)
			if (!no_effect_alt(s, &s->expects[e].alt[a]))
				return false;
	return s->nexpects > 0;
}

/* A call that only reads, or that the case shows changed nothing: deleting
 * it, or reordering two of them, cannot change what any call sees, so such
 * mutants are equivalent by construction. */
static bool pure_read(const struct case_step *s)
{
	if (has_effect(s) && no_effect(s))
		return true;
	switch (verb_of(s)) {
	case VERB_POLL: case VERB_INQ: case VERB_OUTQ: case VERB_STATE: case VERB_SIGPIPES: case VERB_WAIT_STATE:
		return true;
	case VERB_GETSOCKOPT:
		return !has_effect(s);
	default:
		return false;
	}
}

static bool observation(const struct case_step *s)
{
	return s->nexpects > 0 && !s->async && s->actor >= 0 && (has_effect(s) || pure_read(s));
}

/* A getsockopt(SO_ERROR) that may clear an error: it changes the
 * socket's sk_err or sk_err_soft and nothing else (sock_error(), and
 * sk_getsockopt's xchg of sk_err_soft). */
static bool so_error_read(const struct case_step *s)
{
	return verb_of(s) == VERB_GETSOCKOPT && has_effect(s);
}

/* A call that can only have taken the socket's pending error: an SO_ERROR
 * read, or a recv every expected result of which is an error (it copied
 * nothing, and a failed recv raises no signal). */
static bool error_taker(const struct case_step *s)
{
	if (so_error_read(s))
		return true;
	if (verb_of(s) != VERB_RECV || s->nexpects == 0)
		return false;
	for (int e = 0; e < s->nexpects; e++)
		for (int a = 0; a < s->expects[e].nalts; a++)
			if (s->expects[e].alt[a].lo != -1 || s->expects[e].alt[a].hi != -1)
				return false;
	return true;
}

/* The socket step s acts on, as (actor, slot); a finish acts on its start's. */
static int sock_of(const struct gen *g, const struct case_step *s)
{
	return s->start_step >= 0 ? g->c->steps[s->start_step].sock : s->sock;
}

/* A read of the socket's state or queue lengths: TCP_INFO's state,
 * SIOCINQ, SIOCOUTQ. None reads sk_err or sk_err_soft. */
static bool field_read(const struct case_step *s)
{
	int v = verb_of(s);

	return v == VERB_STATE || v == VERB_INQ || v == VERB_OUTQ;
}

/* True when a step after i that asserts something acts on step i's socket
 * and may read its error (anything but a field_read). */
static bool asserted_later_on_sock(const struct gen *g, int i)
{
	const struct case_step *s = &g->c->steps[i];

	for (int j = i + 1; j < g->c->nsteps; j++) {
		const struct case_step *n = &g->c->steps[j];

		if (n->nexpects > 0 && n->actor == s->actor && sock_of(g, n) == s->sock && !field_read(n))
			return true;
	}
	return false;
}

static void op_delete_obs(struct gen *g)
{
	int last = -1;

	for (int i = 0; i < g->c->nsteps; i++)
		if (g->c->steps[i].nexpects > 0)
			last = i;
	/* An observation after the last assertion can change nothing asserted;
	 * nor can a call that only took an error, after the last assertion on
	 * its socket that could read one. */
	for (int i = 0; i < last; i++)
		if (observation(&g->c->steps[i]) && !pure_read(&g->c->steps[i]) &&
		    (!error_taker(&g->c->steps[i]) || asserted_later_on_sock(g, i)))
			add_deletion(g, MUT_DELETE_OBS, i, -1);
}

/* Adds the mutant with the blocks of steps i and i + 1 swapped. */
static void add_swap(struct gen *g, int i)
{
	int a = g->c->steps[i].line, ae = mtext_block_end(g->t, a);
	int b = g->c->steps[i + 1].line, be = mtext_block_end(g->t, b);
	size_t alen = (size_t)(g->t->s[ae - 1] + g->t->len[ae - 1] - g->t->s[a - 1]);
	size_t blen = (size_t)(g->t->s[be - 1] + g->t->len[be - 1] - g->t->s[b - 1]);
	char *ablk = strndup(g->t->s[a - 1], alen), *bblk = strndup(g->t->s[b - 1], blen);
	struct mtext_edit e[2 * (CASE_MAX_EXPECTS + 1)];
	char shown[3 * CASE_TEXT_LEN], first[CASE_TEXT_LEN], second[CASE_TEXT_LEN];
	int ne = 0;

	if (ablk && bblk && (alen != blen || memcmp(ablk, bblk, alen) != 0)) {
		e[ne++] = (struct mtext_edit){ a, bblk };
		for (int k = a + 1; k <= ae; k++)
			e[ne++] = (struct mtext_edit){ k, "" };
		e[ne++] = (struct mtext_edit){ b, ablk };
		for (int k = b + 1; k <= be; k++)
			e[ne++] = (struct mtext_edit){ k, "" };
		mtext_show(g->t, a, first, sizeof(first));
		mtext_show(g->t, b, second, sizeof(second));
		snprintf(shown, sizeof(shown), "swapped: %s <-> line %d: %s", first, b, second);
		add(g, MUT_SWAP_OBS, a, shown, e, ne);
	} else if (!ablk || !bblk) {
		g->rc = -1;
	}
	free(ablk);
	free(bblk);
}

/* Two adjacent calls that commute by construction, so that swapping them
 * is equivalent: a read of one socket (pure, or SO_ERROR, which clears only
 * that socket's error) and a call on another socket of the same actor (only
 * the time between them changes, not what either call does to its socket);
 * or an SO_ERROR read and a read of state or queue lengths of one socket,
 * neither of which reads what the other clears. (sigpipes has no socket:
 * it never commutes with a send this way.) */
static bool commute(const struct gen *g, const struct case_step *s, const struct case_step *n)
{
	int a = sock_of(g, s), b = sock_of(g, n);
	bool reads = pure_read(s) || so_error_read(s) || pure_read(n) || so_error_read(n);

	if (a >= 0 && b >= 0 && a != b && reads)
		return true;
	return a == b && ((so_error_read(s) && field_read(n)) || (field_read(s) && so_error_read(n)));
}

static void op_swap_obs(struct gen *g)
{
	for (int i = 0; i + 1 < g->c->nsteps; i++) {
		const struct case_step *s = &g->c->steps[i], *n = &g->c->steps[i + 1];

		if (observation(s) && observation(n) && s->actor == n->actor && !(pure_read(s) && pure_read(n)) &&
		    !commute(g, s, n))
			add_swap(g, i);
	}
}

int mut_generate(const char *text, const struct case_file *c, unsigned ops, struct mutant_list *out)
{
	struct mtext t;
	struct gen g = { &t, c, out, 0 };

	if (mtext_split(text, &t) < 0)
		return -1;
	if (ops & (1u << MUT_ERRNO_SWAP))
		op_errno_swap(&g);
	if (ops & (1u << MUT_DELETE_FAULT))
		op_delete_fault(&g);
	if (ops & ((1u << MUT_TIMER_UP) | (1u << MUT_TIMER_DOWN)))
		op_timers(&g);
	op_firewall(&g, ops);
	if (ops & (1u << MUT_DELETE_OBS))
		op_delete_obs(&g);
	if (ops & (1u << MUT_SWAP_OBS))
		op_swap_obs(&g);
	mtext_free(&t);
	return g.rc;
}

void mut_list_free(struct mutant_list *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->m[i].text);
	free(l->m);
	*l = (struct mutant_list){ 0 };
}

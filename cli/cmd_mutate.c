/* SPDX-License-Identifier: GPL-2.0-only */
/* `nsfault mutate`: mutation-tests cases. Every mutant of every case
 * (lang/mutate.h) that still parses runs like a case; one whose variants all
 * pass is a survivor: an assertion of the case that cannot fail. Survivors
 * listed in the equivalents file are reported as equivalent instead, and an
 * entry that matches no mutant, or a mutant that was killed, as stale. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "actions/freezer.h"
#include "cli/cli.h"
#include "cli/mutate_pool.h"
#include "engine/machine.h"
#include "engine/runner.h"
#include "lang/mutate.h"
#include "lang/mutate_equiv.h"
#include "lang/parser.h"
#include "util/clock.h"
#include "util/errnames.h"

enum { OPT_OPERATOR = 256, OPT_EQUIV, OPT_LIST };

const struct cli_opt mutate_options[] = {
	{ 'j', "jobs", "N", "run N mutants at once, 1..64 (default 1)" },
	{ 'f', "family", "ipv4|ipv6", "run one address family only" },
	{ OPT_OPERATOR, "operator", "NAME", "only this operator (repeatable): errno-swap, delete-fault, timer-x1.5, "
	  "timer-x0.67, reject-to-drop, drop-to-reject, delete-observation, swap-observations; "
	  "a prefix such as timer or delete selects all of its kind" },
	{ OPT_EQUIV, "equivalents", "FILE", "the list of equivalent mutants (default: mutants.equivalent in the corpus)" },
	{ OPT_LIST, "list", NULL, "only list the mutants, with the changed line; run nothing" },
	{ 'v', "verbose", NULL, "also list killed and invalid mutants, and what killed each" },
	{ 0 },
};

/* One mutant and what became of it. */
struct mrow {
	int cas;                /* index into the cases */
	struct mutant *m;
	bool invalid;           /* does not parse: not counted */
	bool not_here;          /* changes an expectation that gives no verdict here */
	char parse_err[512];
	struct mequiv *equiv;   /* listed as equivalent, or NULL */
	struct mpool_item run;
};

struct mopts {
	int jobs;
	unsigned families, ops;
	bool list, verbose;
	const char *equiv_path;
};

struct mstate {
	struct mopts o;
	struct case_file **cases;
	int ncases;
	struct mutant_list *muts;       /* one list per case */
	struct mrow *rows;
	int nrows;
	struct mequiv_list equivs;
};

static int bad_value(const char *opt, const char *value, const char *expected)
{
	fprintf(stderr, "nsfault mutate: %s '%s': expected %s\n", opt, value, expected);
	return -1;
}

static int apply_option(int ch, struct mopts *o)
{
	char *end;
	long v;
	unsigned bits;

	switch (ch) {
	case 'v': o->verbose = true; return 0;
	case OPT_LIST: o->list = true; return 0;
	case OPT_EQUIV: o->equiv_path = optarg; return 0;
	case 'j':
		v = strtol(optarg, &end, 10);
		if (end == optarg || *end || v < 1 || v > 64)
			return bad_value("-j", optarg, "1..64");
		o->jobs = (int)v;
		return 0;
	case 'f':
		if (strcmp(optarg, "ipv4") && strcmp(optarg, "ipv6"))
			return bad_value("-f", optarg, "ipv4 or ipv6");
		o->families = strcmp(optarg, "ipv4") == 0 ? FAM_IPV4 : FAM_IPV6;
		return 0;
	case OPT_OPERATOR:
		if (!(bits = mut_op_select(optarg)))
			return bad_value("--operator", optarg, "an operator name (see nsfault mutate --help)");
		o->ops |= bits;
		return 0;
	}
	return -1;
}

/* Returns 0, 'h' after --help, or -1 after a usage error (said on stderr). */
static int parse_opts(const struct cli_cmd *cmd, int argc, char **argv, struct mopts *o)
{
	int ch;

	*o = (struct mopts){ .jobs = 1, .families = FAM_IPV4 | FAM_IPV6 };
	while ((ch = cli_getopt(cmd, argc, argv)) != -1) {
		if (ch == 'h')
			return 'h';
		if (ch == '?' || apply_option(ch, o) < 0)
			return -1;
	}
	if (!o->ops)
		o->ops = (1u << MUT_NOPS) - 1;
	return 0;
}

/* The whole file at path, malloc'd and NUL-terminated, or NULL (said on stderr). */
static char *read_text(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t len = 0;
	FILE *m;

	if (!f) {
		fprintf(stderr, "nsfault mutate: %s: cannot open: %s\n", path, err_name(errno));
		return NULL;
	}
	m = open_memstream(&text, &len);
	for (int ch; m && (ch = getc(f)) != EOF;)
		putc(ch, m);
	if (m)
		fclose(m);
	fclose(f);
	if (!m)
		fprintf(stderr, "nsfault mutate: %s: out of memory\n", path);
	return m ? text : NULL;
}

/* Makes the mutants of every case, and one row per mutant. Returns 0 or -1. */
static int generate(struct mstate *st)
{
	int total = 0;

	st->muts = calloc((size_t)st->ncases + 1, sizeof(*st->muts));
	for (int i = 0; st->muts && i < st->ncases; i++) {
		char *text = read_text(st->cases[i]->path);
		int rc = text ? mut_generate(text, st->cases[i], st->o.ops, &st->muts[i]) : -1;

		free(text);
		if (rc < 0)
			return -1;
		total += st->muts[i].n;
	}
	st->rows = calloc((size_t)total + 1, sizeof(*st->rows));
	if (!st->muts || !st->rows)
		return -1;
	for (int i = 0; i < st->ncases; i++)
		for (int k = 0; k < st->muts[i].n; k++)
			st->rows[st->nrows++] = (struct mrow){ .cas = i, .m = &st->muts[i].m[k] };
	return 0;
}

/* Why line's expectation of c gives no verdict on this machine, or NULL
 * when it does: guarded to kernels other than the running one (`= X if
 * kernel < 6.5`), or a branch the kernel takes only sometimes (`branch
 * NAME`, `if NAME`). An errno swapped there cannot be killed here, so it is
 * no survivor, only untested here. */
static const char *no_verdict_here(const struct case_file *c, int line)
{
	long kver = machine_kernel_version();

	for (int i = 0; i < c->nsteps; i++)
		for (int k = 0; k < c->steps[i].nexpects; k++) {
			const struct expect *e = &c->steps[i].expects[k];
			struct kernel_guard g = e->guard;

			if (e->line != line)
				continue;
			if (e->branch || g.branches)
				return "applies only on a branch the kernel takes only sometimes";
			g.family = 0;   /* the kernel part alone */
			return g.op != GUARD_NONE && !match_guard(&g, kver, 0, 0)
				? "applies only to other kernels than this one" : NULL;
		}
	return NULL;
}

/* Parses every mutant: one that does not parse is invalid, not counted;
 * an errno swap in an expectation that gives no verdict here is skipped,
 * saying why. */
static void check_valid(struct mstate *st)
{
	struct case_file *scratch = malloc(sizeof(*scratch));

	for (int i = 0; i < st->nrows; i++) {
		struct mrow *r = &st->rows[i];
		const char *why;

		r->invalid = !scratch || case_parse(st->cases[r->cas]->path, r->m->text, scratch, r->parse_err,
						    sizeof(r->parse_err)) < 0;
		r->run = (struct mpool_item){ .path = st->cases[r->cas]->path, .text = r->m->text };
		why = !r->invalid && r->m->op == MUT_ERRNO_SWAP ? no_verdict_here(st->cases[r->cas], r->m->line) : NULL;
		r->not_here = why != NULL;
		if (r->not_here) {
			r->run.status = MPOOL_SKIPPED;
			snprintf(r->run.why, sizeof(r->run.why), "line %d %s: no verdict here", r->m->line, why);
		}
	}
	free(scratch);
}

/* Where the equivalents list is when not given: beside the corpus. */
static const char *default_equivalents(void)
{
	static char path[4200];
	struct stat st;

	snprintf(path, sizeof(path), "%s/mutants.equivalent", cli_default_cases());
	return stat(path, &st) == 0 ? path : NULL;
}

static int load_equivalents(struct mstate *st)
{
	const char *path = st->o.equiv_path ? st->o.equiv_path : default_equivalents();
	char err[512], *text;

	if (!path)
		return 0;
	st->o.equiv_path = path;
	if (!(text = read_text(path)))
		return -1;
	if (mequiv_parse(path, text, &st->equivs, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s\n", err);
		free(text);
		return -1;
	}
	free(text);
	for (int i = 0; i < st->nrows; i++) {
		struct mrow *r = &st->rows[i];

		r->equiv = mequiv_find(&st->equivs, st->cases[r->cas]->path, r->m->line, mut_op_name(r->m->op));
		if (r->equiv)
			r->equiv->matched++;
	}
	return 0;
}

/* ---- the report ---- */

static void print_row(const struct mstate *st, const struct mrow *r, const char *tag)
{
	printf("%-10s %s:%d %s: %s\n", tag, st->cases[r->cas]->path, r->m->line, mut_op_name(r->m->op), r->m->shown);
}

static void print_list(const struct mstate *st)
{
	for (int i = 0; i < st->nrows; i++) {
		const struct mrow *r = &st->rows[i];

		print_row(st, r, r->invalid ? "invalid" : r->equiv ? "equivalent" : "mutant");
		if (r->invalid && st->o.verbose)
			printf("    %s\n", r->parse_err);
	}
}

struct mcount { int mutants, killed, survived, equivalent, invalid, skipped, errors; };

static void count_row(struct mcount *c, const struct mrow *r)
{
	c->mutants++;
	if (r->invalid)
		c->invalid++;
	else if (r->run.status == MPOOL_SURVIVED && r->equiv)
		c->equivalent++;
	else if (r->run.status == MPOOL_SURVIVED)
		c->survived++;
	else if (r->run.status == MPOOL_KILLED)
		c->killed++;
	else if (r->run.status == MPOOL_SKIPPED)
		c->skipped++;
	else
		c->errors++;
}

/* The lines of one row after the run: survivors always, the rest with -v. */
static void report_row(const struct mstate *st, const struct mrow *r)
{
	if (r->invalid) {
		if (st->o.verbose) {
			print_row(st, r, "invalid");
			printf("    %s\n", r->parse_err);
		}
	} else if (r->run.status == MPOOL_SURVIVED) {
		print_row(st, r, r->equiv ? "equivalent" : "SURVIVED");
		if (r->equiv)
			printf("    # %s\n", r->equiv->reason);
	} else if (r->run.status == MPOOL_KILLED) {
		if (st->o.verbose) {
			print_row(st, r, "killed");
			printf("    by %s\n", r->run.why);
		}
	} else {
		print_row(st, r, r->run.status == MPOOL_SKIPPED ? "skipped" : "ERROR");
		if (r->run.why[0])
			printf("    %s\n", r->run.why);
	}
}

/* Entries that matched no mutant of a case and operator of this run, or a
 * mutant that was killed. Returns how many. */
static int report_stale(const struct mstate *st)
{
	int stale = 0;

	for (int i = 0; i < st->nrows; i++) {
		const struct mrow *r = &st->rows[i];

		if (r->equiv && !r->invalid && r->run.status == MPOOL_KILLED) {
			printf("STALE      %s:%d: %s:%d %s was killed, so it is not equivalent: delete the entry\n",
			       st->o.equiv_path, r->equiv->src_line, r->equiv->path, r->equiv->line, r->equiv->op);
			stale++;
		}
	}
	for (int i = 0; i < st->equivs.n; i++) {
		const struct mequiv *e = &st->equivs.e[i];
		bool covered = false;

		for (int k = 0; k < st->ncases && !covered; k++)
			covered = mequiv_find((struct mequiv_list *)&st->equivs, st->cases[k]->path, e->line, e->op) == e;
		if (covered && !e->matched && (st->o.ops & mut_op_select(e->op))) {
			printf("STALE      %s:%d: %s:%d %s matches no mutant: the case changed; delete or update the entry\n",
			       st->o.equiv_path, e->src_line, e->path, e->line, e->op);
			stale++;
		}
	}
	return stale;
}

static int report(const struct mstate *st, long long ms)
{
	struct mcount all = { 0 };
	int stale, valid;

	for (int c = 0; c < st->ncases; c++) {
		struct mcount one = { 0 };

		for (int i = 0; i < st->nrows; i++)
			if (st->rows[i].cas == c) {
				report_row(st, &st->rows[i]);
				count_row(&one, &st->rows[i]);
				count_row(&all, &st->rows[i]);
			}
		if (st->o.verbose)
			printf("%-10s %s: %d mutants, %d killed, %d survived, %d equivalent, %d invalid\n", "case",
			       st->cases[c]->path, one.mutants, one.killed, one.survived, one.equivalent, one.invalid);
	}
	stale = report_stale(st);
	valid = all.killed + all.survived;
	printf("score %d/%d killed (%.1f%%); %d survived, %d equivalent, %d invalid, %d skipped, %d errors, "
	       "%d stale equivalents; %d mutants of %d cases in %lld s\n",
	       all.killed, valid, valid ? 100.0 * all.killed / valid : 100.0, all.survived, all.equivalent,
	       all.invalid, all.skipped, all.errors, stale, all.mutants, st->ncases, ms / 1000);
	return all.survived || stale || all.errors ? EXIT_FAILED : EXIT_PASS;
}

/* Runs every valid mutant (the pool wants them side by side). Returns 0 or -1. */
static int run_valid(struct mstate *st, const struct coord_opts *copts)
{
	struct mpool_item *items = calloc((size_t)st->nrows + 1, sizeof(*items));
	int n = 0;

	if (!items)
		return -1;
	for (int i = 0; i < st->nrows; i++)
		if (!st->rows[i].invalid && !st->rows[i].not_here)
			items[n++] = st->rows[i].run;
	fprintf(stderr, "mutate: %d mutants of %d cases, %d of them valid; running %d at once\n", st->nrows,
		st->ncases, n, st->o.jobs);
	mpool_run(items, n, st->o.jobs, st->o.families, copts);
	for (int i = 0, k = 0; i < st->nrows; i++)
		if (!st->rows[i].invalid && !st->rows[i].not_here)
			st->rows[i].run = items[k++];
	free(items);
	return 0;
}

static void free_state(struct mstate *st)
{
	for (int i = 0; st->muts && i < st->ncases; i++)
		mut_list_free(&st->muts[i]);
	free(st->muts);
	free(st->rows);
	mequiv_free(&st->equivs);
	cli_free_cases(st->cases, st->ncases);
}

/* Loads, generates, checks and matches the equivalents. Returns 0 or an exit status. */
static int prepare(struct mstate *st, int argc, char **argv)
{
	if (cli_load_cases(argc - optind, argv + optind, &st->cases, &st->ncases) < 0)
		return EXIT_USAGE;
	if (generate(st) < 0) {
		fprintf(stderr, "nsfault mutate: cannot make the mutants (out of memory, or a file went away)\n");
		return EXIT_USAGE;
	}
	check_valid(st);
	return load_equivalents(st) < 0 ? EXIT_USAGE : 0;
}

int cmd_mutate(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct mstate st = { 0 };
	/* A killed mutant's capture and socket tables would be written for
	 * nobody: six tools run in its namespaces, and a file left in /tmp. */
	const struct coord_opts copts = { .freezer = FRZ_AUTO, .verdict_only = true };
	long long t0 = clock_ms();
	char err[512];
	int rc = parse_opts(cmd, argc, argv, &st.o);

	if (rc)
		return rc == 'h' ? EXIT_PASS : EXIT_USAGE;
	if ((rc = prepare(&st, argc, argv)) == 0 && st.o.list)
		print_list(&st);
	if (rc || st.o.list) {
		free_state(&st);
		return rc;
	}
	frz_clean_stale();
	if (run_probe(err, sizeof(err)) < 0) {
		printf("SKIP all mutants: %s\n", err);
		free_state(&st);
		return EXIT_SKIPPED;
	}
	if (run_valid(&st, &copts) < 0) {
		fprintf(stderr, "nsfault mutate: out of memory\n");
		free_state(&st);
		return EXIT_FAILED;
	}
	rc = report(&st, clock_ms() - t0);
	free_state(&st);
	return rc;
}

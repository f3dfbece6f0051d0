/* SPDX-License-Identifier: GPL-2.0-only */
/* The runner: one child process per case variant, up to a width at once,
 * started longest first and reported in plan order; SIGINT, SIGTERM and
 * SIGHUP end the run cleanly (see run_all). */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include "util/clock.h"
#include "util/errnames.h"
#include "util/proc.h"
#include "engine/coordinator.h"
#include "engine/machine.h"
#include "lang/plan.h"
#include "lang/version.h"
#include "actions/firewall.h"
#include "report/report.h"
#include "engine/runner.h"
#include "engine/userns.h"
#include "util/timeouts.h"
#include "engine/durations.h"
#include "engine/progress.h"
#include "actions/freezer.h"

/* In the probe child: its exit status is unshare's errno, or 0. */
static int probe_main(void *arg)
{
	(void)arg;
	return unshare(CLONE_NEWNET) < 0 ? errno : 0;
}

/* unshare's errno in a probe child, 0 when it worked, -1 (err filled) when
 * the probe itself broke. */
static int probe_errno(char *err, size_t errlen)
{
	pid_t pid = proc_spawn(probe_main, NULL);
	struct proc_end end;

	if (pid < 0) {
		snprintf(err, errlen, "fork: %s", err_name(errno));
		return -1;
	}
	proc_reap(pid, &end);
	if (end.how != PROC_EXITED) {
		snprintf(err, errlen, "the namespace probe process did not exit normally");
		return -1;
	}
	return end.code;
}

int run_probe(char *err, size_t errlen)
{
	char why[384];
	int code = probe_errno(err, errlen);

	if (code < 0)
		return -1;
	/* No CAP_SYS_ADMIN: in a user namespace of our own nsfault has it, and
	 * everything that works there runs (Podman's default, a non-root user). */
	if (code == EPERM && !userns_entered() && userns_enter() == 0)
		code = probe_errno(err, errlen);
	if (code <= 0)
		return code;
	userns_explain(code, why, sizeof(why));
	snprintf(err, errlen, "cannot create a network namespace: unshare(CLONE_NEWNET) failed with %s — %s",
		 err_name(code), why);
	return -1;
}

/* The phase bytes a case process writes before its outcome: one per
 * enum coord_phase. */
#define RUN_PHASES 2

/* What a case process starts from. */
struct case_start {
	const struct case_file *c;
	const struct variant *v;
	const struct coord_opts *opts;
	pid_t parent;
	int fd, other_end;      /* write and read end of the outcome pipe */
};

/* The signals that end a run (run_all). */
static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };

/* In the case process: its own process group, so that a terminal's Ctrl-C
 * reaches the runner only (the runner decides what happens to the case, and
 * kills the whole group); and the runner's handlers and blocked signals
 * undone. Setting SIG_IGN first discards a signal already pending. */
static void child_signals(void)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, dfl = { .sa_handler = SIG_DFL };
	sigset_t set;

	(void)setpgid(0, 0);	/* fails only if we lead a session: we do not */
	sigemptyset(&set);
	for (size_t i = 0; i < sizeof(stop_signals) / sizeof(stop_signals[0]); i++) {
		(void)sigaction(stop_signals[i], &ign, NULL);
		(void)sigaction(stop_signals[i], &dfl, NULL);
		sigaddset(&set, stop_signals[i]);
	}
	(void)sigprocmask(SIG_UNBLOCK, &set, NULL);
}

/* Writes len bytes whole; -1 when the runner is gone. */
static int write_whole(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* What the case process has told the runner: how many phase bytes. */
struct child_pipe {
	int fd;
	int phases;
};

/* In the case process: one byte per coord_phase, before the outcome; the
 * runner counts them (RUN_PHASES). A failed write only means the runner is
 * gone, and PR_SET_PDEATHSIG ends this process then. */
static void child_phase(enum coord_phase p, void *arg)
{
	struct child_pipe *cp = arg;
	unsigned char b = (unsigned char)p;

	if (cp->phases < RUN_PHASES && write_whole(cp->fd, &b, 1) == 0)
		cp->phases++;
}

/* In the case process: runs the variant and writes its outcome whole, after
 * both phase bytes (any the coordinator did not send, first). */
static int child_main(void *arg)
{
	const struct case_start *st = arg;
	static struct outcome o;
	struct child_pipe cp = { st->fd, 0 };
	struct coord_opts opts = *st->opts;

	close(st->other_end);
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != st->parent)
		return 1;
	child_signals();
	opts.phase = child_phase;
	opts.phase_arg = &cp;
	coord_run(st->c, st->v, &opts, &o);
	for (; cp.phases < RUN_PHASES; cp.phases++)
		if (write_whole(cp.fd, "", 1) < 0)
			return 1;
	return write_whole(cp.fd, &o, outcome_size(st->c->nsteps)) < 0;
}

/* One case variant in its child process, and the outcome it sends back. */
struct job {
	const struct case_file *c;
	struct variant v;
	pid_t pid;
	int fd;                 /* read end of the outcome pipe, -1 once closed */
	int phases;             /* phase bytes read so far (RUN_PHASES before the outcome) */
	size_t got;             /* bytes of the outcome read so far */
	size_t size;            /* of the outcome: outcome_size of the case */
	long long started, deadline;    /* ms, CLOCK_MONOTONIC */
	long expect_ms;         /* how long it is expected to take (start order) */
	struct outcome *o;
	bool running, done;
	bool counted;           /* in the run's done and failed counts */
};

static void job_fail(struct job *j, enum fail_kind kind, const char *fmt, const char *what)
{
	memset(j->o, 0, j->size);
	j->o->verdict = kind == FK_NOT_RUN ? VERDICT_SKIP : VERDICT_FAIL;
	j->o->kind = kind;
	j->o->failed_step = -1;
	snprintf(j->o->reason, sizeof(j->o->reason), fmt, what);
	j->o->elapsed_us = j->started ? (clock_ms() - j->started) * 1000 : 0;
	j->running = false;
	j->done = true;
}

static void job_start(struct job *j, const struct coord_opts *opts)
{
	struct case_start st = { j->c, &j->v, opts, getpid(), -1, -1 };
	int pfd[2];

	fflush(NULL);
	j->fd = -1;
	j->phases = 0;
	j->got = 0;
	j->started = clock_ms();
	j->deadline = j->started + TIMEOUT_CASE_MS;
	if (pipe2(pfd, O_CLOEXEC) < 0) {
		job_fail(j, FK_CRASH, "cannot start the case process: pipe: %s", err_name(errno));
		return;
	}
	st.fd = pfd[1];
	st.other_end = pfd[0];
	j->pid = proc_spawn(child_main, &st);
	close(pfd[1]);
	if (j->pid < 0) {
		close(pfd[0]);
		job_fail(j, FK_CRASH, "cannot start the case process: fork: %s", err_name(errno));
		return;
	}
	j->fd = pfd[0];
	j->running = true;
}

/* Kills the case process and everything in its process group (its agents,
 * tools it runs); the kernel then frees its namespaces. Killing the pid too
 * covers a child killed before its setpgid. */
static void job_kill(struct job *j, struct proc_end *end)
{
	(void)kill(-j->pid, SIGKILL);	/* ESRCH: no group yet, or gone */
	proc_kill(j->pid, end);
}

/* Reaps the child; an outcome that did not arrive whole becomes a FAIL
 * saying why. */
static void job_finish(struct job *j)
{
	bool whole = j->got == j->size;
	struct proc_end end;
	char how[64];

	close(j->fd);
	j->fd = -1;
	if (whole)
		proc_reap(j->pid, &end);
	else
		job_kill(j, &end);
	j->running = false;
	j->done = true;
	if (whole)
		return;
	if (clock_ms() >= j->deadline) {
		char secs[16];

		snprintf(secs, sizeof(secs), "%d", TIMEOUT_CASE_MS / 1000);
		job_fail(j, FK_TIMEOUT, "no verdict within %s s: the case process was killed", secs);
	}
	else if (end.how == PROC_SIGNALED)
		job_fail(j, FK_CRASH, "the case process was %s", proc_end_text(&end, how, sizeof(how)));
	else
		job_fail(j, FK_CRASH, "the case process exited before its verdict%s", "");
}

/* Ends a running job because the run was interrupted by sig. */
static void job_interrupt(struct job *j, int sig)
{
	struct proc_end end;

	close(j->fd);
	j->fd = -1;
	job_kill(j, &end);
	job_fail(j, FK_INTERRUPTED, "interrupted by %s: the case process was killed", sig_name(sig));
}

/* Reads what is there: a phase byte, one at a time (they come first), then
 * the outcome; finishes the job at the end of the outcome. */
static void job_read(struct job *j)
{
	unsigned char b;
	ssize_t r = j->phases < RUN_PHASES ? read(j->fd, &b, 1)
					  : read(j->fd, (char *)j->o + j->got, j->size - j->got);

	if (r < 0 && errno == EINTR)
		return;
	if (r > 0 && j->phases < RUN_PHASES)
		j->phases++;
	else if (r > 0)
		j->got += (size_t)r;
	if (r <= 0 || j->got == j->size)
		job_finish(j);
}

/* Whether a running job is building or tearing down its topology: before
 * its first phase byte (COORD_BUILT), or after its second (COORD_TEARDOWN). */
static bool job_in_topology(const struct job *j)
{
	return j->running && j->phases != 1;
}

/* Waits for any running job of the n to make progress, until the earliest
 * deadline; a job past its deadline is finished (killed). With mask, the
 * wait runs with that signal mask (ppoll), so that a stop signal blocked
 * elsewhere interrupts exactly this wait and is never lost. */
static void jobs_wait(struct job *jobs, int n, const sigset_t *mask)
{
	struct pollfd pfd[n > 0 ? n : 1];
	int idx[n > 0 ? n : 1], k = 0;
	long long first = LLONG_MAX, now = clock_ms();

	for (int i = 0; i < n; i++) {
		if (!jobs[i].running)
			continue;
		if (jobs[i].deadline <= now) {
			job_finish(&jobs[i]);
			continue;
		}
		pfd[k] = (struct pollfd){ .fd = jobs[i].fd, .events = POLLIN };
		idx[k++] = i;
		if (jobs[i].deadline < first)
			first = jobs[i].deadline;
	}
	if (k == 0)
		return;
	struct timespec ts = { (first - now) / 1000, ((first - now) % 1000) * 1000000L };

	if (ppoll(pfd, (nfds_t)k, &ts, mask) <= 0)
		return;
	for (int i = 0; i < k; i++)
		if (pfd[i].revents)
			job_read(&jobs[idx[i]]);
}

/* Starts the n jobs and returns when every one has ended. */
static void jobs_run(struct job *jobs, int n, const struct coord_opts *opts)
{
	int done = 0;

	for (int i = 0; i < n; i++)
		job_start(&jobs[i], opts);
	while (done < n) {
		jobs_wait(jobs, n, NULL);
		done = 0;
		for (int i = 0; i < n; i++)
			done += jobs[i].done;
	}
}

void run_variant(const struct case_file *c, const struct variant *v, const struct coord_opts *opts,
		 struct outcome *o)
{
	struct job j = { .c = c, .v = *v, .o = o, .size = outcome_size(c->nsteps) };

	jobs_run(&j, 1, opts);
}

void run_variants(const struct case_file *const *c, const struct variant *v, int n,
		  const struct coord_opts *opts, struct outcome *o)
{
	struct job *jobs = calloc(n > 0 ? (size_t)n : 1, sizeof(*jobs));

	if (!jobs) {	/* one at a time, then: each needs no more memory */
		for (int i = 0; i < n; i++)
			run_variant(c[i], &v[i], opts, &o[i]);
		return;
	}
	for (int i = 0; i < n; i++)
		jobs[i] = (struct job){ .c = c[i], .v = v[i], .o = &o[i], .size = outcome_size(c[i]->nsteps) };
	jobs_run(jobs, n, opts);
	free(jobs);
}

static void count(struct run_totals *t, const struct outcome *o)
{
	if (o->verdict == VERDICT_PASS)
		t->passed++;
	else if (o->verdict == VERDICT_SKIP)
		t->skipped++;
	else
		t->failed++;
	t->not_run += o->kind == FK_NOT_RUN;
	t->interrupted += o->kind == FK_INTERRUPTED;
}

/* Appends every variant of c to jobs (when jobs is NULL, only counts them);
 * which variants a case has is the language's decision (lang/plan.h). */
static int plan_case(const struct case_file *c, unsigned families, struct job *jobs)
{
	struct variant v[PLAN_MAX_VARIANTS];
	int n = plan_case_variants(c, families, v);

	for (int i = 0; jobs && i < n; i++)
		jobs[i] = (struct job){ .c = c, .v = v[i], .fd = -1, .size = outcome_size(c->nsteps) };
	return n;
}

static struct job *plan_all(struct case_file *const *cases, int n, const struct run_opts *opts, int *total)
{
	struct job *jobs;
	int per_rep = 0, k = 0;

	for (int i = 0; i < n; i++)
		per_rep += plan_case(cases[i], opts->families, NULL);
	*total = per_rep * opts->repeat;
	jobs = calloc(*total ? *total : 1, sizeof(*jobs));
	for (int rep = 0; jobs && rep < opts->repeat; rep++)
		for (int i = 0; i < n; i++)
			k += plan_case(cases[i], opts->families, jobs + k);
	return jobs;
}

/* How many (run, case file) blocks the plan reports: KTAP's top-level plan. */
static int plan_groups(const struct job *jobs, int total, int repeat)
{
	int per_run = total / (repeat > 0 ? repeat : 1), groups = 0;

	for (int i = 0; i < total; i++)
		groups += i == 0 || i % per_run == 0 || jobs[i].c != jobs[i - 1].c;
	return groups;
}

/* For qsort of job pointers: longest expected first, then plan order. */
static int longer_first(const void *a, const void *b)
{
	const struct job *x = *(const struct job *const *)a, *y = *(const struct job *const *)b;

	if (x->expect_ms != y->expect_ms)
		return x->expect_ms < y->expect_ms ? 1 : -1;
	return x < y ? -1 : x > y;
}

/* The order to start jobs in: longest first, so that the run's wall time
 * approaches its longest variant rather than that plus whatever started
 * before it. NULL when out of memory (then plan order). */
static struct job **start_order(struct job *jobs, int total, const struct dur_cache *d)
{
	struct job **order = malloc((size_t)(total ? total : 1) * sizeof(*order));

	if (!order)
		return NULL;
	for (int i = 0; i < total; i++) {
		jobs[i].expect_ms = dur_expected(d, jobs[i].c, &jobs[i].v);
		order[i] = &jobs[i];
	}
	qsort(order, (size_t)total, sizeof(*order), longer_first);
	return order;
}

int run_default_jobs(int total)
{
	struct rlimit rl;
	long pages = sysconf(_SC_AVPHYS_PAGES), page = sysconf(_SC_PAGESIZE);
	int jobs = total < RUN_JOBS_AUTO_MAX ? total : RUN_JOBS_AUTO_MAX;

	/* Memory: each variant holds a few processes and namespaces. */
	if (pages > 0 && page > 0) {
		long long fit = (long long)pages * page / (RUN_JOB_MEM_MB * 1024LL * 1024);

		if (fit < jobs)
			jobs = (int)fit;
	}
	/* Processes: a variant runs a coordinator, its agents and tools. */
	if (getrlimit(RLIMIT_NPROC, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    rl.rlim_cur / RUN_JOB_PROCS < (rlim_t)jobs)
		jobs = (int)(rl.rlim_cur / RUN_JOB_PROCS);
	return jobs > 0 ? jobs : 1;
}

int run_topology_width(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	return cpus > 1 ? (int)cpus : 1;
}

/* ---- the stop signals ---- */

static volatile sig_atomic_t stop_signal;
static bool stop_caught;
static sigset_t stop_mask;              /* the mask to wait with */
static struct sigaction stop_old[3];

static void on_stop(int sig)
{
	stop_signal = sig;
}

/* Catches the stop signals and blocks them outside ppoll (mask: the mask to
 * wait with); undone by stop_restore. */
static void stop_catch(sigset_t *mask, struct sigaction old[3])
{
	struct sigaction sa = { .sa_handler = on_stop };
	sigset_t set;

	sigemptyset(&set);
	for (int i = 0; i < 3; i++) {
		(void)sigaction(stop_signals[i], &sa, &old[i]);
		sigaddset(&set, stop_signals[i]);
	}
	(void)sigprocmask(SIG_BLOCK, &set, mask);
	for (int i = 0; i < 3; i++)
		sigdelset(mask, stop_signals[i]);
}

static void stop_restore(const sigset_t *mask, const struct sigaction old[3])
{
	for (int i = 0; i < 3; i++)
		(void)sigaction(stop_signals[i], &old[i], NULL);
	(void)sigprocmask(SIG_SETMASK, mask, NULL);
}

void run_catch_signals(void)
{
	if (!stop_caught)
		stop_catch(&stop_mask, stop_old);
	stop_caught = true;
}

/* ---- the run ---- */

/* What every variant not started gets when the run is interrupted: one
 * shared outcome, never freed. */
static struct outcome not_run_outcome;

struct run {
	struct job *jobs, **order;
	int total, started, printed, running, done, failed, width;
	int in_topology, topology_width;        /* building or tearing down: now, at most */
	bool stopped;           /* a stop signal was handled */
	const struct run_opts *opts;
	struct dur_cache *dur;
	struct progress prog;
	FILE *out;
};

static void run_start_more(struct run *r)
{
	while (!stop_signal && r->started < r->total && r->running < r->width &&
	       r->in_topology < r->topology_width) {
		struct job *j = r->order ? r->order[r->started] : &r->jobs[r->started];

		if (!(j->o = malloc(j->size)))
			break;
		r->started++;
		job_start(j, &r->opts->coord);
		r->running += j->running;
		r->in_topology += j->running;
	}
}

/* Prints every finished job at the head of the plan. */
static void run_print_ready(struct run *r, struct run_totals *t)
{
	for (; r->printed < r->total && r->jobs[r->printed].done; r->printed++) {
		struct job *j = &r->jobs[r->printed];
		int per_run = r->total / r->opts->repeat;
		int run = r->opts->repeat > 1 ? r->printed / per_run + 1 : 0;

		prog_clear(&r->prog);
		count(t, j->o);
		r->opts->reporter->variant(r->out, r->printed + 1, run, j->c, &j->v, j->o, r->opts->verbose);
		junit_add(r->opts->junit, run, j->c, &j->v, j->o);
		json_results_add(r->opts->json, run, j->c, &j->v, j->o);
		if (j->o != &not_run_outcome)
			free(j->o);
		j->o = NULL;
	}
}

/* After a wait: counts what ended and remembers how long it took (only a
 * verdict of the case's own: a crash or a kill says nothing of its length). */
static void run_collect(struct run *r)
{
	r->running = 0;
	r->in_topology = 0;
	for (int i = 0; i < r->total; i++) {
		struct job *j = &r->jobs[i];

		if (j->running) {
			r->running++;
			r->in_topology += job_in_topology(j);
			continue;
		}
		if (!j->done || j->counted)
			continue;
		j->counted = true;
		r->done++;
		r->failed += j->o->verdict == VERDICT_FAIL;
		if (j->o->kind == FK_VERDICT)
			dur_record(r->dur, j->c, &j->v, clock_ms() - j->started);
	}
}

/* A stop signal came: kills what runs, marks what never started, and
 * removes the freezer cgroups the killed case processes held (their owners
 * are dead and reaped now, so they count as stale). */
static void run_interrupt(struct run *r, int sig)
{
	struct job tmp = { .o = &not_run_outcome, .size = sizeof(not_run_outcome) };

	job_fail(&tmp, FK_NOT_RUN, "not run: the run was interrupted by %s", sig_name(sig));
	for (int i = 0; i < r->total; i++) {
		struct job *j = &r->jobs[i];

		if (j->running)
			job_interrupt(j, sig);
		else if (!j->done) {
			j->o = &not_run_outcome;
			j->done = true;
		}
	}
	(void)frz_clean_stale();
	run_collect(r);
}

static int run_width(const struct run_opts *opts, int total)
{
	return opts->jobs > 0 ? opts->jobs : run_default_jobs(total);
}

/* Every variant, up to width at once; reports in plan order. A stop signal
 * (SIGINT, SIGTERM, SIGHUP) stops starting, kills the running variants'
 * process groups, marks them and the unstarted ones, and ends the report
 * normally: KTAP's plan holds, JUnit is written, t->signal says which. */
int run_all(struct case_file *const *cases, int n, const struct run_opts *opts, FILE *out,
	    struct run_totals *t)
{
	struct run r = { .opts = opts, .out = out };
	struct run_header *h = opts->header;
	long long start = clock_ms();

	if (!(r.jobs = plan_all(cases, n, opts, &r.total))) {
		fprintf(stderr, "nsfault: out of memory planning %d variants\n", r.total);
		t->failed++;
		return -1;
	}
	r.width = run_width(opts, r.total);
	r.topology_width = run_topology_width();
	r.dur = dur_load();
	r.order = start_order(r.jobs, r.total, r.dur);
	h->total = r.total;
	h->groups = plan_groups(r.jobs, r.total, opts->repeat);
	h->repeat = opts->repeat;
	version_format(machine_kernel_version(), h->kernel, sizeof(h->kernel));
	prog_init(&r.prog, r.total);
	run_catch_signals();
	opts->reporter->begin(out, h);
	while (r.printed < r.total) {
		if (stop_signal && !r.stopped) {
			r.stopped = true;
			run_interrupt(&r, stop_signal);
		}
		/* Counted before starting more: a job that just ended or
		 * finished building frees its place at once, not at the next
		 * event (which may be seconds away); and again after, for a
		 * job that could not start. */
		run_collect(&r);
		run_start_more(&r);
		run_collect(&r);
		run_print_ready(&r, t);
		prog_show(&r.prog, r.done, r.failed, r.running);
		if (r.printed < r.total)
			jobs_wait(r.jobs, r.total, &stop_mask);
	}
	prog_clear(&r.prog);
	t->signal = stop_signal;
	h->totals = *t;
	h->wall_us = (clock_ms() - start) * 1000;
	opts->reporter->end(out, h);
	stop_restore(&stop_mask, stop_old);
	stop_caught = false;
	dur_save(r.dur);
	free(r.order);
	free(r.jobs);
	return 0;
}

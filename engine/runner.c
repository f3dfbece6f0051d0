/* The runner: one child process per case variant. */
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
#include "util/clock.h"
#include "util/errnames.h"
#include "util/proc.h"
#include "engine/coordinator.h"
#include "engine/machine.h"
#include "lang/version.h"
#include "actions/firewall.h"
#include "report/report.h"
#include "engine/runner.h"
#include "engine/userns.h"
#include "util/timeouts.h"

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

/* What a case process starts from. */
struct case_start {
	const struct case_file *c;
	const struct variant *v;
	const struct coord_opts *opts;
	pid_t parent;
	int fd, other_end;      /* write and read end of the outcome pipe */
};

/* In the case process: runs the variant and writes its outcome whole. */
static int child_main(void *arg)
{
	const struct case_start *st = arg;
	static struct outcome o;
	const char *p = (const char *)&o;
	size_t left = sizeof(o);

	close(st->other_end);
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != st->parent)
		return 1;
	coord_run(st->c, st->v, st->opts, &o);
	while (left > 0) {
		ssize_t n = write(st->fd, p, left);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 1;
		p += n;
		left -= (size_t)n;
	}
	return 0;
}

/* One case variant in its child process, and the outcome it sends back. */
struct job {
	const struct case_file *c;
	struct variant v;
	pid_t pid;
	int fd;                 /* read end of the outcome pipe, -1 once closed */
	size_t got;             /* bytes of the outcome read so far */
	long long started, deadline;    /* ms, CLOCK_MONOTONIC */
	struct outcome *o;
	bool done;
};

static void job_fail(struct job *j, const char *fmt, const char *what)
{
	memset(j->o, 0, sizeof(*j->o));
	j->o->verdict = VERDICT_FAIL;
	j->o->failed_step = -1;
	snprintf(j->o->reason, sizeof(j->o->reason), fmt, what);
	j->o->elapsed_us = (ns_clock_ms() - j->started) * 1000;
	j->done = true;
}

static void job_start(struct job *j, const struct coord_opts *opts)
{
	struct case_start st = { j->c, &j->v, opts, getpid(), -1, -1 };
	int pfd[2];

	fflush(NULL);
	j->fd = -1;
	j->got = 0;
	j->started = ns_clock_ms();
	j->deadline = j->started + TIMEOUT_CASE_MS;
	if (pipe2(pfd, O_CLOEXEC) < 0) {
		job_fail(j, "cannot start the case process: pipe: %s", err_name(errno));
		return;
	}
	st.fd = pfd[1];
	st.other_end = pfd[0];
	j->pid = proc_spawn(child_main, &st);
	close(pfd[1]);
	if (j->pid < 0) {
		close(pfd[0]);
		job_fail(j, "cannot start the case process: fork: %s", err_name(errno));
		return;
	}
	j->fd = pfd[0];
}

/* Reaps the child; an outcome that did not arrive whole becomes a FAIL
 * saying why. */
static void job_finish(struct job *j)
{
	bool whole = j->got == sizeof(*j->o);
	struct proc_end end;
	char how[64];

	close(j->fd);
	j->fd = -1;
	if (whole)
		proc_reap(j->pid, &end);
	else
		proc_kill(j->pid, &end);
	j->done = true;
	if (whole)
		return;
	if (ns_clock_ms() >= j->deadline) {
		char secs[16];

		snprintf(secs, sizeof(secs), "%d", TIMEOUT_CASE_MS / 1000);
		job_fail(j, "no verdict within %s s: the case process was killed", secs);
	}
	else if (end.how == PROC_SIGNALED)
		job_fail(j, "the case process was %s", proc_end_text(&end, how, sizeof(how)));
	else
		job_fail(j, "the case process exited before its verdict%s", "");
}

/* Reads what is there; finishes the job at the end of the outcome. */
static void job_read(struct job *j)
{
	ssize_t r = read(j->fd, (char *)j->o + j->got, sizeof(*j->o) - j->got);

	if (r < 0 && errno == EINTR)
		return;
	if (r > 0)
		j->got += (size_t)r;
	if (r <= 0 || j->got == sizeof(*j->o))
		job_finish(j);
}

/* Waits for any of the running jobs to make progress, until the earliest
 * deadline; a job past its deadline is finished (killed). */
static void jobs_wait(struct job *jobs, int from, int to)
{
	struct pollfd pfd[64];
	int idx[64], n = 0;
	long long first = LLONG_MAX, now = ns_clock_ms();

	for (int i = from; i < to && n < 64; i++) {
		if (jobs[i].done)
			continue;
		if (jobs[i].deadline <= now) {
			job_finish(&jobs[i]);
			continue;
		}
		pfd[n] = (struct pollfd){ .fd = jobs[i].fd, .events = POLLIN };
		idx[n++] = i;
		if (jobs[i].deadline < first)
			first = jobs[i].deadline;
	}
	if (n == 0 || poll(pfd, n, (int)(first - now)) <= 0)
		return;
	for (int k = 0; k < n; k++)
		if (pfd[k].revents)
			job_read(&jobs[idx[k]]);
}

void run_variant(const struct case_file *c, const struct variant *v, const struct coord_opts *opts,
		 struct outcome *o)
{
	struct job j = { .c = c, .v = *v, .o = o };

	job_start(&j, opts);
	while (!j.done)
		jobs_wait(&j, 0, 1);
}

static void count(struct run_totals *t, enum verdict v)
{
	if (v == VERDICT_PASS)
		t->passed++;
	else if (v == VERDICT_SKIP)
		t->skipped++;
	else
		t->failed++;
}

/* Appends every variant of c to jobs (when jobs is NULL, only counts them):
 * each family, times each firewall backend when c has rules. */
static int plan_case(const struct case_file *c, unsigned families, struct job *jobs)
{
	const unsigned fams[] = { FAM_IPV4, FAM_IPV6 };
	int n = 0;

	for (int f = 0; f < 2; f++)
		for (int b = c->backends ? 0 : -1; b < (c->backends ? FW_NBACKENDS : 0); b++) {
			if (!(c->families & families & fams[f]) || (b >= 0 && !(c->backends & (1u << b))))
				continue;
			if (jobs)
				jobs[n] = (struct job){ .c = c, .v = { fams[f], b }, .fd = -1 };
			n++;
		}
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

static int write_junit(struct junit *ju, const char *path, const struct run_header *h)
{
	if (!path)
		return 0;
	if (junit_write(ju, path, h) == 0)
		return 0;
	fprintf(stderr, "nsfault: cannot write the JUnit report %s: %s\n", path, err_name(errno));
	return -1;
}

/* Up to opts->jobs variants run at once; reports come in plan order. */
int run_all(struct case_file *const *cases, int n, const struct run_opts *opts, FILE *out,
	    struct run_totals *t)
{
	int total, started = 0, printed = 0, width = opts->jobs > 0 ? opts->jobs : 1;
	struct job *jobs = plan_all(cases, n, opts, &total);
	struct junit *ju = opts->junit ? junit_open() : NULL;
	struct run_header h = { .total = total };

	if (!jobs) {
		fprintf(stderr, "nsfault: out of memory planning %d variants\n", total);
		t->failed++;
		return -1;
	}
	version_format(kernel_version(), h.kernel, sizeof(h.kernel));
	opts->reporter->begin(out, &h);
	while (printed < total) {
		for (; started < total && started - printed < width; started++) {
			if (!(jobs[started].o = malloc(sizeof(struct outcome))))
				break;
			job_start(&jobs[started], &opts->coord);
		}
		for (; printed < started && jobs[printed].done; printed++) {
			struct job *j = &jobs[printed];

			count(t, j->o->verdict);
			opts->reporter->variant(out, printed + 1, j->c, &j->v, j->o, opts->verbose);
			junit_add(ju, j->c, &j->v, j->o);
			free(j->o);
		}
		if (printed < started)
			jobs_wait(jobs, printed, started);
	}
	h.totals = *t;
	opts->reporter->end(out, &h);
	free(jobs);
	return write_junit(ju, opts->junit, &h);
}

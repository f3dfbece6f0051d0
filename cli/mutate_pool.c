/* SPDX-License-Identifier: GPL-2.0-only */
/* Running mutants in worker processes, jobs at a time. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include "util/errnames.h"
#include "util/proc.h"
#include "engine/runner.h"
#include "lang/parser.h"
#include "report/report.h"
#include "cli/mutate_pool.h"

/* A worker's exit status says the verdict; a killed mutant's first failure
 * comes through a pipe (one short write, less than PIPE_BUF: it never blocks). */
enum { W_SURVIVED = 0, W_KILLED = 1, W_SKIPPED = 3, W_ERROR = 4 };

struct worker {
	const struct mpool_item *item;
	unsigned families;
	const struct coord_opts *opts;
	pid_t parent;
	int fd;                 /* write end of the pipe */
};

static void say(int fd, const char *text)
{
	size_t len = strlen(text);

	if (write(fd, text, len) != (ssize_t)len)
		_exit(W_ERROR);
}

/* Runs variant v of c; returns W_KILLED (said on fd) or the variant's pass/skip. */
static int run_one(const struct case_file *c, const struct variant *v, const struct coord_opts *opts, int fd)
{
	static struct outcome o;
	char name[48], line[440], msg[512];

	run_variant(c, v, opts, &o);
	if (o.verdict == VERDICT_FAIL) {
		case_variant_name(v, name, sizeof(name));
		report_failure_line(c, &o, line, sizeof(line));
		snprintf(msg, sizeof(msg), "%s: %s", name, line);
		say(fd, msg);
		return W_KILLED;
	}
	return o.verdict == VERDICT_PASS ? W_SURVIVED : W_SKIPPED;
}

/* In the worker: every variant of the mutant until one fails. */
static int worker_main(void *arg)
{
	const struct worker *w = arg;
	const unsigned fams[] = { FAM_IPV4, FAM_IPV6 };
	static struct case_file c;
	char err[512];
	int passed = 0;

	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != w->parent)
		return W_ERROR;
	if (case_parse(w->item->path, w->item->text, &c, err, sizeof(err)) < 0) {
		say(w->fd, err);
		return W_ERROR;
	}
	for (int f = 0; f < 2; f++)
		for (int b = c.backends ? 0 : -1; b < (c.backends ? FW_NBACKENDS : 0); b++) {
			const struct variant v = { fams[f], b };
			int rc;

			if (!(c.families & w->families & fams[f]) || (b >= 0 && !(c.backends & (1u << b))))
				continue;
			if ((rc = run_one(&c, &v, w->opts, w->fd)) == W_KILLED)
				return W_KILLED;
			passed += rc == W_SURVIVED;
		}
	return passed ? W_SURVIVED : W_SKIPPED;
}

struct slot {
	pid_t pid;              /* 0: free */
	int fd;                 /* read end of the worker's pipe */
	struct mpool_item *item;
};

static void start(struct slot *s, struct mpool_item *item, unsigned families, const struct coord_opts *opts)
{
	int pfd[2];
	struct worker w = { item, families, opts, getpid(), -1 };

	s->item = item;
	if (pipe2(pfd, O_CLOEXEC) < 0) {
		item->status = MPOOL_ERROR;
		snprintf(item->why, sizeof(item->why), "pipe: %s", err_name(errno));
		return;
	}
	w.fd = pfd[1];
	fflush(NULL);
	s->pid = proc_spawn(worker_main, &w);
	close(pfd[1]);
	s->fd = pfd[0];
	if (s->pid < 0) {
		item->status = MPOOL_ERROR;
		snprintf(item->why, sizeof(item->why), "fork: %s", err_name(errno));
		close(pfd[0]);
		s->pid = 0;
	}
}

/* Records how the worker in s ended (status as waitpid gave it). */
static void finish(struct slot *s, int status)
{
	struct mpool_item *it = s->item;
	ssize_t n = read(s->fd, it->why, sizeof(it->why) - 1);
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;

	it->why[n > 0 ? n : 0] = '\0';
	close(s->fd);
	s->pid = 0;
	it->status = code == W_SURVIVED ? MPOOL_SURVIVED : code == W_KILLED ? MPOOL_KILLED :
		     code == W_SKIPPED ? MPOOL_SKIPPED : MPOOL_ERROR;
	if (it->status == MPOOL_ERROR && !it->why[0])
		snprintf(it->why, sizeof(it->why), "the worker ended with status %d (signal %s)", code,
			 WIFSIGNALED(status) ? sig_name(WTERMSIG(status)) : "none");
}

/* Waits for whichever worker ends first: util/proc waits for one given
 * child, here any of them may. Each worker is bounded (run_variant bounds
 * every variant by TIMEOUT_CASE_MS), so this wait is too. */
static int reap_one(struct slot *slots, int jobs)
{
	int status;
	pid_t pid = waitpid(-1, &status, 0);

	if (pid < 0) {
		if (errno == EINTR)
			return 0;
		for (int i = 0; i < jobs; i++)      /* ECHILD: nothing to wait for */
			if (slots[i].pid)
				finish(&slots[i], -1);
		return 1;
	}
	for (int i = 0; i < jobs; i++)
		if (slots[i].pid == pid) {
			finish(&slots[i], status);
			return 1;
		}
	return 0;       /* a child that is not a worker: none is started here */
}

void mpool_run(struct mpool_item *items, int n, int jobs, unsigned families, const struct coord_opts *opts)
{
	struct slot slots[64] = { 0 };
	int next = 0, running, done = 0;

	jobs = jobs < 1 ? 1 : jobs > 64 ? 64 : jobs;
	for (;;) {
		running = 0;
		for (int i = 0; i < jobs; i++) {
			if (!slots[i].pid && next < n)
				start(&slots[i], &items[next++], families, opts);
			running += slots[i].pid != 0;
		}
		if (!running)
			break;
		if (reap_one(slots, jobs) && ++done % 50 == 0)
			fprintf(stderr, "mutate: %d of %d mutants run\n", done, n);
	}
}

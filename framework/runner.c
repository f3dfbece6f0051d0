/* The runner: one child process per case variant. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include "framework/coordinator.h"
#include "framework/firewall.h"
#include "framework/names.h"
#include "framework/report.h"
#include "framework/runner.h"
#include "framework/timeouts.h"

int run_probe(char *err, size_t errlen)
{
	pid_t pid = fork();
	int st;

	if (pid < 0) {
		snprintf(err, errlen, "fork: %s", names_errno(errno));
		return -1;
	}
	if (pid == 0)
		_exit(unshare(CLONE_NEWNET) < 0 ? errno : 0);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st)) {
		snprintf(err, errlen, "the namespace probe process did not exit normally");
		return -1;
	}
	if (WEXITSTATUS(st) == 0)
		return 0;
	snprintf(err, errlen,
		 "cannot create a network namespace: unshare(CLONE_NEWNET) failed with %s — nsfault needs root (CAP_SYS_ADMIN and CAP_NET_ADMIN)%s",
		 names_errno(WEXITSTATUS(st)), WEXITSTATUS(st) == EINVAL ? " and a kernel with CONFIG_NET_NS" : "");
	return -1;
}

static void child_main(const struct case_file *c, const struct variant *v, const struct coord_opts *opts,
		       pid_t parent, int fd)
{
	static struct outcome o;
	const char *p = (const char *)&o;
	size_t left = sizeof(o);

	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
		_exit(1);
	coord_run(c, v, opts, &o);
	while (left > 0) {
		ssize_t n = write(fd, p, left);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			_exit(1);
		p += n;
		left -= (size_t)n;
	}
	_exit(0);
}

static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* Reads the outcome until EOF or the case's deadline; returns bytes read. */
static size_t read_outcome(int fd, struct outcome *o)
{
	long long deadline = mono_ms() + TIMEOUT_CASE_MS;
	char *p = (char *)o;
	size_t got = 0;

	while (got < sizeof(*o)) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		long long left = deadline - mono_ms();
		int n = left > 0 ? poll(&pfd, 1, (int)left) : 0;
		ssize_t r;

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		r = read(fd, p + got, sizeof(*o) - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return got;
}

static void child_failed(struct outcome *o, int status, bool overran)
{
	memset(o, 0, sizeof(*o));
	o->verdict = VERDICT_FAIL;
	o->failed_step = -1;
	if (overran)
		snprintf(o->reason, sizeof(o->reason), "no verdict within %d s: the case process was killed",
			 TIMEOUT_CASE_MS / 1000);
	else if (WIFSIGNALED(status))
		snprintf(o->reason, sizeof(o->reason), "the case process was killed by SIG%s",
			 sigabbrev_np(WTERMSIG(status)) ?: "?");
	else
		snprintf(o->reason, sizeof(o->reason), "the case process exited with status %d before its verdict",
			 WEXITSTATUS(status));
}

void run_variant(const struct case_file *c, const struct variant *v, const struct coord_opts *opts,
		 struct outcome *o)
{
	pid_t parent = getpid(), pid;
	int pfd[2], status = 0;
	size_t got;

	fflush(NULL);
	if (pipe2(pfd, O_CLOEXEC) < 0 || (pid = fork()) < 0) {
		memset(o, 0, sizeof(*o));
		o->verdict = VERDICT_FAIL;
		o->failed_step = -1;
		snprintf(o->reason, sizeof(o->reason), "cannot start the case process: %s", names_errno(errno));
		return;
	}
	if (pid == 0) {
		close(pfd[0]);
		child_main(c, v, opts, parent, pfd[1]);
	}
	close(pfd[1]);
	got = read_outcome(pfd[0], o);
	close(pfd[0]);
	if (got < sizeof(*o))
		kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	if (got < sizeof(*o))
		child_failed(o, status, !WIFSIGNALED(status) || WTERMSIG(status) == SIGKILL);
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

/* Every family of c, times every firewall backend when c has rules. */
static void run_case(const struct case_file *c, const struct run_opts *opts, FILE *out, struct run_totals *t)
{
	static struct outcome o;
	const unsigned fams[] = { FAM_IPV4, FAM_IPV6 };

	for (int f = 0; f < 2; f++)
		for (int b = c->backends ? 0 : -1; b < (c->backends ? FW_NBACKENDS : 0); b++) {
			struct variant v = { fams[f], b };

			if (!(c->families & opts->families & fams[f]) || (b >= 0 && !(c->backends & (1u << b))))
				continue;
			run_variant(c, &v, &opts->coord, &o);
			count(t, o.verdict);
			report_text_case(out, c, &v, &o, opts->verbose);
		}
}

void run_all(struct case_file *const *cases, int n, const struct run_opts *opts, FILE *out,
	     struct run_totals *t)
{
	for (int rep = 0; rep < opts->repeat; rep++)
		for (int i = 0; i < n; i++)
			run_case(cases[i], opts, out, t);
}

/* SPDX-License-Identifier: GPL-2.0-only */
/* Tests of actions/freezer (root): each method freezes a real child process,
 * proven by the kernel's own view (cgroup.events, freezer.state, /proc state)
 * and by a ping that is answered only after the thaw. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "tests/tests.h"
#include "util/errnames.h"
#include "util/procstat.h"
#include "actions/freezer.h"

#define TIMEOUT_MS 2000
/* How long a frozen child is given to (wrongly) answer a ping. */
#define SILENCE_MS 100

/* ---- a child that echoes each byte written to it ---- */

struct actor {
	pid_t pid;
	int ping;	/* we write here */
	int pong;	/* it answers here */
};

static void actor_loop(int in, int out)
{
	char ch;

	for (;;) {
		ssize_t n = read(in, &ch, 1);

		if (n < 0 && errno == EINTR)	/* stop/continue may interrupt */
			continue;
		if (n <= 0)
			_exit(0);
		if (write(out, &ch, 1) != 1)
			_exit(1);
	}
}

static int actor_start(struct actor *a)
{
	int in[2], out[2];

	if (pipe2(in, O_CLOEXEC) < 0)
		return -1;
	if (pipe2(out, O_CLOEXEC) < 0) {
		close(in[0]);
		close(in[1]);
		return -1;
	}
	a->pid = fork();
	if (a->pid == 0) {
		close(in[1]);
		close(out[0]);
		actor_loop(in[0], out[1]);
	}
	close(in[0]);
	close(out[1]);
	a->ping = in[1];
	a->pong = out[0];
	if (a->pid > 0)
		return 0;
	close(a->ping);
	close(a->pong);
	return -1;
}

/* Reaps pid, waiting at most TIMEOUT_MS. Returns the wait status or -1. */
static int reap_bounded(pid_t pid)
{
	struct timespec ms = { 0, 1000000 };
	int status;

	for (int i = 0; i < TIMEOUT_MS; i++) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			return status;
		if (r < 0)
			return -1;
		nanosleep(&ms, NULL);
	}
	return -1;
}

static void actor_stop(struct actor *a)
{
	close(a->ping);
	close(a->pong);
	if (kill(a->pid, SIGKILL) < 0 && errno != ESRCH)
		TEST_FAILF("kill %d: %s", (int)a->pid, err_name(errno));
	if (reap_bounded(a->pid) < 0)
		TEST_FAILF("child %d was not reaped within %d ms", (int)a->pid, TIMEOUT_MS);
}

static bool send_ping(struct actor *a, char ch)
{
	return write(a->ping, &ch, 1) == 1;
}

/* The answer within timeout_ms, or -1 when none came. */
static int await_pong(struct actor *a, int timeout_ms)
{
	struct pollfd p = { .fd = a->pong, .events = POLLIN };
	char ch;

	if (poll(&p, 1, timeout_ms) != 1 || read(a->pong, &ch, 1) != 1)
		return -1;
	return ch;
}

/* ---- the kernel's view ---- */

static bool file_has(const char *path, const char *text)
{
	char buf[512] = "";
	FILE *f = fopen(path, "re");
	size_t n;

	if (!f)
		return false;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return strstr(buf, text) != NULL;
}

static char proc_state(pid_t pid)
{
	char st;

	return proc_stat(pid, &st, NULL, NULL) == 0 ? st : '?';
}

/* Whether the kernel itself reports f's process frozen (or thawed). */
static bool kernel_says_frozen(const struct frz *f, bool frozen)
{
	char path[512];

	switch (f->method) {
	case FRZ_CGROUP2:
		snprintf(path, sizeof(path), "%s/cgroup.events", f->dir);
		return file_has(path, frozen ? "frozen 1\n" : "frozen 0\n");
	case FRZ_CGROUP1:
		snprintf(path, sizeof(path), "%s/freezer.state", f->dir);
		return file_has(path, frozen ? "FROZEN\n" : "THAWED\n");
	case FRZ_SIGSTOP:
		return (proc_state(f->pid) == 'T') == frozen;
	default:
		return false;
	}
}

/* Whether a cgroup of pid (a line of /proc/<pid>/cgroup) ends in a directory
 * whose name starts with prefix ("nsfault-", or "/nsfault-…" as strrchr
 * gives it). Only the last component: the container itself may sit in a
 * cgroup called nsfault-something. */
static bool cgroup_mentions(pid_t pid, const char *prefix)
{
	char path[64], line[1024];
	bool found = false;
	FILE *f;

	if (*prefix == '/')
		prefix++;
	snprintf(path, sizeof(path), "/proc/%d/cgroup", (int)pid);
	f = fopen(path, "re");
	while (f && !found && fgets(line, sizeof(line), f)) {
		char *last;

		line[strcspn(line, "\n")] = '\0';
		last = strrchr(line, '/');
		found = last && strncmp(last + 1, prefix, strlen(prefix)) == 0;
	}
	if (f)
		fclose(f);
	return found;
}

/* ---- freeze, prove, thaw, prove, release ---- */

static void prove_frozen(struct actor *a, struct frz *f)
{
	CU_ASSERT(kernel_says_frozen(f, true));
	CU_ASSERT(send_ping(a, 'b'));
	/* Supporting evidence only (a "did not happen"): the proof is that 'b'
	 * is answered after the thaw below. */
	CU_ASSERT_EQUAL(await_pong(a, SILENCE_MS), -1);
	CU_ASSERT(kernel_says_frozen(f, true));
}

static void prove_thawed(struct actor *a, struct frz *f)
{
	CU_ASSERT(kernel_says_frozen(f, false));
	CU_ASSERT_EQUAL(await_pong(a, TIMEOUT_MS), 'b');
	CU_ASSERT(send_ping(a, 'c'));
	CU_ASSERT_EQUAL(await_pong(a, TIMEOUT_MS), 'c');
}

static void freeze_cycle(struct actor *a, struct frz *f)
{
	char err[512];

	if (frz_freeze(f, TIMEOUT_MS, err, sizeof(err)) != 0) {
		TEST_FAILF("frz_freeze (%s): %s", frz_method_name(f->method), err);
		return;
	}
	prove_frozen(a, f);
	if (frz_thaw(f, TIMEOUT_MS, err, sizeof(err)) != 0) {
		TEST_FAILF("frz_thaw (%s): %s", frz_method_name(f->method), err);
		return;
	}
	prove_thawed(a, f);
}

static void check_released(struct actor *a, const char *dir, bool cgroup)
{
	struct stat st;

	if (cgroup) {
		CU_ASSERT(stat(dir, &st) < 0 && errno == ENOENT);
		CU_ASSERT(!cgroup_mentions(a->pid, "nsfault-"));
	}
	CU_ASSERT(proc_state(a->pid) != 'T');
	CU_ASSERT(send_ping(a, 'd'));
	CU_ASSERT_EQUAL(await_pong(a, TIMEOUT_MS), 'd');
}

/* Field 22 of /proc/<pid>/stat: the start time frz_ names cgroups with. */
static unsigned long long start_time(pid_t pid)
{
	unsigned long long v;

	return proc_stat(pid, NULL, NULL, &v) == 0 ? v : 0;
}

static void run_method(enum frz_method m)
{
	struct actor a;
	struct frz f;
	char err[512], dir[sizeof(f.dir)];

	if (test_freezer_skip(m))
		return;
	signal(SIGPIPE, SIG_IGN);	/* a dead child must fail a test, not kill the run */
	CU_ASSERT_FATAL(actor_start(&a) == 0);
	CU_ASSERT(send_ping(&a, 'a'));
	CU_ASSERT_EQUAL(await_pong(&a, TIMEOUT_MS), 'a');
	if (frz_attach(&f, a.pid, m, err, sizeof(err)) != 0) {
		TEST_FAILF("frz_attach (%s): %s", frz_method_name(m), err);
		actor_stop(&a);
		return;
	}
	CU_ASSERT_EQUAL(f.method, m);
	if (m != FRZ_SIGSTOP) {
		char name[128];

		CU_ASSERT(cgroup_mentions(a.pid, strrchr(f.dir, '/')));
		/* Whose it is: us (the owner), the actor, and our parent (the runner). */
		snprintf(name, sizeof(name), "/nsfault-%d-%d-%llu-%d-%llu", (int)getpid(), (int)a.pid,
			 start_time(getpid()), (int)getppid(), start_time(getppid()));
		CU_ASSERT_STRING_EQUAL(strrchr(f.dir, '/'), name);
	}
	snprintf(dir, sizeof(dir), "%s", f.dir);
	freeze_cycle(&a, &f);
	frz_release(&f);
	check_released(&a, dir, m != FRZ_SIGSTOP);
	frz_release(&f);	/* twice is allowed */
	actor_stop(&a);
}

static bool opt_listed(const char *opts, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = opts; (p = strstr(p, name)); p += n)
		if ((p == opts || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
			return true;
	return false;
}

/* Whether a mountinfo line's mount cannot take a new cgroup from us: mounted
 * read-only (its per-mount options, the sixth field: a container's), or its
 * directory not writable by this user (a non-root user's). */
static bool mount_read_only(const char *line)
{
	char point[1024], opts[256];

	return sscanf(line, "%*s %*s %*s %*s %1023s %255s", point, opts) != 2 || opt_listed(opts, "ro") ||
	       access(point, W_OK) != 0;
}

bool test_freezer_present(int method)
{
	char line[2048], fstype[32], src[256], opts[1024];
	bool found = false;
	FILE *f;

	if (method == FRZ_SIGSTOP)
		return true;
	f = fopen("/proc/self/mountinfo", "r");
	while (f && !found && fgets(line, sizeof(line), f)) {
		const char *sep = strstr(line, " - ");

		if (!sep || sscanf(sep + 3, "%31s %255s %1023s", fstype, src, opts) != 3)
			continue;
		found = method == FRZ_CGROUP2 ? strcmp(fstype, "cgroup2") == 0
					      : strcmp(fstype, "cgroup") == 0 && opt_listed(opts, "freezer");
		found = found && !mount_read_only(line);
	}
	if (f)
		fclose(f);
	return found;
}

bool test_freezer_skip(int method)
{
	if (test_freezer_present(method))
		return false;
	tests_skip("no writable %s mount here", frz_method_name((enum frz_method)method));
	return true;
}

static void test_cgroup2(void) { run_method(FRZ_CGROUP2); }
static void test_cgroup1(void) { run_method(FRZ_CGROUP1); }
static void test_sigstop(void) { run_method(FRZ_SIGSTOP); }

static void test_auto(void)
{
	struct actor a;
	struct frz f;
	char err[512];

	CU_ASSERT_FATAL(actor_start(&a) == 0);
	if (frz_attach(&f, a.pid, FRZ_AUTO, err, sizeof(err)) != 0) {
		TEST_FAILF("frz_attach (auto): %s", err);
		actor_stop(&a);
		return;
	}
	CU_ASSERT(f.method == FRZ_CGROUP2 || f.method == FRZ_CGROUP1 || f.method == FRZ_SIGSTOP);
	freeze_cycle(&a, &f);
	frz_release(&f);
	actor_stop(&a);
}

/* Freezes without thawing, then releases: release must thaw (for v1 a frozen
 * task cannot even die) so that a SIGKILL afterwards is reaped at once. */
static void release_frozen(enum frz_method m)
{
	struct actor a;
	struct frz f;
	char err[512];

	if (test_freezer_skip(m))
		return;
	CU_ASSERT_FATAL(actor_start(&a) == 0);
	if (frz_attach(&f, a.pid, m, err, sizeof(err)) != 0 ||
	    frz_freeze(&f, TIMEOUT_MS, err, sizeof(err)) != 0) {
		TEST_FAILF("%s: %s", frz_method_name(m), err);
		frz_release(&f);
		actor_stop(&a);
		return;
	}
	frz_release(&f);
	CU_ASSERT(proc_state(a.pid) != 'T');
	actor_stop(&a);	/* fails the test if the kill is not reaped in time */
}

static void test_release_frozen(void)
{
	release_frozen(FRZ_CGROUP2);
	release_frozen(FRZ_CGROUP1);
	release_frozen(FRZ_SIGSTOP);
}

/* The kernel fact in freezer.c's header: a v1-frozen task keeps a SIGKILL
 * pending until thawed, a v2-frozen one dies. */
static void test_kill_while_frozen(void)
{
	struct actor a;
	struct frz f;
	char err[512], dir[sizeof(f.dir)];
	struct stat st;

	if (test_freezer_skip(FRZ_CGROUP2))
		return;
	CU_ASSERT_FATAL(actor_start(&a) == 0);
	if (frz_attach(&f, a.pid, FRZ_CGROUP2, err, sizeof(err)) != 0 ||
	    frz_freeze(&f, TIMEOUT_MS, err, sizeof(err)) != 0) {
		TEST_FAILF("cgroup v2: %s", err);
		frz_release(&f);
		actor_stop(&a);
		return;
	}
	snprintf(dir, sizeof(dir), "%s", f.dir);
	CU_ASSERT(kill(a.pid, SIGKILL) == 0);
	CU_ASSERT(reap_bounded(a.pid) >= 0);	/* died while frozen */
	frz_release(&f);	/* on a dead (and reaped) process */
	CU_ASSERT(stat(dir, &st) < 0 && errno == ENOENT);
	close(a.ping);
	close(a.pong);
}

static void test_kill_while_frozen_v1(void)
{
	struct actor a;
	struct frz f;
	char err[512];
	int status;

	if (test_freezer_skip(FRZ_CGROUP1))
		return;
	CU_ASSERT_FATAL(actor_start(&a) == 0);
	if (frz_attach(&f, a.pid, FRZ_CGROUP1, err, sizeof(err)) != 0 ||
	    frz_freeze(&f, TIMEOUT_MS, err, sizeof(err)) != 0) {
		TEST_FAILF("cgroup v1: %s", err);
		frz_release(&f);
		actor_stop(&a);
		return;
	}
	CU_ASSERT(kill(a.pid, SIGKILL) == 0);
	/* Still there (a "did not happen", but in the direction that cannot
	 * fail by chance): the kill waits for the thaw. */
	CU_ASSERT(kernel_says_frozen(&f, true));
	CU_ASSERT_EQUAL(await_pong(&a, SILENCE_MS), -1);
	CU_ASSERT_EQUAL(waitpid(a.pid, &status, WNOHANG), 0);
	frz_release(&f);
	status = reap_bounded(a.pid);
	CU_ASSERT(status >= 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	close(a.ping);
	close(a.pong);
}

/* ---- errors ---- */

static pid_t dead_pid(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	if (pid > 0 && waitpid(pid, NULL, 0) != pid)
		return -1;
	return pid;
}

static void test_attach_dead(void)
{
	enum frz_method all[] = { FRZ_CGROUP2, FRZ_CGROUP1, FRZ_SIGSTOP, FRZ_AUTO };
	pid_t pid = dead_pid();
	struct frz f;
	char err[512];

	CU_ASSERT_FATAL(pid > 0);
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		err[0] = '\0';
		CU_ASSERT_EQUAL(frz_attach(&f, pid, all[i], err, sizeof(err)), -1);
		/* Names the errno, not just its text. */
		if (!strstr(err, "ENOENT") && !strstr(err, "ESRCH"))
			TEST_FAILF("%s: no errno name in \"%s\"", frz_method_name(all[i]), err);
		CU_ASSERT_EQUAL(frz_freeze(&f, 10, err, sizeof(err)), -1);
		frz_release(&f);	/* nothing to do, must not crash */
	}
}

static void test_names(void)
{
	CU_ASSERT_STRING_EQUAL(frz_method_name(FRZ_CGROUP2), "cgroup v2 freezer");
	CU_ASSERT_STRING_EQUAL(frz_method_name(FRZ_CGROUP1), "cgroup v1 freezer");
	CU_ASSERT_STRING_EQUAL(frz_method_name(FRZ_SIGSTOP), "SIGSTOP");
}

/* ---- stale cgroups ---- */

/* The mount of m's hierarchy, found through a real attach to a child. */
static bool mount_of(enum frz_method m, char *out, size_t len)
{
	struct actor a;
	struct frz f;
	char err[512];
	bool ok;

	if (actor_start(&a) < 0)
		return false;
	ok = frz_attach(&f, a.pid, m, err, sizeof(err)) == 0;
	if (ok) {
		snprintf(out, len, "%s", f.dir);
		*strrchr(out, '/') = '\0';
		frz_release(&f);
	}
	actor_stop(&a);
	return ok;
}

/* Makes <mount>/nsfault-<runner>-<pid> holding the actor, frozen. */
static bool make_stale(const char *mnt, enum frz_method m, pid_t runner, struct actor *a,
		       char *dir, size_t len)
{
	char path[384], pid[16];
	FILE *f;

	snprintf(dir, len, "%s/nsfault-%d-%d", mnt, (int)runner, (int)a->pid);
	snprintf(pid, sizeof(pid), "%d", (int)a->pid);
	if (mkdir(dir, 0755) < 0)
		return false;
	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	f = fopen(path, "we");
	if (!f || fputs(pid, f) < 0 || fclose(f) != 0)
		return false;
	snprintf(path, sizeof(path), "%s/%s", dir, m == FRZ_CGROUP2 ? "cgroup.freeze" : "freezer.state");
	f = fopen(path, "we");
	return f && fputs(m == FRZ_CGROUP2 ? "1" : "FROZEN", f) >= 0 && fclose(f) == 0;
}

static void clean_stale_in(enum frz_method m, pid_t dead)
{
	char mnt[256], stale[320], live[320];
	struct actor a;
	struct stat st;

	if (test_freezer_skip(m))
		return;
	if (!mount_of(m, mnt, sizeof(mnt))) {
		TEST_FAILF("%s: mounted, but attaching to it fails", frz_method_name(m));
		return;
	}
	CU_ASSERT_FATAL(actor_start(&a) == 0);
	CU_ASSERT(make_stale(mnt, m, dead, &a, stale, sizeof(stale)));
	/* A runner that is alive (we are) keeps its cgroups. */
	snprintf(live, sizeof(live), "%s/nsfault-%d-1", mnt, (int)getpid());
	CU_ASSERT(mkdir(live, 0755) == 0);
	/* Not `>= 1`: another nsfault on the machine (make check runs its stages
	 * side by side, and every run cleans first) may have removed it before
	 * us; what must hold is that it is gone and the live one is not. */
	CU_ASSERT(frz_clean_stale() >= 0);
	CU_ASSERT(stat(stale, &st) < 0 && errno == ENOENT);
	CU_ASSERT(stat(live, &st) == 0);
	CU_ASSERT(rmdir(live) == 0);
	/* The process that was inside, frozen, was thawed and moved out. */
	CU_ASSERT(!cgroup_mentions(a.pid, "nsfault-"));
	CU_ASSERT(send_ping(&a, 'e'));
	CU_ASSERT_EQUAL(await_pong(&a, TIMEOUT_MS), 'e');
	if (stat(stale, &st) == 0)
		frz_clean_stale();	/* a failed test must not leave it */
	actor_stop(&a);
}

static void test_clean_stale(void)
{
	pid_t dead = dead_pid();

	CU_ASSERT_FATAL(dead > 0);
	clean_stale_in(FRZ_CGROUP2, dead);
	clean_stale_in(FRZ_CGROUP1, dead);
}

/* The owner's liveness as frz_clean_stale must judge it: a zombie (dead,
 * not reaped: a container whose PID 1 does not reap) is gone; a live pid
 * with another start time (reused) is gone; our own pid with our start
 * time, or with no start time (an older name), is alive. */
static void test_clean_stale_owner(void)
{
	char mnt[256], zombie[320], reused[320], live[320], legacy[320], zombie_run[320], live_run[320];
	unsigned long long mine = start_time(getpid());
	struct stat st;
	pid_t z;

	if (test_freezer_skip(FRZ_CGROUP2))
		return;
	CU_ASSERT_FATAL(mount_of(FRZ_CGROUP2, mnt, sizeof(mnt)));
	CU_ASSERT_FATAL(mine > 0);
	z = fork();
	CU_ASSERT_FATAL(z >= 0);
	if (z == 0)
		_exit(0);
	/* Not reaped yet: wait until it is a zombie, without reaping it. */
	siginfo_t si;

	CU_ASSERT_FATAL(waitid(P_PID, (id_t)z, &si, WEXITED | WNOWAIT) == 0);
	snprintf(zombie, sizeof(zombie), "%s/nsfault-%d-1-%llu", mnt, (int)z, start_time(z));
	snprintf(reused, sizeof(reused), "%s/nsfault-%d-1-%llu", mnt, (int)getpid(), mine + 1);
	snprintf(live, sizeof(live), "%s/nsfault-%d-1-%llu", mnt, (int)getpid(), mine);
	snprintf(legacy, sizeof(legacy), "%s/nsfault-%d-2", mnt, (int)getpid());
	/* With the runner's pid and start time: judged by the owner alone. */
	snprintf(zombie_run, sizeof(zombie_run), "%s/nsfault-%d-1-%llu-%d-%llu", mnt, (int)z, start_time(z),
		 (int)getpid(), mine);
	snprintf(live_run, sizeof(live_run), "%s/nsfault-%d-3-%llu-1-1", mnt, (int)getpid(), mine);
	CU_ASSERT(mkdir(zombie_run, 0755) == 0);
	CU_ASSERT(mkdir(live_run, 0755) == 0);
	CU_ASSERT(mkdir(zombie, 0755) == 0);
	CU_ASSERT(mkdir(reused, 0755) == 0);
	CU_ASSERT(mkdir(live, 0755) == 0);
	CU_ASSERT(mkdir(legacy, 0755) == 0);
	/* Not a count: a run beside this test may have removed some first. */
	CU_ASSERT(frz_clean_stale() >= 0);
	CU_ASSERT(stat(zombie_run, &st) < 0 && errno == ENOENT);
	CU_ASSERT(stat(live_run, &st) == 0);
	CU_ASSERT(stat(zombie, &st) < 0 && errno == ENOENT);
	CU_ASSERT(stat(reused, &st) < 0 && errno == ENOENT);
	CU_ASSERT(stat(live, &st) == 0);
	CU_ASSERT(stat(legacy, &st) == 0);
	(void)rmdir(zombie_run);	/* a failed test must not leave them */
	CU_ASSERT(rmdir(live_run) == 0);
	(void)rmdir(zombie);
	(void)rmdir(reused);
	CU_ASSERT(rmdir(live) == 0);
	CU_ASSERT(rmdir(legacy) == 0);
	(void)waitpid(z, NULL, 0);
}

int test_freezer_register(void)
{
	static const struct test_def tests[] = {
		{ "method names", test_names },
		{ "cgroup v2: freeze, thaw, release", test_cgroup2 },
		{ "cgroup v1: freeze, thaw, release", test_cgroup1 },
		{ "SIGSTOP: freeze, thaw, release", test_sigstop },
		{ "auto picks a working method", test_auto },
		{ "release thaws a frozen process", test_release_frozen },
		{ "cgroup v2: a frozen process dies from SIGKILL", test_kill_while_frozen },
		{ "cgroup v1: SIGKILL waits for the thaw", test_kill_while_frozen_v1 },
		{ "attach to a dead pid fails with errno name", test_attach_dead },
		{ "clean_stale removes cgroups of dead runners", test_clean_stale },
		{ "clean_stale: a zombie or reused-pid owner is gone", test_clean_stale_owner },
		{ NULL, NULL },
	};

	return tests_add_suite("freezer", tests);
}

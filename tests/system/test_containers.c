/* SPDX-License-Identifier: GPL-2.0-only */
/* What nsfault does in a container, made here without one: each test runs in
 * a child process with a mount namespace of its own (nothing it mounts is
 * seen outside it), where /proc/sys is bound read-only over itself as
 * Docker's ReadonlyPaths does, a cgroup mount is remounted read-only as a
 * container's is, and a seccomp filter refuses the syscalls a container's
 * profile may refuse (fsopen, open_tree). The child reports with its exit
 * status and one line on stdout. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <time.h>
#include <fcntl.h>
#include <sched.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/magic.h>
#include <linux/seccomp.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/prctl.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include "util/errnames.h"
#include "util/proc.h"
#include "util/procstat.h"
#include "actions/freezer.h"
#include "netns/ns.h"
#include "netns/sysctl.h"
#include "tests/tests.h"

#if defined(__x86_64__)
#define TEST_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define TEST_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif

/* A child's verdicts: CHILD_SKIP means the environment cannot show it. */
enum { CHILD_PASS = 0, CHILD_FAIL = 1, CHILD_SKIP = 77 };

#define SYSCTL "net.ipv4.icmp_ratelimit"
#define SYSCTL_PATH "/proc/sys/net/ipv4/icmp_ratelimit"

static int child_says(int verdict, const char *fmt, const char *a, const char *b)
{
	printf(fmt, a, b);
	putchar('\n');
	fflush(stdout);
	return verdict;
}

/* A mount namespace of the child's own, from which nothing propagates. */
static int private_mounts(void)
{
	if (unshare(CLONE_NEWNS) < 0)
		return -1;
	return mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
}

/* Docker's ReadonlyPaths: /proc/sys bound read-only over itself (procfs is
 * mounted nosuid,nodev,noexec, which a remount must keep). */
static int proc_sys_read_only(void)
{
	if (mount("/proc/sys", "/proc/sys", NULL, MS_BIND | MS_REC, NULL) < 0)
		return -1;
	return mount(NULL, "/proc/sys", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
		     NULL);
}

/* A seccomp filter under which fsopen (and open_tree too when both) fails
 * with EPERM, as in a container whose profile predates them. */
static int refuse_new_mount_api(bool both)
{
#ifdef TEST_AUDIT_ARCH
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, TEST_AUDIT_ARCH, 0, 4),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_fsopen, 3, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, both ? SYS_open_tree : SYS_fsopen, 2, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
	};
	struct sock_fprog prog = { .len = sizeof(f) / sizeof(f[0]), .filter = f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -1;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
#else
	(void)both;
	errno = ENOSYS;
	return -1;
#endif
}

/* Whether sysctls can be written here at all, before anything is made
 * read-only (a user namespace's /proc/sys cannot be: nothing to show). */
static bool sysctl_writable(struct ns *ns, char *why, size_t len)
{
	struct nl_error e = { 0 };
	char was[32];

	if (ns_sysctl_read(ns, SYSCTL, was, sizeof(was), &e) == 0 &&
	    ns_sysctl_write(ns, SYSCTL, strcmp(was, "0") ? "0" : "1000", &e) == 0)
		return true;
	snprintf(why, len, "%s", e.text);
	return false;
}

enum ro_way { RO_FSOPEN, RO_OPEN_TREE, RO_NONE };

/* The environment of way: /proc/sys read-only, and what seccomp refuses. */
static int make_read_only(enum ro_way way)
{
	if (private_mounts() < 0 || proc_sys_read_only() < 0)
		return -1;
	if (way != RO_FSOPEN && refuse_new_mount_api(way == RO_NONE) < 0)
		return -1;
	ns_sysctl_forget_proc();
	return 0;
}

/* The mounted /proc/sys refuses the write, whatever ns_sysctl_write does. */
static bool really_read_only(void)
{
	int fd = open(SYSCTL_PATH, O_WRONLY | O_CLOEXEC);

	if (fd >= 0)
		close(fd);
	return fd < 0 && errno == EROFS;
}

/* In the child: the write succeeds (RO_FSOPEN, RO_OPEN_TREE) and lands in
 * the namespace, or (RO_NONE) fails with EROFS naming the flag, except for
 * a value already there. */
static int sysctl_child(void *arg)
{
	enum ro_way way = *(enum ro_way *)arg;
	struct ns ns = { .fd = -1 };
	struct nl_error e = { 0 };
	char why[300] = "", now[32] = "", want[8];
	int ret;

	if (ns_create(&ns, "ro", &e) < 0)
		return child_says(CHILD_SKIP, "%s%s", e.text, "");
	if (!sysctl_writable(&ns, why, sizeof(why)))
		return child_says(CHILD_SKIP, "no sysctl can be written here at all: %s%s", why, "");
	if (make_read_only(way) < 0)
		return child_says(CHILD_SKIP, "cannot make this environment: %s%s", err_name(errno), "");
	if (!really_read_only())
		return child_says(CHILD_FAIL, "%s is still writable%s", SYSCTL_PATH, "");
	if (ns_sysctl_read(&ns, SYSCTL, now, sizeof(now), &e) < 0)
		return child_says(CHILD_FAIL, "reading: %s%s", e.text, "");
	/* Kept in jiffies: whole seconds read back unchanged at every HZ. */
	snprintf(want, sizeof(want), "%s", strcmp(now, "0") ? "0" : "1000");
	ret = ns_sysctl_write(&ns, SYSCTL, want, &e);
	if (way == RO_NONE) {
		if (ret == 0 || e.err != EROFS || !strstr(e.text, "systempaths=unconfined"))
			return child_says(CHILD_FAIL, "want EROFS naming systempaths=unconfined, got: %s%s",
					  ret == 0 ? "success" : e.text, "");
		if (ns_sysctl_write(&ns, SYSCTL, now, &e) < 0)
			return child_says(CHILD_FAIL, "the value already there (%s) counts as written, got: %s",
					  now, e.text);
		return CHILD_PASS;
	}
	if (ret < 0)
		return child_says(CHILD_FAIL, "ns_sysctl_write: %s%s", e.text, "");
	if (ns_sysctl_read(&ns, SYSCTL, now, sizeof(now), &e) < 0 || strcmp(now, want))
		return child_says(CHILD_FAIL, "read back \"%s\", wrote \"%s\"", now, want);
	return CHILD_PASS;
}

/* Runs fn in a child and turns its exit status into a verdict. */
static void in_child(int (*fn)(void *), void *arg)
{
	char out[1024] = "";
	struct proc_out o = { out, sizeof(out), false };
	struct proc_end end = { 0 };
	char how[64];

	if (proc_run(fn, arg, &o, NULL, 60000, &end) < 0 || end.how != PROC_EXITED) {
		TEST_FAILF("the child: %s; it said: %s", proc_end_text(&end, how, sizeof(how)), out);
		return;
	}
	out[strcspn(out, "\n")] = '\0';
	if (end.code == CHILD_SKIP)
		tests_skip("%s", out);
	else if (end.code != CHILD_PASS)
		TEST_FAILF("%s", out);
}

static void test_private_procfs(void)
{
	enum ro_way way = RO_FSOPEN;

	if (test_netns_usable())
		in_child(sysctl_child, &way);
}

static void test_open_tree(void)
{
	enum ro_way way = RO_OPEN_TREE;

	if (test_netns_usable())
		in_child(sysctl_child, &way);
}

static void test_no_way(void)
{
	enum ro_way way = RO_NONE;

	if (test_netns_usable())
		in_child(sysctl_child, &way);
}

/* The binary under test, run on one meta case where no pinned sysctl can be
 * written; its output on stdout. */
static int unpinned_child(void *arg)
{
	const char *bin = getenv("NSFAULT") ?: "build/asan/nsfault";
	struct ns ns = { .fd = -1 };
	struct nl_error e = { 0 };
	char why[300] = "";

	if (ns_create(&ns, "ro", &e) < 0)
		return child_says(CHILD_SKIP, "%s%s", e.text, "");
	if (!sysctl_writable(&ns, why, sizeof(why)))
		return child_says(CHILD_SKIP, "no sysctl can be written here at all: %s%s", why, "");
	ns_destroy(&ns);
	if (make_read_only(RO_NONE) < 0)
		return child_says(CHILD_SKIP, "cannot make this environment: %s%s", err_name(errno), "");
	dup2(STDOUT_FILENO, STDERR_FILENO);
	execl(bin, bin, "run", "-j", "1", (const char *)arg, (char *)NULL);
	return child_says(CHILD_FAIL, "exec %s: %s", bin, err_name(errno));
}

static void run_unpinned(const char *path, char *out, size_t len, struct proc_end *end)
{
	struct proc_out o = { out, len, false };

	out[0] = '\0';
	if (proc_run(unpinned_child, (void *)path, &o, NULL, 120000, end) < 0)
		end->how = PROC_FAILED;
}

/* A failure where a pinned sysctl could not be set is no verdict: a SKIP
 * naming the pin and the flag that would allow it; a pass still is one. */
static void test_unpinned_skips(void)
{
	static char out[65536];
	struct proc_end end = { 0 };

	if (!test_netns_usable())
		return;
	run_unpinned("tests/meta/wrong-errno.case", out, sizeof(out), &end);
	if (end.how == PROC_EXITED && end.code == CHILD_SKIP)
		TEST_SKIP("%.200s", out);
	if (end.how != PROC_EXITED || end.code != 4 || !strstr(out, "0 passed, 0 failed, 2 skipped") ||
	    !strstr(out, "failed without a pinned sysctl, so not a verdict: writing sysctl " SYSCTL "=0") ||
	    !strstr(out, "systempaths=unconfined"))
		TEST_FAILF("wrong-errno.case with no pinned sysctl: want exit 4, 2 skips naming the pin and the "
			   "flag; got exit %d:\n%.4000s", end.code, out);
	run_unpinned("tests/meta/right-errno.case", out, sizeof(out), &end);
	if (end.how != PROC_EXITED || end.code != 0 || !strstr(out, "2 passed, 0 failed, 0 skipped"))
		TEST_FAILF("right-errno.case with no pinned sysctl: want 2 passes; got exit %d:\n%.4000s", end.code, out);
}

/* Cases whose variants an environment without sysctl writes splits: one
 * that needs nothing (runs), a poweroff (runs: its limbo does without
 * disable_ipv6), a case's own sysctl (skips), forwarding on a router (IPv4
 * runs: its links get forwarding over netlink; IPv6 has no such way: skips). */
#define COUNT_CASES "tests/meta/right-errno.case cases/closing/c3-time-wait-rst-rfc1337-1.case " \
	"cases/handshake/h3-tcp-reset.case cases/established/e7-half-open-read-only.case"

/* In the child: doctor's count, then the run's, in the same environment. */
static int counts_child(void *arg)
{
	const char *bin = getenv("NSFAULT") ?: "build/asan/nsfault";
	char script[1024];

	(void)arg;
	if (make_read_only(RO_NONE) < 0)
		return child_says(CHILD_SKIP, "cannot make this environment: %s%s", err_name(errno), "");
	dup2(STDOUT_FILENO, STDERR_FILENO);
	snprintf(script, sizeof(script), "%s doctor %s | grep '^info variants'; %s run -j 2 %s | tail -n 1", bin,
		 COUNT_CASES, bin, COUNT_CASES);
	execl("/bin/sh", "sh", "-c", script, (char *)NULL);
	return child_says(CHILD_FAIL, "exec /bin/sh: %s%s", err_name(errno), "");
}

/* `nsfault doctor`'s "will run / will skip" is what the run then does:
 * doctor counts with the coordinator's own check (engine/require.h), here
 * where no sysctl can be written, so that most of the variants skip. */
static void test_doctor_counts_are_the_runs(void)
{
	static char out[8192];
	struct proc_out o = { out, sizeof(out), false };
	struct proc_end end = { 0 };
	int total = 0, cases = 0, run = -1, skip = -1, passed = -1, failed = -1, skipped = -1;
	const char *v, *r;

	if (!test_pins_settable())
		return;
	if (proc_run(counts_child, NULL, &o, NULL, 120000, &end) < 0 || end.how != PROC_EXITED) {
		TEST_FAILF("the child did not end: %.2000s", out);
		return;
	}
	if (end.code == CHILD_SKIP)
		TEST_SKIP("%.200s", out);
	v = strstr(out, "info variants");
	r = v ? strchr(v, '\n') : NULL;
	if (!v || !r || sscanf(v + strlen("info variants"), " %d in %d cases: %d will run, %d will skip", &total,
			       &cases, &run, &skip) != 4 ||
	    sscanf(r + 1, "%d passed, %d failed, %d skipped", &passed, &failed, &skipped) != 3) {
		TEST_FAILF("no doctor count or run summary in:\n%.4000s", out);
		return;
	}
	/* 12 variants: right-errno's and e7's 4 and h3's 3 IPv4 ones run; c3's 2
	 * and h3's 3 IPv6 ones need a sysctl. */
	if (total != 12 || run != 7 || skip != 5 || passed + failed != run || skipped != skip)
		TEST_FAILF("doctor: %d will run, %d will skip (of %d); the run: %d passed, %d failed, %d skipped; "
			   "want 7 and 5 each:\n%.4000s", run, skip, total, passed, failed, skipped, out);
}

/* Where m's hierarchy is mounted (systemd's hybrid layout, or cgroup v2
 * alone), or NULL. */
static const char *freezer_mount(enum frz_method m)
{
	static const char *const v2[] = { "/sys/fs/cgroup/unified", "/sys/fs/cgroup", NULL };
	static const char *const v1[] = { "/sys/fs/cgroup/freezer", NULL };
	struct statfs sf;

	for (const char *const *p = m == FRZ_CGROUP2 ? v2 : v1; *p; p++)
		if (statfs(*p, &sf) == 0 &&
		    (unsigned long)sf.f_type == (m == FRZ_CGROUP2 ? CGROUP2_SUPER_MAGIC : CGROUP_SUPER_MAGIC))
			return *p;
	return NULL;
}

/* In the child: the freezer's mount remounted read-only (as a container's
 * cgroup fs); attaching must say "unavailable (read-only cgroup fs" and
 * create nothing. */
static int ro_freezer_child(void *arg)
{
	enum frz_method m = *(enum frz_method *)arg;
	const char *mnt = freezer_mount(m);
	char err[512] = "";
	struct frz f;

	if (!mnt)
		return child_says(CHILD_SKIP, "the %s is not mounted where cgroups usually are%s",
				  frz_method_name(m), "");
	if (private_mounts() < 0 ||
	    mount(NULL, mnt, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		return child_says(CHILD_SKIP, "cannot remount %s read-only: %s", mnt, err_name(errno));
	if (frz_attach(&f, getpid(), m, err, sizeof(err)) == 0) {
		frz_release(&f);
		return child_says(CHILD_FAIL, "%s attached on a read-only mount %s", frz_method_name(m), mnt);
	}
	if (!strstr(err, "unavailable (read-only cgroup fs"))
		return child_says(CHILD_FAIL, "want \"unavailable (read-only cgroup fs\", got: %s%s", err, "");
	return CHILD_PASS;
}

static void ro_freezer(enum frz_method m)
{
	if (!test_freezer_present(m))
		TEST_SKIP("no writable %s mount here", frz_method_name(m));
	in_child(ro_freezer_child, &m);
}

static void test_ro_cgroup2(void) { ro_freezer(FRZ_CGROUP2); }
static void test_ro_cgroup1(void) { ro_freezer(FRZ_CGROUP1); }

/* ---- a run killed whole while an actor is frozen by the cgroup v1 freezer ---- */

#define TEARDOWN_WAIT_MS 30000

static const char frozen_case[] =
	"# An actor frozen while the whole run is killed (tests/system/test_containers.c).\n"
	"scenario E6 \"an actor frozen while the run is killed\"\n"
	"topology pair\n\n"
	"server listen 7000\n"
	"client connect server:7000 = 0\n"
	"server accept = fd\n"
	"server freeze = 0\n"
	"client sleep 100000  # the run is killed during this\n"
	"server thaw = 0\n";

/* State letter and parent of pid from /proc/<pid>/stat; 0 when it is gone. */
static char proc_state(pid_t pid, pid_t *ppid)
{
	char st;

	return proc_stat(pid, &st, ppid, NULL) == 0 ? st : 0;
}

static bool gone(pid_t pid)
{
	char st = proc_state(pid, NULL);

	return st == 0 || st == 'Z' || st == 'X';
}

static void pause_ms(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

/* Waits, bounded, until pred(pid) holds; the state is polled, as
 * /proc/<pid>/stat gives no notification. */
static bool wait_until(bool (*pred)(pid_t), pid_t pid)
{
	for (int waited = 0; waited < TEARDOWN_WAIT_MS; waited += 10, pause_ms(10))
		if (pred(pid))
			return true;
	return false;
}

/* A frozen nsfault-OWNER-AGENT-... cgroup under mnt whose owner is a child
 * of runner: sets *owner, *agent and dir (its path). */
static bool find_frozen(const char *mnt, pid_t runner, pid_t *owner, pid_t *agent, char *dir, size_t len)
{
	DIR *d = opendir(mnt);
	struct dirent *e;
	bool found = false;

	while (d && !found && (e = readdir(d))) {
		char path[512], state[32] = "";
		int o, a;
		pid_t pp = 0;
		FILE *f;

		if (sscanf(e->d_name, "nsfault-%d-%d-", &o, &a) != 2 || !proc_state(o, &pp) || pp != runner)
			continue;
		snprintf(path, sizeof(path), "%s/%s/freezer.state", mnt, e->d_name);
		if ((f = fopen(path, "re"))) {
			found = fgets(state, sizeof(state), f) && strncmp(state, "FROZEN", 6) == 0;
			fclose(f);
		}
		*owner = o, *agent = a;
		snprintf(dir, len, "%s/%s", mnt, e->d_name);
	}
	if (d)
		closedir(d);
	return found;
}

static int exec_nsfault(void *arg)
{
	char *const *argv = arg;
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);

	if (null >= 0) {
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
	}
	execv(argv[0], argv);
	return 127;
}

static int exec_plain(void *arg)
{
	char *const *argv = arg;

	execv(argv[0], argv);
	return 127;
}

/* Kills the run as a container's stop with SIGKILL does: every process at
 * once (the runner, and the case process's group with its agents). */
static void kill_all(pid_t runner, pid_t owner)
{
	struct proc_end end;

	kill(runner, SIGKILL);
	kill(-owner, SIGKILL);
	proc_reap(runner, &end);
}

static bool nsfault_clean(char *bin)
{
	char out[256] = "";
	struct proc_out o = { out, sizeof(out), false };
	struct proc_end end = { 0 };
	char *argv[] = { bin, "clean", NULL };

	return proc_run(exec_plain, argv, &o, NULL, TEARDOWN_WAIT_MS, &end) == 0 && end.how == PROC_EXITED &&
	       end.code == 0 && strstr(out, "removed ");
}

/* The frozen actor's cgroup of a run started as runner, waited for. */
static bool await_frozen(const char *mnt, pid_t runner, pid_t *owner, pid_t *agent, char *dir, size_t len)
{
	for (int waited = 0; waited < TEARDOWN_WAIT_MS; waited += 10, pause_ms(10))
		if (find_frozen(mnt, runner, owner, agent, dir, len))
			return true;
	return false;
}

enum frozen_kill { FROZEN_SEEN, FROZEN_THAWED_BESIDE, FROZEN_WRONG };

/* Starts a run of path that freezes an actor with the v1 freezer, kills it
 * whole, and checks that the frozen actor outlives its kill until `nsfault
 * clean` thaws it. FROZEN_THAWED_BESIDE: another run on the machine (make
 * check runs stages side by side, and every run removes stale cgroups at
 * its start) thawed it first, so nothing was shown. */
static enum frozen_kill kill_while_v1_frozen(const char *mnt, char *bin, char *path)
{
	char *argv[] = { bin, "run", "-F", "cgroup1", "-f", "ipv4", "-j", "1", path, NULL };
	pid_t runner = proc_spawn(exec_nsfault, argv), owner = 0, agent = 0;
	char dir[512];
	struct stat st;

	if (runner < 0 || !await_frozen(mnt, runner, &owner, &agent, dir, sizeof(dir))) {
		TEST_FAILF("no frozen actor of the run appeared under %s within %d ms", mnt, TEARDOWN_WAIT_MS);
		proc_kill(runner, NULL);
		return FROZEN_WRONG;
	}
	kill_all(runner, owner);
	if (!wait_until(gone, owner)) {
		TEST_FAILF("the case process %d outlived SIGKILL", (int)owner);
		return FROZEN_WRONG;
	}
	if (proc_state(agent, NULL) != 'D') {
		if (stat(dir, &st) < 0 && errno == ENOENT)
			return FROZEN_THAWED_BESIDE;
		TEST_FAILF("the frozen actor %d: state '%c', want 'D' (SIGKILL pending until thawed)", (int)agent,
			   proc_state(agent, NULL) ?: '-');
		return FROZEN_WRONG;
	}
	if (!nsfault_clean(bin))
		TEST_FAILF("%s clean did not remove the stale cgroup", bin);
	else if (!wait_until(gone, agent))
		TEST_FAILF("the actor %d is still there after nsfault clean", (int)agent);
	return FROZEN_SEEN;
}

/* A cgroup v1 frozen task does not die from SIGKILL until thawed: a
 * container stopped with SIGKILL while nsfault had an actor frozen keeps that
 * actor (and so cannot finish stopping). `nsfault clean` (and the next run)
 * thaws it, and then it dies. */
static void test_killed_while_frozen(void)
{
	char dir[] = "/tmp/nsfault-teardown-XXXXXX", path[64], bin[PATH_MAX];
	const char *mnt = freezer_mount(FRZ_CGROUP1);
	enum frozen_kill r = FROZEN_THAWED_BESIDE;
	FILE *f;

	if (!test_netns_usable())
		return;
	if (!mnt || !test_freezer_present(FRZ_CGROUP1))
		TEST_SKIP("no writable cgroup v1 freezer mount here (the v2 freezer and SIGSTOP let a frozen task die)");
	snprintf(bin, sizeof(bin), "%s", getenv("NSFAULT") ?: "build/asan/nsfault");
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/frozen.case", dir);
	f = fopen(path, "we");
	CU_ASSERT_FATAL(f && fputs(frozen_case, f) >= 0 && fclose(f) == 0);
	for (int i = 0; i < 5 && r == FROZEN_THAWED_BESIDE; i++)
		r = kill_while_v1_frozen(mnt, bin, path);
	if (r == FROZEN_THAWED_BESIDE)
		TEST_FAILF("another run thawed the killed run's frozen actor before it could be seen, %d times in a row", 5);
	frz_clean_stale();	/* whatever failed above, leave nothing frozen */
	unlink(path);
	rmdir(dir);
}

int test_containers_register(void)
{
	static const struct test_def tests[] = {
		{ "read-only /proc/sys: sysctls through a private procfs (fsopen)", test_private_procfs },
		{ "read-only /proc/sys, fsopen refused: through open_tree", test_open_tree },
		{ "read-only /proc/sys, no way around: EROFS naming the flag", test_no_way },
		{ "a pinned sysctl that cannot be set: a failure skips, a pass passes", test_unpinned_skips },
		{ "doctor's will run / will skip is what the run does", test_doctor_counts_are_the_runs },
		{ "a read-only cgroup v2 mount: the freezer is unavailable", test_ro_cgroup2 },
		{ "a read-only cgroup v1 mount: the freezer is unavailable", test_ro_cgroup1 },
		{ "killed whole with an actor v1-frozen: it waits for the thaw, nsfault clean thaws it", test_killed_while_frozen },
		{ NULL, NULL },
	};

	return tests_add_suite("containers", tests);
}

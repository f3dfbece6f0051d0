/* SPDX-License-Identifier: GPL-2.0-only */
/* frz_: freezing and thawing one process by cgroup v2, cgroup v1 or SIGSTOP.
 *
 * Kernel fact that shapes frz_release: a task frozen by the cgroup v1 freezer
 * does not die from SIGKILL until it is thawed (the kill stays pending while
 * it sits in the refrigerator), whereas the cgroup v2 freezer lets a frozen
 * task be killed. So whoever kills an actor must release (thaw) it first, or a
 * v1-frozen actor would survive its kill and hang the reaper.
 *
 * The process is moved with cgroup.procs, in v1 as in v2 (rather than v1's
 * per-thread "tasks"), so that every thread of a multi-threaded actor moves
 * and freezes with it. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "util/clock.h"
#include "util/errnames.h"
#include "util/procstat.h"
#include "util/timeouts.h"
#include "actions/freezer.h"

#define FRZ_PREFIX "nsfault-"

/* What differs between the two cgroup freezers. */
struct frz_cg {
	enum frz_method method;
	const char *label;		/* for messages */
	const char *ctl;		/* the file written to freeze and thaw */
	const char *freeze_val, *thaw_val;
	const char *watch;		/* the file that tells the kernel's view */
	const char *frozen_line, *thawed_line;
	bool notifies;			/* watch wakes poll() with POLLPRI on change */
};

static const struct frz_cg FRZ_V2 = {
	FRZ_CGROUP2, "cgroup v2 freezer", "cgroup.freeze", "1", "0",
	"cgroup.events", "frozen 1", "frozen 0", true,
};

/* FREEZING is the transient state between the two. */
static const struct frz_cg FRZ_V1 = {
	FRZ_CGROUP1, "cgroup v1 freezer", "freezer.state", "FROZEN", "THAWED",
	"freezer.state", "FROZEN", "THAWED", false,
};

static const struct frz_cg *frz_cg_of(enum frz_method m)
{
	return m == FRZ_CGROUP2 ? &FRZ_V2 : m == FRZ_CGROUP1 ? &FRZ_V1 : NULL;
}

const char *frz_method_name(enum frz_method m)
{
	switch (m) {
	case FRZ_CGROUP2: return "cgroup v2 freezer";
	case FRZ_CGROUP1: return "cgroup v1 freezer";
	case FRZ_SIGSTOP: return "SIGSTOP";
	case FRZ_AUTO: return "auto";
	}
	return "unknown";
}

/* ---- small helpers ---- */

static int frz_fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int frz_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* snprintf that reports truncation as failure (ENAMETOOLONG). */
static int frz_path(char *out, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int frz_path(char *out, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(out, len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/* One POLL_INTERVAL_US. */
static void pause_interval(void)
{
	struct timespec ts = { POLL_INTERVAL_US / 1000000, (POLL_INTERVAL_US % 1000000) * 1000L };

	/* An early wake-up (EINTR) only means one re-read sooner. */
	(void)nanosleep(&ts, NULL);
}

/* Writes s to path in one write(): cgroup files take a value per write and
 * report refusal from write(), so a short write is an error too. */
static int write_file(const char *path, const char *s)
{
	size_t len = strlen(s);
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;
	int saved;

	if (fd < 0)
		return -1;
	n = write(fd, s, len);
	saved = errno;
	if (close(fd) < 0 && n == (ssize_t)len)
		return -1;
	if (n == (ssize_t)len)
		return 0;
	errno = n < 0 ? saved : EIO;
	return -1;
}

static int write_pid(const char *path, pid_t pid)
{
	char s[24];

	snprintf(s, sizeof(s), "%d", (int)pid);
	return write_file(path, s);
}

/* Reads from offset 0 (so one fd can be re-read) into buf, NUL-terminated. */
static ssize_t pread_str(int fd, char *buf, size_t len)
{
	ssize_t n = pread(fd, buf, len - 1, 0);

	buf[n < 0 ? 0 : n] = '\0';
	return n;
}

static ssize_t read_str(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	int saved;

	if (fd < 0) {
		buf[0] = '\0';
		return -1;
	}
	n = pread_str(fd, buf, len);
	saved = errno;
	(void)close(fd);	/* read-only: nothing to lose */
	errno = saved;
	return n;
}

/* Whether buf has a line exactly equal to line. */
static bool has_line(const char *buf, const char *line)
{
	size_t len = strlen(line);
	const char *p = buf;

	for (; (p = strstr(p, line)); p += len)
		if ((p == buf || p[-1] == '\n') && (p[len] == '\n' || p[len] == '\0'))
			return true;
	return false;
}

/* Joins lines with "; " so a file's content fits in one message. */
static void oneline(char *s)
{
	size_t len = strlen(s);

	while (len && s[len - 1] == '\n')
		s[--len] = '\0';
	for (char *p = s; (p = strchr(p, '\n')); p++)
		*p = ',';
}

/* ---- waiting for the kernel's view ---- */

/* 1: the wanted state; 0: not yet; -1: it can never come (errno says why). */
typedef int (*frz_check_fn)(const char *content, const void *arg);

struct frz_watch {
	const char *path;
	frz_check_fn check;
	const void *arg;
	bool notifies;
};

/* Sleeps until the watched file may have changed: a POLLPRI notification when
 * it gives them (falling back for good when poll() refuses), else one
 * POLL_INTERVAL_US. */
static void frz_wait_change(int fd, bool *notifies, long long left)
{
	struct pollfd p = { .fd = fd, .events = POLLPRI };

	if (*notifies) {
		int r = poll(&p, 1, (int)(left < POLL_NOTIFY_SLICE_MS ? left : POLL_NOTIFY_SLICE_MS));

		if (r >= 0 && !(p.revents & POLLNVAL))
			return;
		if (r < 0 && errno == EINTR)
			return;
		*notifies = false;
	}
	pause_interval();
}

/* Re-reads w->path until w->check accepts it or timeout_ms pass. Returns 0,
 * or -1 with errno (ETIMEDOUT, or why the file cannot be read); seen holds
 * the last content read, for messages. */
static int frz_wait(const struct frz_watch *w, int timeout_ms, char *seen, size_t seenlen)
{
	long long deadline = clock_ms() + timeout_ms;
	bool notifies = w->notifies;
	int fd = open(w->path, O_RDONLY | O_CLOEXEC), r = -1, saved;

	seen[0] = '\0';
	if (fd < 0)
		return -1;
	for (;;) {
		/* Reading also re-arms the kernfs notification for the next poll. */
		if (pread_str(fd, seen, seenlen) < 0)
			break;
		r = w->check(seen, w->arg);
		if (r != 0)
			break;
		if (clock_ms() >= deadline) {
			errno = ETIMEDOUT;
			r = -1;
			break;
		}
		frz_wait_change(fd, &notifies, deadline - clock_ms());
	}
	saved = errno;
	(void)close(fd);	/* read-only: nothing to lose */
	errno = saved;
	return r > 0 ? 0 : -1;
}

static int check_line(const char *content, const void *line)
{
	return has_line(content, line) ? 1 : 0;
}

/* ---- locating the hierarchies ---- */

/* Decodes mountinfo's octal escapes (\040 for a space) in place. */
static void unescape(char *s)
{
	char *out = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
		    s[3] >= '0' && s[3] <= '7') {
			*out++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 3;
		} else {
			*out++ = *s;
		}
	}
	*out = '\0';
}

/* Whether the comma-separated list has item. */
static bool has_item(const char *list, const char *item)
{
	size_t len = strlen(item);
	const char *p = list;

	for (; (p = strstr(p, item)); p += len)
		if ((p == list || p[-1] == ',') && (p[len] == ',' || p[len] == '\0'))
			return true;
	return false;
}

/* One mountinfo line: "id parent dev root mnt opts [optional...] - fstype src superopts". */
struct mountline {
	char *root, *mnt, *opts, *fstype, *superopts;
};

static bool parse_mountline(char *line, struct mountline *m)
{
	char *tok[64], *save = NULL, *t;
	int n = 0, dash = -1;

	for (t = strtok_r(line, " \n", &save); t && n < 64; t = strtok_r(NULL, " \n", &save)) {
		if (dash < 0 && n >= 6 && !strcmp(t, "-"))
			dash = n;
		tok[n++] = t;
	}
	if (dash < 0 || n < dash + 4)
		return false;
	*m = (struct mountline){ tok[3], tok[4], tok[5], tok[dash + 1], tok[dash + 3] };
	unescape(m->root);
	unescape(m->mnt);
	return true;
}

static bool mount_matches(const struct frz_cg *k, const struct mountline *m)
{
	if (k == &FRZ_V2)
		return !strcmp(m->fstype, "cgroup2");
	return !strcmp(m->fstype, "cgroup") && has_item(m->superopts, "freezer");
}

/* Finds the first mount of k's hierarchy; *ro (when not NULL) says whether
 * it is mounted read-only, as containers mount the cgroup fs. Returns 0, or
 * -1 with errno (ENOENT: not mounted). */
static int frz_find_mount(const struct frz_cg *k, char *mnt, size_t mntlen, char *root,
			  size_t rootlen, bool *ro)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char *line = NULL;
	size_t cap = 0;
	struct mountline m;
	int ret = -1;

	if (!f)
		return -1;
	errno = ENOENT;
	while (ret < 0 && getline(&line, &cap, f) > 0) {
		if (!parse_mountline(line, &m) || !mount_matches(k, &m))
			continue;
		if (frz_path(mnt, mntlen, "%s", m.mnt) == 0 &&
		    frz_path(root, rootlen, "%s", m.root) == 0)
			ret = 0;
		if (ro)
			*ro = has_item(m.opts, "ro");
	}
	free(line);
	(void)fclose(f);	/* read-only */
	return ret;
}

/* Whether a /proc/<pid>/cgroup line "id:controllers:path" is k's hierarchy;
 * sets *path to its path. */
static bool cgline_matches(const struct frz_cg *k, char *line, char **path)
{
	char *ctrls = strchr(line, ':'), *p;

	if (!ctrls || !(p = strchr(ctrls + 1, ':')))
		return false;
	*ctrls++ = '\0';
	*p++ = '\0';
	p[strcspn(p, "\n")] = '\0';
	*path = p;
	if (k == &FRZ_V2)
		return !strcmp(line, "0") && *ctrls == '\0';
	return has_item(ctrls, "freezer");
}

/* The process's cgroup in k's hierarchy, as a path from the mount root. */
static int frz_proc_cgroup(const struct frz_cg *k, pid_t pid, char *out, size_t len)
{
	char file[64], *line = NULL, *path;
	size_t cap = 0;
	FILE *f;
	int ret = -1;

	snprintf(file, sizeof(file), "/proc/%d/cgroup", (int)pid);
	f = fopen(file, "re");
	if (!f)
		return -1;
	errno = ENOENT;
	while (ret < 0 && getline(&line, &cap, f) > 0)
		if (cgline_matches(k, line, &path))
			ret = frz_path(out, len, "%s", path);
	free(line);
	(void)fclose(f);	/* read-only */
	return ret;
}

/* The cgroup.procs of cgroup path under a mount whose root is root; fails
 * (EXDEV) when the cgroup is not visible through that mount. */
static int frz_procs_path(char *out, size_t len, const char *mnt, const char *root,
			  const char *path)
{
	size_t rl = strcmp(root, "/") ? strlen(root) : 0;

	if (rl && (strncmp(path, root, rl) || (path[rl] != '/' && path[rl] != '\0'))) {
		errno = EXDEV;
		return -1;
	}
	path += rl;
	if (!strcmp(path, "/"))
		path = "";
	return frz_path(out, len, "%s%s/cgroup.procs", mnt, path);
}

/* ---- attaching ---- */

/* Where pid comes from, into f->home. */
static int frz_find_home(const struct frz_cg *k, struct frz *f, const char *mnt,
			 const char *root, char *err, size_t errlen)
{
	char path[PATH_MAX];

	if (frz_proc_cgroup(k, f->pid, path, sizeof(path)) < 0)
		return frz_fail(err, errlen, "%s: finding the cgroup of process %d in /proc/%d/cgroup: %s",
				k->label, (int)f->pid, (int)f->pid, err_name(errno));
	if (frz_procs_path(f->home, sizeof(f->home), mnt, root, path) < 0)
		return frz_fail(err, errlen, "%s: the cgroup %s of process %d is not reachable under %s (mount root %s): %s",
				k->label, path, (int)f->pid, mnt, root, err_name(errno));
	return 0;
}

/* Creates f->dir and checks it has k's control file. */
static int frz_make_dir(const struct frz_cg *k, struct frz *f, const char *mnt, char *err,
			size_t errlen)
{
	char ctl[512];

	unsigned long long start, runner_start = 0;
	pid_t runner = getppid();

	/* Our start time in the name: a pid alone may be reused (stale_name).
	 * The runner's (our parent's) pid and start time only tell whose run
	 * made it: a leak test running beside other runs counts only its own. */
	if (proc_stat(getpid(), NULL, NULL, &start) < 0)
		return frz_fail(err, errlen, "%s: reading /proc/%d/stat: %s", k->label, (int)getpid(),
				err_name(errno));
	(void)proc_stat(runner, NULL, NULL, &runner_start);	/* gone already: 0 */
	if (frz_path(f->dir, sizeof(f->dir), "%s/" FRZ_PREFIX "%d-%d-%llu-%d-%llu", mnt, (int)getpid(),
		     (int)f->pid, start, (int)runner, runner_start) < 0)
		return frz_fail(err, errlen, "%s: cgroup path under %s: %s", k->label, mnt,
				err_name(errno));
	/* EEXIST: ours (the name holds our pid), from an attach not released. */
	if (mkdir(f->dir, 0755) < 0 && errno != EEXIST)
		return frz_fail(err, errlen, "%s: creating %s: %s", k->label, f->dir, err_name(errno));
	snprintf(ctl, sizeof(ctl), "%s/%s", f->dir, k->ctl);
	if (access(ctl, F_OK) == 0)
		return 0;
	frz_fail(err, errlen, "no %s: %s has no %s: %s", k->label, f->dir, k->ctl, err_name(errno));
	(void)rmdir(f->dir);	/* ours and empty: nothing to report if it fails */
	return -1;
}

static int frz_attach_cg(const struct frz_cg *k, struct frz *f, char *err, size_t errlen)
{
	char mnt[PATH_MAX], root[PATH_MAX], procs[512];
	bool ro = false;

	if (frz_find_mount(k, mnt, sizeof(mnt), root, sizeof(root), &ro) < 0)
		return frz_fail(err, errlen, "no %s: no %s in /proc/self/mountinfo: %s", k->label,
				k == &FRZ_V2 ? "cgroup2 mount" : "cgroup mount with the freezer option",
				err_name(errno));
	if (frz_find_home(k, f, mnt, root, err, errlen) < 0)
		return -1;
	/* Present but unusable: nothing can be created or moved there. Said
	 * before trying, so that no EROFS from a mkdir reads as a fault. */
	if (ro) {
		errno = EROFS;
		return frz_fail(err, errlen, "no %s: unavailable (read-only cgroup fs: %s is mounted read-only): %s",
				k->label, mnt, err_name(EROFS));
	}
	if (frz_make_dir(k, f, mnt, err, errlen) < 0)
		return -1;
	snprintf(procs, sizeof(procs), "%s/cgroup.procs", f->dir);
	if (write_pid(procs, f->pid) == 0)
		return 0;
	frz_fail(err, errlen, "%s: moving process %d into %s: %s", k->label, (int)f->pid, procs,
		 err_name(errno));
	(void)rmdir(f->dir);	/* ours and empty: nothing to report if it fails */
	return -1;
}

static int frz_attach_sigstop(struct frz *f, char *err, size_t errlen)
{
	if (kill(f->pid, 0) < 0)
		return frz_fail(err, errlen, "SIGSTOP: process %d: %s", (int)f->pid, err_name(errno));
	return 0;
}

static int frz_attach_one(struct frz *f, pid_t pid, enum frz_method m, char *err, size_t errlen)
{
	int ret;

	memset(f, 0, sizeof(*f));
	f->method = m;
	f->pid = pid;
	if (pid <= 0)	/* kill() would take it for a process group */
		ret = frz_fail(err, errlen, "freezer: invalid pid %d", (int)pid);
	else if (m == FRZ_SIGSTOP)
		ret = frz_attach_sigstop(f, err, errlen);
	else if (frz_cg_of(m))
		ret = frz_attach_cg(frz_cg_of(m), f, err, errlen);
	else
		ret = frz_fail(err, errlen, "freezer: unknown method %d", (int)m);
	if (ret < 0)	/* leaves nothing for frz_release to undo */
		f->pid = 0, f->dir[0] = '\0', f->home[0] = '\0';
	return ret;
}

/* With FRZ_AUTO, err collects why each skipped method did not work, and is
 * left so on success too (empty when the first one worked): the report can
 * say why SIGSTOP was used. */
int frz_attach(struct frz *f, pid_t pid, enum frz_method want, char *err, size_t errlen)
{
	static const enum frz_method order[] = { FRZ_CGROUP2, FRZ_CGROUP1, FRZ_SIGSTOP };
	char why[512];
	size_t used = 0;

	if (want != FRZ_AUTO)
		return frz_attach_one(f, pid, want, err, errlen);
	if (err && errlen)
		err[0] = '\0';
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (frz_attach_one(f, pid, order[i], why, sizeof(why)) == 0)
			return 0;
		if (err && used < errlen)
			used += (size_t)snprintf(err + used, errlen - used, "%s%s", used ? "; " : "", why);
	}
	return -1;
}

/* ---- freezing and thawing ---- */

/* State letter of /proc/<pid>/stat: after the last ')', as the name may hold one. */
static char stat_state(const char *stat)
{
	const char *p = strrchr(stat, ')');

	return p && p[1] == ' ' ? p[2] : '\0';
}

static int check_stopped(const char *stat, const void *arg)
{
	char s = stat_state(stat);

	(void)arg;
	if (s == 'T')
		return 1;
	if (s == 'Z' || s == 'X') {	/* died: it will never stop */
		errno = ESRCH;
		return -1;
	}
	return 0;
}

static int check_running(const char *stat, const void *arg)
{
	(void)arg;
	return stat_state(stat) != 'T';
}

static int frz_sig(struct frz *f, bool freeze, int timeout_ms, char *err, size_t errlen)
{
	char stat[64], seen[512];
	struct frz_watch w = { stat, freeze ? check_stopped : check_running, NULL, false };
	const char *sig = freeze ? "SIGSTOP" : "SIGCONT";

	snprintf(stat, sizeof(stat), "/proc/%d/stat", (int)f->pid);
	if (kill(f->pid, freeze ? SIGSTOP : SIGCONT) < 0)
		return frz_fail(err, errlen, "SIGSTOP: sending %s to %d: %s", sig, (int)f->pid,
				err_name(errno));
	if (frz_wait(&w, timeout_ms, seen, sizeof(seen)) == 0)
		return 0;
	return frz_fail(err, errlen, "SIGSTOP: after %s, the state in %s is not %s within %d ms (it is '%c'): %s",
			sig, stat, freeze ? "'T'" : "other than 'T'", timeout_ms,
			stat_state(seen) ? stat_state(seen) : '?', err_name(errno));
}

static int frz_cg_set(const struct frz_cg *k, struct frz *f, bool freeze, int timeout_ms,
		      char *err, size_t errlen)
{
	const char *val = freeze ? k->freeze_val : k->thaw_val;
	const char *line = freeze ? k->frozen_line : k->thawed_line;
	char ctl[512], watch[512], seen[256];
	struct frz_watch w = { watch, check_line, line, k->notifies };

	snprintf(ctl, sizeof(ctl), "%s/%s", f->dir, k->ctl);
	snprintf(watch, sizeof(watch), "%s/%s", f->dir, k->watch);
	if (write_file(ctl, val) < 0)
		return frz_fail(err, errlen, "%s: writing %s to %s: %s", k->label, val, ctl,
				err_name(errno));
	if (frz_wait(&w, timeout_ms, seen, sizeof(seen)) == 0)
		return 0;
	oneline(seen);
	return frz_fail(err, errlen, "%s: %s does not say \"%s\" within %d ms (it says \"%s\"): %s",
			k->label, watch, line, timeout_ms, seen, err_name(errno));
}

static int frz_set(struct frz *f, bool freeze, int timeout_ms, char *err, size_t errlen)
{
	if (f->pid <= 0)	/* kill(0, ...) would signal our own process group */
		return frz_fail(err, errlen, "freezer: not attached to a process");
	if (f->method == FRZ_SIGSTOP)
		return frz_sig(f, freeze, timeout_ms, err, errlen);
	if (!frz_cg_of(f->method))
		return frz_fail(err, errlen, "freezer: unknown method %d", (int)f->method);
	return frz_cg_set(frz_cg_of(f->method), f, freeze, timeout_ms, err, errlen);
}

int frz_freeze(struct frz *f, int timeout_ms, char *err, size_t errlen)
{
	char ignored[256];

	if (frz_set(f, true, timeout_ms, err, errlen) == 0)
		return 0;
	/* A freeze that did not complete (v1 stuck in FREEZING, a task in D
	 * state) must not leave the process half frozen behind the error. */
	if (f->pid > 0)
		(void)frz_set(f, false, TIMEOUT_FRZ_RELEASE_MS, ignored, sizeof(ignored));
	return -1;
}

int frz_thaw(struct frz *f, int timeout_ms, char *err, size_t errlen)
{
	return frz_set(f, false, timeout_ms, err, errlen);
}

/* ---- releasing and cleaning ---- */

/* Whether pid is listed in the cgroup.procs at path. */
static bool procs_has(const char *path, pid_t pid)
{
	char buf[4096], *p, *end;

	if (read_str(path, buf, sizeof(buf)) < 0)
		return false;
	for (p = buf; *p; p = end) {
		long v = strtol(p, &end, 10);

		if (end == p)
			break;
		if (v == pid)
			return true;
	}
	return false;
}

static bool procs_empty(const char *dir)
{
	char path[PATH_MAX], buf[64];

	if (frz_path(path, sizeof(path), "%s/cgroup.procs", dir) < 0)
		return false;
	return read_str(path, buf, sizeof(buf)) == 0;
}

/* rmdir, retried briefly while the cgroup lists no process: a task that has
 * just exited can keep the cgroup busy for a moment after it is a zombie. */
static int rmdir_settled(const char *dir)
{
	long long deadline = clock_ms() + TIMEOUT_CGROUP_RMDIR_MS;

	while (rmdir(dir) < 0) {
		if (errno != EBUSY || clock_ms() >= deadline || !procs_empty(dir))
			return -1;
		pause_interval();
	}
	return 0;
}

/* Failures are not reported: the caller is cleaning up, and a cgroup left
 * behind (process still inside) is found again by frz_clean_stale. */
static void frz_release_cg(const struct frz_cg *k, struct frz *f)
{
	char procs[512], ignored[256];

	/* Thaw first: a v1-frozen task cannot even die (see the top). */
	(void)frz_cg_set(k, f, false, TIMEOUT_FRZ_RELEASE_MS, ignored, sizeof(ignored));
	snprintf(procs, sizeof(procs), "%s/cgroup.procs", f->dir);
	/* Only a pid still inside is ours to move: a dead actor's pid may since
	 * belong to someone else. */
	if (f->home[0] && procs_has(procs, f->pid))
		(void)write_pid(f->home, f->pid);
	(void)rmdir_settled(f->dir);
}

static void frz_release_sig(struct frz *f)
{
	char stat[64], buf[512], ignored[256];

	snprintf(stat, sizeof(stat), "/proc/%d/stat", (int)f->pid);
	if (read_str(stat, buf, sizeof(buf)) > 0 && stat_state(buf) == 'T')
		(void)frz_sig(f, false, TIMEOUT_FRZ_RELEASE_MS, ignored, sizeof(ignored));
}

void frz_release(struct frz *f)
{
	if (!f || f->pid <= 0)
		return;
	if (f->method == FRZ_SIGSTOP)
		frz_release_sig(f);
	else if (frz_cg_of(f->method) && f->dir[0])
		frz_release_cg(frz_cg_of(f->method), f);
	f->pid = 0;
	f->dir[0] = '\0';
	f->home[0] = '\0';
}

/* Whether the process that made a cgroup is gone: no such pid, a zombie
 * (dead; its parent just has not reaped it — e.g. a container whose PID 1
 * does not reap), or a pid since reused by a process that started at
 * another time. has_start: the name holds the start time (names without it
 * come from older versions). */
static bool owner_gone(int owner, bool has_start, unsigned long long start)
{
	unsigned long long now_start;
	char state;

	if (proc_stat(owner, &state, NULL, &now_start) < 0)
		return errno == ENOENT || errno == ESRCH;
	if (state == 'Z' || state == 'X')
		return true;
	return has_start && now_start != start;
}

/* Whether name is nsfault-<owner>-<pid>[-<owner's start time>[-<runner>-
 * <runner's start time>]] (the shorter ones from older versions) with an
 * owner that no longer exists. */
static bool stale_name(const char *name)
{
	unsigned long long start = 0, runner_start;
	int owner, pid, runner, end = 0, end2 = 0, end3 = 0;

	if (sscanf(name, FRZ_PREFIX "%d-%d%n-%llu%n-%d-%llu%n", &owner, &pid, &end, &start, &end2, &runner,
		   &runner_start, &end3) < 2)
		return false;
	if (owner <= 0 || (name[end] != '\0' && (end2 == 0 || name[end2] != '\0') && (end3 == 0 || name[end3] != '\0')))
		return false;
	return owner_gone(owner, end2 != 0, start);
}

/* Moves every process listed in dir's cgroup.procs to the mount root. */
static void evacuate(const char *dir, const char *mnt)
{
	char path[PATH_MAX], root_procs[PATH_MAX], buf[4096], *p, *end;

	if (frz_path(path, sizeof(path), "%s/cgroup.procs", dir) < 0 ||
	    frz_path(root_procs, sizeof(root_procs), "%s/cgroup.procs", mnt) < 0 ||
	    read_str(path, buf, sizeof(buf)) <= 0)
		return;
	for (p = buf; *p; p = end) {
		long v = strtol(p, &end, 10);

		if (end == p)
			break;
		(void)write_pid(root_procs, (pid_t)v);	/* it may exit meanwhile */
	}
}

/* A stale cgroup's tasks are actors of a killed run: once thawed, the
 * SIGKILL that waited for the thaw ends them, and a task that is exiting
 * cannot be moved and stays listed until it is gone, which under load takes
 * longer than rmdir_settled's moment. So: move out what can be moved, and
 * wait, bounded, for the rest to be gone. */
static void evacuate_settled(const char *dir, const char *mnt)
{
	long long deadline = clock_ms() + TIMEOUT_FRZ_RELEASE_MS;

	evacuate(dir, mnt);
	while (!procs_empty(dir) && clock_ms() < deadline) {
		pause_interval();
		evacuate(dir, mnt);
	}
}

static bool clean_one(const struct frz_cg *k, const char *mnt, const char *name)
{
	char dir[PATH_MAX], ctl[PATH_MAX];

	if (frz_path(dir, sizeof(dir), "%s/%s", mnt, name) < 0 ||
	    frz_path(ctl, sizeof(ctl), "%s/%s", dir, k->ctl) < 0)
		return false;
	(void)write_file(ctl, k->thaw_val);	/* absent or refused: rmdir will tell */
	evacuate_settled(dir, mnt);
	return rmdir_settled(dir) == 0;
}

static int clean_mount(const struct frz_cg *k)
{
	char mnt[PATH_MAX], root[PATH_MAX];
	struct dirent *d;
	DIR *dir;
	int n = 0;

	if (frz_find_mount(k, mnt, sizeof(mnt), root, sizeof(root), NULL) < 0)
		return 0;
	dir = opendir(mnt);
	if (!dir)
		return 0;
	while ((d = readdir(dir)))
		if (d->d_type == DT_DIR && stale_name(d->d_name) && clean_one(k, mnt, d->d_name))
			n++;
	(void)closedir(dir);
	return n;
}

int frz_clean_stale(void)
{
	return clean_mount(&FRZ_V2) + clean_mount(&FRZ_V1);
}

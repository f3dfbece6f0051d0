/* SPDX-License-Identifier: GPL-2.0-only */
/* doctor_probes: facilities tried for real, in a namespace of the doctor's own. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include "util/errnames.h"
#include "util/proc.h"
#include "actions/capture.h"
#include "actions/firewall.h"
#include "actions/freezer.h"
#include "netns/diag.h"
#include "netns/ns.h"
#include "cli/doctor_probes.h"

#define DESTROY_WHAT "sock_diag destroy (SOCK_DESTROY)"

struct listener {
	int fd;
	struct sockaddr_in addr;
};

/* Runs inside the namespace: the socket belongs to it from then on. */
static int listen_inside(void *arg)
{
	struct listener *l = arg;
	socklen_t len = sizeof(l->addr);

	l->addr = (struct sockaddr_in){ .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	l->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (l->fd < 0)
		return -1;
	if (bind(l->fd, (struct sockaddr *)&l->addr, sizeof(l->addr)) < 0 || listen(l->fd, 1) < 0 ||
	    getsockname(l->fd, (struct sockaddr *)&l->addr, &len) < 0)
		return -1;
	return 0;
}

/* A destroyed socket has ECONNABORTED pending (tcp_abort). */
static void destroy_result(FILE *out, const struct listener *l)
{
	int soerr = 0;
	socklen_t len = sizeof(soerr);
	char detail[160];

	if (getsockopt(l->fd, SOL_SOCKET, SO_ERROR, &soerr, &len) < 0)
		soerr = errno;
	snprintf(detail, sizeof(detail), "%s (a listening socket of its own in a fresh namespace: %s)",
		 soerr == ECONNABORTED ? "works" : "answered but did not abort", err_name(soerr));
	doctor_line(out, soerr == ECONNABORTED, false, DESTROY_WHAT, detail);
}

void doctor_check_destroy(FILE *out)
{
	struct ns ns = { .fd = -1 };
	struct nl_error e = { 0 };
	struct listener l = { .fd = -1 };
	struct sockaddr_in any = { .sin_family = AF_INET };
	char detail[400];

	if (ns_create(&ns, "doctor-destroy", &e) < 0 || ns_within(&ns, listen_inside, &l, &e) < 0) {
		snprintf(detail, sizeof(detail), "not probed: %s", e.err ? e.text : err_name(errno));
		doctor_line(out, false, false, DESTROY_WHAT, detail);
	} else if (ns_diag_destroy(&ns, (struct sockaddr *)&l.addr, (struct sockaddr *)&any, &e) < 0) {
		snprintf(detail, sizeof(detail), "%s%s", e.text,
			 e.err == EOPNOTSUPP ? " (kernel without CONFIG_INET_DIAG_DESTROY): the destroy steps skip" : "");
		doctor_line(out, false, false, DESTROY_WHAT, detail);
	} else {
		destroy_result(out, &l);
	}
	if (l.fd >= 0)
		close(l.fd);
	ns_destroy(&ns);
}

static int wait_to_be_killed(void *arg)
{
	(void)arg;
	pause();
	return 0;
}

void doctor_check_freezers(FILE *out, struct doctor_facts *df)
{
	const enum frz_method methods[] = { FRZ_CGROUP2, FRZ_CGROUP1, FRZ_SIGSTOP };
	pid_t pid = proc_spawn(wait_to_be_killed, NULL);

	df->freezer = -1;
	for (int i = 0; pid > 0 && i < 3; i++) {
		struct frz f;
		char err[256] = "";
		bool ok = frz_attach(&f, pid, methods[i], err, sizeof(err)) == 0;

		if (ok)
			frz_release(&f);
		if (ok && df->freezer < 0)
			df->freezer = methods[i];
		/* frz_attach says so before trying anything there. */
		if (!ok && strstr(err, "read-only cgroup fs"))
			df->cgroup_ro = true;
		doctor_line(out, ok, false, frz_method_name(methods[i]), ok ? "works" : err);
	}
	if (pid < 0)
		doctor_line(out, false, false, "freezers", "not probed: no child process");
	proc_kill(pid, NULL);	/* nothing for a pid of -1 */
}

/* One rule, as a case would add it, in a namespace that vanishes after. */
static bool backend_works(struct ns *ns, enum fw_backend b, char *err, size_t errlen)
{
	if (b == FW_NFT)
		return fw_apply(ns, b, false, "add table inet nsfault_doctor", err, errlen) == 0;
	return fw_apply(ns, b, false, "-A INPUT -p tcp --dport 9 -j ACCEPT", err, errlen) == 0 &&
	       fw_apply(ns, b, true, "-A INPUT -p tcp --dport 9 -j ACCEPT", err, errlen) == 0;
}

static void check_lock(FILE *out)
{
	bool private_lock;
	const char *lock = fw_xtables_lockfile(&private_lock);
	char detail[256];

	snprintf(detail, sizeof(detail), "%s%s", lock,
		 private_lock ? ", nsfault's own: /run/xtables.lock is not writable here (rootless), "
				"so iptables-legacy gets XTABLES_LOCKFILE"
		 : getenv("XTABLES_LOCKFILE") ? " (XTABLES_LOCKFILE)" : "");
	doctor_line(out, true, false, "iptables-legacy lock file", detail);
}

void doctor_check_backends(FILE *out)
{
	struct ns ns = { .fd = -1 };
	struct nl_error e = { 0 };
	bool have_ns = ns_create(&ns, "doctor-firewall", &e) == 0;

	for (int b = 0; b < FW_NBACKENDS; b++) {
		char err[512] = "";
		bool ok = fw_available((enum fw_backend)b, err, sizeof(err)) &&
			  (!have_ns || backend_works(&ns, (enum fw_backend)b, err, sizeof(err)));

		doctor_line(out, ok, false, fw_backend_name((enum fw_backend)b),
			    !ok ? err : have_ns ? "works in a namespace" : "installed (no namespace to try it in)");
	}
	check_lock(out);
	ns_destroy(&ns);
}

void doctor_check_capture(FILE *out, struct doctor_facts *df)
{
	struct ns ns = { .fd = -1 };
	struct nl_error e = { 0 };
	char err[256] = "";
	bool ok;
	int code = 0;

	if (ns_create(&ns, "doctor-capture", &e) < 0) {
		snprintf(err, sizeof(err), "not probed: %.200s", e.text);
		ok = false;
	} else {
		/* A fresh namespace has only lo, which cap_open_host passes over:
		 * cap_probe opens a socket on it. */
		ok = cap_probe(&ns, err, sizeof(err)) == 0;
		code = ok ? 0 : errno;
	}
	df->no_net_raw = code == EPERM || code == EACCES;
	ns_destroy(&ns);
	doctor_line(out, ok, false, "packet capture (CAP_NET_RAW)",
		    ok ? "works: every host's packets are captured" : err);
}

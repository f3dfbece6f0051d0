/* SPDX-License-Identifier: GPL-2.0-only */
/* `nsfault doctor`: what this machine offers the suite — privilege, kernel
 * options, freezers, firewall backends — each with what a missing one makes skip. */
#include <errno.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/statvfs.h>
#include "util/errnames.h"
#include "util/proc.h"
#include "util/timeouts.h"
#include "cli/cli.h"
#include "cli/doctor_count.h"
#include "cli/doctor_line.h"
#include "cli/doctor_probes.h"
#include "actions/firewall.h"
#include "actions/freezer.h"
#include "engine/machine.h"
#include "engine/runner.h"
#include "engine/userns.h"
#include "netns/diag.h"
#include "netns/ns.h"
#include "netns/sysctl.h"
#include "lang/case.h"
#include "lang/version.h"

#define CAP_NET_ADMIN_BIT 12
#define CAP_SYS_ADMIN_BIT 21

/* Whether the capability set named set ("CapEff", "CapBnd") of this
 * process has cap (linux/capability.h numbers). */
static bool have_cap(const char *set, int cap)
{
	FILE *f = fopen("/proc/self/status", "re");
	char buf[256], fmt[32];
	unsigned long long caps = 0;

	if (!f)
		return false;
	snprintf(fmt, sizeof(fmt), "%s: %%llx", set);
	while (fgets(buf, sizeof(buf), f))
		if (sscanf(buf, fmt, &caps) == 1)
			break;
	fclose(f);
	return (caps >> cap) & 1;
}

/* The capabilities root would have in this container: a non-root user has
 * none in Docker, whatever --cap-add gave the container (its bounding set). */
static void read_caps(struct doctor_facts *df)
{
	const char *set = df->uid == 0 ? "CapEff" : "CapBnd";

	df->net_admin = have_cap(set, CAP_NET_ADMIN_BIT);
	df->sys_admin = have_cap(set, CAP_SYS_ADMIN_BIT);
}

/* What confines this process: the container's marks, seccomp, AppArmor. */
static void print_confinement(FILE *out, struct doctor_facts *df)
{
	char buf[256] = "", *nl;
	FILE *f = fopen("/proc/self/attr/current", "re");

	if (f) {
		if (!fgets(buf, sizeof(buf), f))
			buf[0] = '\0';
		fclose(f);
	}
	if ((nl = strchr(buf, '\n')))
		*nl = '\0';
	/* AppArmor labels read "name (enforce)"; SELinux ones "u:r:t:s0". */
	df->apparmor = strstr(buf, "(enforce)") != NULL;
	fprintf(out, "info %-34s uid %u, %s; LSM label \"%s\"\n", "container",
		(unsigned)getuid(),
		access("/.dockerenv", F_OK) == 0 ? "Docker (/.dockerenv)"
		: access("/run/.containerenv", F_OK) == 0 ? "Podman (/run/.containerenv)" : "no container marker",
		buf[0] ? buf : "none");
}

static int check_privilege(FILE *out, struct doctor_facts *df)
{
	char err[512];
	bool ok = run_probe(err, sizeof(err)) == 0;

	df->no_netns = !ok;
	df->in_userns = ok && userns_entered();
	if (df->in_userns)
		return doctor_line(out, true, true, "network namespaces",
			    "only inside a user namespace of nsfault's own (no CAP_SYS_ADMIN): "
			    "the suite runs there, sysctls may not be writable");
	return doctor_line(out, ok, true, "network namespaces", ok ? "can be created" : err);
}

static int try_userns(void *arg)
{
	(void)arg;
	return unshare(CLONE_NEWUSER) == 0 ? 0 : errno;
}

/* In a child, so that this process stays where it is. */
static void check_userns(FILE *out, const struct doctor_facts *df)
{
	struct proc_end end = { 0 };
	char detail[128];
	pid_t pid;

	if (df->in_userns) {
		doctor_line(out, true, false, "user namespaces", "allowed: nsfault runs in one of its own");
		return;
	}
	pid = proc_spawn(try_userns, NULL);
	if (pid < 0 || proc_wait(pid, TIMEOUT_STEP_MS, true, &end) < 0 || end.how != PROC_EXITED) {
		doctor_line(out, false, false, "user namespaces", "could not be probed");
		return;
	}
	snprintf(detail, sizeof(detail), "%s%s", end.code ? "refused: " : "allowed",
		 end.code ? err_name(end.code) : df->no_netns ? "" : " (not needed: CAP_SYS_ADMIN is there)");
	/* Only a fallback for a missing CAP_SYS_ADMIN: missing matters then. */
	doctor_line(out, end.code == 0 || !df->no_netns, false, "user namespaces", detail);
}

/* Writes a pinned sysctl in a fresh namespace, as every variant does. */
static void check_sysctl(FILE *out, struct doctor_facts *df)
{
	struct ns ns = { .fd = -1 };
	struct nl_error e = { 0 };
	struct statvfs sv;
	bool ok;

	if (ns_create(&ns, "doctor", &e) < 0) {
		df->sysctl_denied = true;
		doctor_line(out, false, false, "sysctl writes in a namespace", e.text);
		return;
	}
	ok = ns_sysctl_write(&ns, "net.ipv4.icmp_ratelimit", "0", &e) == 0;
	ns_destroy(&ns);
	df->sysctl_denied = !ok;
	df->sysctl_ro = statvfs("/proc/sys", &sv) == 0 && (sv.f_flag & ST_RDONLY);
	doctor_line(out, ok, false, "sysctl writes in a namespace",
	     !ok ? e.text : df->sysctl_ro ? "work, through a private procfs (/proc/sys is mounted read-only here)"
					  : "work");
}

/* The kernel options the suite itself needs, whatever the cases ask for. */
static const struct { const char *opt, *why; bool essential; } doctor_opts[] = {
		{ "CONFIG_NET_NS", "everything", true },
		{ "CONFIG_VETH", "everything", true },
		{ "CONFIG_IPV6", "the ipv6 variants", false },
		{ "CONFIG_INET_DIAG", "socket states from outside, destroy", false },
		{ "CONFIG_INET_TCP_DIAG", "socket states from outside, destroy", false },
		{ "CONFIG_INET_DIAG_DESTROY", "destroy (L1, C5)", false },
		{ "CONFIG_NF_TABLES", "firewall rules with nft", false },
		{ "CONFIG_NFT_REJECT", "nft reject actions", false },
		{ "CONFIG_NFT_REJECT_INET", "nft reject in an inet table", false },
		{ "CONFIG_NFT_LIMIT", "rules that act once (nft)", false },
		{ "CONFIG_NFT_COMPAT", "iptables-nft", false },
		{ "CONFIG_IP_NF_IPTABLES", "iptables-legacy", false },
		{ "CONFIG_IP_NF_FILTER", "iptables-legacy", false },
		{ "CONFIG_IP6_NF_IPTABLES", "ip6tables-legacy", false },
		{ "CONFIG_IP6_NF_FILTER", "ip6tables-legacy", false },
		{ "CONFIG_IP_NF_TARGET_REJECT", "iptables REJECT", false },
		{ "CONFIG_IP6_NF_TARGET_REJECT", "ip6tables REJECT", false },
		{ "CONFIG_NETFILTER_XT_MATCH_LIMIT", "rules that act once (iptables)", false },
		{ "CONFIG_CGROUP_FREEZER", "the cgroup v1 freezer", false },
};
#define DOCTOR_NOPTS (sizeof(doctor_opts) / sizeof(doctor_opts[0]))

static int check_config(FILE *out)
{
	char err[256], detail[300];
	int failed = 0;

	for (size_t i = 0; i < DOCTOR_NOPTS; i++) {
		int have = machine_kernel_config(doctor_opts[i].opt, err, sizeof(err));

		snprintf(detail, sizeof(detail), "%s%s", have == 1 ? "needed for " : have == 0 ? "not set: skips " : err,
			 have >= 0 ? doctor_opts[i].why : "");
		/* No readable config says nothing: the run will tell. */
		failed += doctor_line(out, have == 1, doctor_opts[i].essential && have == 0, doctor_opts[i].opt, detail);
	}
	return failed;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* `doctor --kconfig`: the options above and every `require config` of the
 * corpus, once each, as `CONFIG_X=y` lines that scripts/kconfig/
 * merge_config.sh merges into a kernel's .config. */
static int print_kconfig(int npaths, char **paths)
{
	const char *opts[DOCTOR_NOPTS + 256];
	struct case_file **cases;
	size_t n = 0;
	int ncases;

	if (cli_load_cases(npaths, paths, &cases, &ncases) < 0) {
		cli_free_cases(cases, ncases);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < DOCTOR_NOPTS; i++)
		opts[n++] = doctor_opts[i].opt;
	for (int c = 0; c < ncases; c++)
		for (int r = 0; r < cases[c]->nreqs && n < sizeof(opts) / sizeof(opts[0]); r++)
			if (cases[c]->reqs[r].kind == REQ_CONFIG)
				opts[n++] = cases[c]->reqs[r].what;
	qsort(opts, n, sizeof(opts[0]), by_name);
	printf("# the kernel options nsfault's corpus needs; merge with scripts/kconfig/merge_config.sh\n");
	for (size_t i = 0; i < n; i++)
		if (i == 0 || strcmp(opts[i], opts[i - 1]) != 0)
			printf("%s=y\n", opts[i]);
	cli_free_cases(cases, ncases);
	return EXIT_PASS;
}

const struct cli_opt doctor_options[] = {
	{ 'K', "kconfig", NULL, "print the kernel config fragment the corpus needs (CONFIG_X=y lines)" },
	{ 0 },
};


/* Which freezer the freeze steps will use, and why not a cgroup one. */
static void print_freezer_choice(FILE *out, const struct doctor_facts *df)
{
	char detail[200];

	snprintf(detail, sizeof(detail), "%s%s", df->freezer < 0 ? "none: freeze steps fail" :
		 frz_method_name((enum frz_method)df->freezer),
		 df->freezer == FRZ_SIGSTOP && df->cgroup_ro ?
		 " (the cgroup freezers are unavailable: read-only cgroup fs; --privileged mounts it writable)" : "");
	doctor_info(out, "freeze steps use", detail);
}

/* Every facility, each tried for real where it can be. Returns the number
 * of missing essentials. */
static int check_all(FILE *out, struct doctor_facts *df)
{
	int failed;

	check_sysctl(out, df);
	failed = check_config(out);
	doctor_check_destroy(out);
	doctor_check_capture(out, df);
	doctor_check_freezers(out, df);
	print_freezer_choice(out, df);
	doctor_check_backends(out);
	return failed;
}

/* Prints one line per check: ok, MISS (an alternative or an option some
 * cases need: they will skip) or FAIL (an essential: nothing can run); how
 * many variants of the corpus will run and skip; the flags that would run
 * them all. Exits 4 (as `run` does) when no network namespace can be made,
 * 1 when another essential is missing, else 0. */
int cmd_doctor(const struct cli_cmd *cmd, int argc, char **argv)
{
	FILE *out = stdout;
	struct doctor_facts df = { .uid = (unsigned)getuid() };
	bool kconfig = false;
	char kv[32];
	int ch, missing;

	while ((ch = cli_getopt(cmd, argc, argv)) != -1) {
		if (ch != 'K')
			return ch == 'h' ? EXIT_PASS : EXIT_USAGE;
		kconfig = true;
	}
	if (kconfig)
		return print_kconfig(argc - optind, argv + optind);
	read_caps(&df);	/* before a user namespace gives every one */
	version_format(machine_kernel_version(), kv, sizeof(kv));
	fprintf(out, "nsfault doctor: kernel %s\n", kv);
	print_confinement(out, &df);
	missing = check_privilege(out, &df);
	check_userns(out, &df);
	if (!df.no_netns)
		missing += check_all(out, &df);
	if (doctor_count_variants(out, argc - optind, argv + optind, &df) < 0)
		return EXIT_USAGE;
	doctor_print_flags(out, &df);
	return df.no_netns ? EXIT_SKIPPED : missing ? EXIT_FAILED : EXIT_PASS;
}

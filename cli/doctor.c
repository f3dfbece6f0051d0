/* SPDX-License-Identifier: GPL-2.0-only */
/* `nsfault doctor`: what this machine offers the suite — privilege, kernel
 * options, freezers, firewall backends — each with what a missing one makes skip. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util/proc.h"
#include "cli/cli.h"
#include "actions/firewall.h"
#include "actions/freezer.h"
#include "engine/machine.h"
#include "engine/runner.h"
#include "engine/userns.h"
#include "netns/ns.h"
#include "netns/sysctl.h"
#include "lang/case.h"
#include "lang/version.h"

/* Returns 1 for a missing essential; a missing alternative (one freezer,
 * one backend, an option a few cases need) only makes those cases skip. */
static int line(FILE *out, bool ok, bool essential, const char *what, const char *detail)
{
	fprintf(out, "%-4s %-34s %s\n", ok ? "ok" : essential ? "FAIL" : "MISS", what, detail);
	return !ok && essential;
}

/* What confines this process: the container's marks, seccomp, AppArmor. */
static void print_confinement(FILE *out)
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
	fprintf(out, "info %-34s uid %u, %s; LSM label \"%s\"\n", "container",
		(unsigned)getuid(),
		access("/.dockerenv", F_OK) == 0 ? "Docker (/.dockerenv)"
		: access("/run/.containerenv", F_OK) == 0 ? "Podman (/run/.containerenv)" : "no container marker",
		buf[0] ? buf : "none");
}

static int check_privilege(FILE *out)
{
	char err[512];
	bool ok = run_probe(err, sizeof(err)) == 0;

	if (ok && userns_entered())
		return line(out, true, true, "network namespaces",
			    "only inside a user namespace of nsfault's own (no CAP_SYS_ADMIN): "
			    "the suite runs there, sysctls may not be writable");
	return line(out, ok, true, "network namespaces", ok ? "can be created" : err);
}

/* Writes a pinned sysctl in a fresh namespace, as every variant does. */
static int check_sysctl(FILE *out)
{
	struct ns ns = { .fd = -1 };
	struct nl_error e = { 0 };
	bool ok;

	if (ns_create(&ns, "doctor", &e) < 0)
		return line(out, false, false, "sysctl writes in a namespace", e.text);
	ok = ns_sysctl_write(&ns, "net.ipv4.icmp_ratelimit", "0", &e) == 0;
	ns_destroy(&ns);
	return line(out, ok, false, "sysctl writes in a namespace",
		    ok ? "work" : e.text);
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
		{ "CONFIG_NFT_COMPAT", "iptables-nft", false },
		{ "CONFIG_IP_NF_IPTABLES", "iptables-legacy", false },
		{ "CONFIG_IP_NF_FILTER", "iptables-legacy", false },
		{ "CONFIG_IP6_NF_IPTABLES", "ip6tables-legacy", false },
		{ "CONFIG_IP6_NF_FILTER", "ip6tables-legacy", false },
		{ "CONFIG_IP_NF_TARGET_REJECT", "iptables REJECT", false },
		{ "CONFIG_IP6_NF_TARGET_REJECT", "ip6tables REJECT", false },
		{ "CONFIG_CGROUP_FREEZER", "the cgroup v1 freezer", false },
};
#define DOCTOR_NOPTS (sizeof(doctor_opts) / sizeof(doctor_opts[0]))

static int check_config(FILE *out)
{
	char err[256], detail[300];
	int failed = 0;

	for (size_t i = 0; i < DOCTOR_NOPTS; i++) {
		int have = kernel_config(doctor_opts[i].opt, err, sizeof(err));

		snprintf(detail, sizeof(detail), "%s%s", have == 1 ? "needed for " : have == 0 ? "not set: skips " : err,
			 have >= 0 ? doctor_opts[i].why : "");
		/* No readable config says nothing: the run will tell. */
		failed += line(out, have == 1, doctor_opts[i].essential && have == 0, doctor_opts[i].opt, detail);
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

static int wait_to_be_killed(void *arg)
{
	(void)arg;
	pause();
	return 0;
}

/* Tries each freezer on a child that only waits to be killed. */
static int check_freezers(FILE *out)
{
	const enum frz_method methods[] = { FRZ_CGROUP2, FRZ_CGROUP1, FRZ_SIGSTOP };
	pid_t pid = proc_spawn(wait_to_be_killed, NULL);
	int failed = 0;

	for (int i = 0; pid > 0 && i < 3; i++) {
		struct frz f;
		char err[256] = "works";
		bool ok = frz_attach(&f, pid, methods[i], err, sizeof(err)) == 0;

		if (ok)
			frz_release(&f);
		failed += line(out, ok, false, frz_method_name(methods[i]), ok ? "works" : err);
	}
	proc_kill(pid, NULL);	/* nothing for a pid of -1 */
	return failed;
}

static int check_backends(FILE *out)
{
	int failed = 0;

	for (int b = 0; b < FW_NBACKENDS; b++) {
		char err[256] = "";
		bool ok = fw_available((enum fw_backend)b, err, sizeof(err));

		failed += line(out, ok, false, fw_backend_name((enum fw_backend)b), ok ? "installed" : err);
	}
	return failed;
}

/* The least a container needs for every variant to run (issue 8). */
#define DOCTOR_FLAGS                                                                        \
	"hint to run everything in a container: docker run --cap-add NET_ADMIN --cap-add SYS_ADMIN " \
	"--security-opt systempaths=unconfined --security-opt apparmor=unconfined ... (podman run: " \
	"the same with --security-opt unmask=ALL), or --privileged"

const struct cli_opt doctor_options[] = {
	{ 'K', "kconfig", NULL, "print the kernel config fragment the corpus needs (CONFIG_X=y lines)" },
	{ 0 },
};

/* Prints one line per check: ok, MISS (an alternative or an option some
 * cases need: they will skip) or FAIL (an essential: nothing can run). */
int cmd_doctor(const struct cli_cmd *cmd, int argc, char **argv)
{
	FILE *out = stdout;
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
	version_format(kernel_version(), kv, sizeof(kv));
	fprintf(out, "nsfault doctor: kernel %s\n", kv);
	print_confinement(out);
	if (check_privilege(out)) {
		fprintf(out, "%s\n", DOCTOR_FLAGS);
		return EXIT_FAILED;
	}
	missing = check_sysctl(out) + check_config(out) + check_freezers(out) + check_backends(out);
	if (missing || userns_entered())
		fprintf(out, "%s\n", DOCTOR_FLAGS);
	return missing ? EXIT_FAILED : EXIT_PASS;
}

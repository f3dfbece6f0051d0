/* `nsfault doctor`: what this machine offers the suite — privilege, kernel
 * options, freezers, firewall backends — each with what a missing one makes skip. */
#include <stdbool.h>
#include <unistd.h>
#include "util/proc.h"
#include "cli/cli.h"
#include "actions/firewall.h"
#include "actions/freezer.h"
#include "engine/machine.h"
#include "engine/runner.h"
#include "lang/version.h"

/* Returns 1 for a missing essential; a missing alternative (one freezer,
 * one backend, an option a few cases need) only makes those cases skip. */
static int line(FILE *out, bool ok, bool essential, const char *what, const char *detail)
{
	fprintf(out, "%-4s %-34s %s\n", ok ? "ok" : essential ? "FAIL" : "MISS", what, detail);
	return !ok && essential;
}

static int check_privilege(FILE *out)
{
	char err[512];
	bool ok = run_probe(err, sizeof(err)) == 0;

	return line(out, ok, true, "network namespaces", ok ? "can be created" : err);
}

static int check_config(FILE *out)
{
	static const struct { const char *opt, *why; bool essential; } opts[] = {
		{ "CONFIG_NET_NS", "everything", true },
		{ "CONFIG_VETH", "everything", true },
		{ "CONFIG_IPV6", "the ipv6 variants", false },
		{ "CONFIG_INET_DIAG_DESTROY", "destroy (L1, C5)", false },
		{ "CONFIG_NF_TABLES", "firewall rules with nft", false },
		{ "CONFIG_NFT_REJECT", "nft reject actions", false },
		{ "CONFIG_IP_NF_TARGET_REJECT", "iptables REJECT", false },
		{ "CONFIG_IP6_NF_TARGET_REJECT", "ip6tables REJECT", false },
		{ "CONFIG_CGROUP_FREEZER", "the cgroup v1 freezer", false },
	};
	char err[256], detail[300];
	int failed = 0;

	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		int have = kernel_config(opts[i].opt, err, sizeof(err));

		snprintf(detail, sizeof(detail), "%s%s", have == 1 ? "needed for " : have == 0 ? "not set: skips " : err,
			 have >= 0 ? opts[i].why : "");
		/* No readable config says nothing: the run will tell. */
		failed += line(out, have == 1, opts[i].essential && have == 0, opts[i].opt, detail);
	}
	return failed;
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

/* Prints one line per check: ok, MISS (an alternative or an option some
 * cases need: they will skip) or FAIL (an essential: nothing can run). */
int cmd_doctor(const struct cli_cmd *cmd, int argc, char **argv)
{
	FILE *out = stdout;
	char kv[32];
	int ch;

	while ((ch = cli_getopt(cmd, argc, argv)) != -1)
		return ch == 'h' ? EXIT_PASS : EXIT_USAGE;
	version_format(kernel_version(), kv, sizeof(kv));
	fprintf(out, "nsfault doctor: kernel %s\n", kv);
	return check_privilege(out) + check_config(out) + check_freezers(out) + check_backends(out) ? EXIT_FAILED
												     : EXIT_PASS;
}

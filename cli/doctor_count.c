/* SPDX-License-Identifier: GPL-2.0-only */
/* doctor_count: the variants that will run and skip, counted with the
 * runner's own plan and requirement checks; the flags that would run them all. */
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/doctor_count.h"
#include "engine/require.h"
#include "lang/case.h"
#include "lang/plan.h"

#define COUNT_MAX_REASONS 32

struct skip_tally {
	int total, skipped, nreasons;
	struct { char text[320]; int n; } reasons[COUNT_MAX_REASONS];
};

/* The same reason from several cases differs only in its "line N: ". */
static void tally(struct skip_tally *t, const char *reason)
{
	const char *r = reason;
	int i;

	if (strncmp(r, "line ", 5) == 0 && strstr(r, ": "))
		r = strstr(r, ": ") + 2;
	t->skipped++;
	for (i = 0; i < t->nreasons; i++)
		if (strcmp(t->reasons[i].text, r) == 0)
			break;
	if (i == t->nreasons) {
		if (i == COUNT_MAX_REASONS)
			i--;	/* the last one stands for the rest */
		else
			t->nreasons++;
		snprintf(t->reasons[i].text, sizeof(t->reasons[i].text), "%.*s", (int)sizeof(t->reasons[i].text) - 1, r);
	}
	t->reasons[i].n++;
}

/* Why variant v of c skips here, into reason; false when it will run. The
 * coordinator's own check (engine/require.h), tried in this process as it
 * is in a run: the same answers. */
static bool skips(const struct case_file *c, const struct variant *v, const struct doctor_facts *df,
		  char *reason, size_t len)
{
	if (df->no_netns) {
		snprintf(reason, len, "no network namespace can be made here");
		return true;
	}
	return require_variant(c, v, reason, len) < 0;
}

static void count_case(const struct case_file *c, const struct doctor_facts *df, struct skip_tally *t)
{
	struct variant v[PLAN_MAX_VARIANTS];
	int n = plan_case_variants(c, FAM_IPV4 | FAM_IPV6, v);
	char reason[512];

	for (int i = 0; i < n; i++) {
		t->total++;
		if (skips(c, &v[i], df, reason, sizeof(reason)))
			tally(t, reason);
	}
}

int doctor_count_variants(FILE *out, int npaths, char **paths, const struct doctor_facts *df)
{
	static struct skip_tally t;
	struct case_file **cases;
	char detail[128];
	int ncases;

	if (cli_load_cases(npaths, paths, &cases, &ncases) < 0) {
		cli_free_cases(cases, ncases);
		return -1;
	}
	memset(&t, 0, sizeof(t));
	for (int i = 0; i < ncases; i++)
		count_case(cases[i], df, &t);
	cli_free_cases(cases, ncases);
	snprintf(detail, sizeof(detail), "%d in %d cases: %d will run, %d will skip", t.total, ncases,
		 t.total - t.skipped, t.skipped);
	doctor_info(out, "variants", detail);
	for (int i = 0; i < t.nreasons; i++)
		fprintf(out, "info   %4d skip: %s\n", t.reasons[i].n, t.reasons[i].text);
	if (!df->no_netns && df->sysctl_denied)
		fprintf(out, "info   (a variant whose pinned sysctls cannot be set runs, and a failure of it "
			     "skips: that cannot be foreseen)\n");
	return 0;
}

/* One flag, for docker and for podman (NULL: the same). */
static void add_flag(char *docker, char *podman, size_t len, const char *d, const char *p)
{
	size_t dl = strlen(docker), pl = strlen(podman);

	snprintf(docker + dl, len - dl, " %s", d);
	snprintf(podman + pl, len - pl, " %s", p ? p : d);
}

void doctor_print_flags(FILE *out, const struct doctor_facts *df)
{
	char docker[256] = "", podman[256] = "";

	/* A non-root user keeps no capability in Docker: root it must be. */
	if (df->uid != 0 && (df->no_netns || df->in_userns))
		add_flag(docker, podman, sizeof(docker), "--user 0", NULL);
	if (!df->net_admin)
		add_flag(docker, podman, sizeof(docker), "--cap-add NET_ADMIN", NULL);
	/* Docker's seccomp profile allows unshare with CAP_SYS_ADMIN; in a user
	 * namespace of nsfault's own, no sysctl can be written. */
	if ((df->no_netns || df->in_userns) && !df->sys_admin)
		add_flag(docker, podman, sizeof(docker), "--cap-add SYS_ADMIN", NULL);
	else if (df->no_netns)	/* the privilege is there: a filter refuses unshare */
		add_flag(docker, podman, sizeof(docker), "--security-opt seccomp=unconfined", NULL);
	if (df->sysctl_denied && !df->in_userns && !df->no_netns)
		add_flag(docker, podman, sizeof(docker), "--security-opt systempaths=unconfined",
			 "--security-opt unmask=ALL");
	if (df->apparmor)
		add_flag(docker, podman, sizeof(docker), "--security-opt apparmor=unconfined", NULL);
	if (df->no_net_raw && !df->in_userns)
		add_flag(docker, podman, sizeof(docker), "--cap-add NET_RAW", NULL);
	if (!docker[0]) {
		doctor_info(out, "flags", "nothing to add: every variant can run here");
		return;
	}
	fprintf(out, "hint docker run flags to add:%s\n", docker);
	fprintf(out, "hint podman run flags to add:%s\n", podman);
}

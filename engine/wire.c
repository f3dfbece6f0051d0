/* SPDX-License-Identifier: GPL-2.0-only */
/* Capture lifecycle and the files a failed variant leaves. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "engine/coord_state.h"
#include "engine/wire.h"
#include "lang/verbs.h"
#include "actions/host_diag.h"
#include "report/pcapng.h"
#include "util/errnames.h"
#include "util/undo.h"

#define DIAG_LEN 65536          /* every host's ss and ip output, for the .txt file */

static void undo_capture(void *arg)
{
	cap_close(arg);
}

bool wire_needed(const struct case_file *c)
{
	for (int i = 0; i < c->nsteps; i++) {
		enum verb_id id = c->steps[i].verb->id;

		if (id == VERB_WIRE || id == VERB_WAIT_WIRE || id == VERB_INJECT)
			return true;
	}
	return false;
}

int wire_start(struct coord *k)
{
	struct outcome *o = k->o;

	cap_init(&k->cap);
	if (undo_push(undo_capture, &k->cap) < 0) {
		snprintf(o->reason, sizeof(o->reason), "undo registry full");
		return -1;
	}
	if (k->no_capture && wire_needed(k->c)) {
		snprintf(o->reason, sizeof(o->reason), "the case watches the wire, and capture is off (--no-capture)");
		o->verdict = VERDICT_SKIP;
		return -1;
	}
	if (k->no_capture)
		return 0;
	for (int h = 0; h < k->c->nhosts; h++) {
		if (cap_open_host(&k->cap, &k->topo.hosts[h], h, k->c->hosts[h], o->reason, sizeof(o->reason)) == 0)
			continue;
		if (k->cap.open_errno != EPERM && k->cap.open_errno != EACCES)
			return -1;
		/* No CAP_NET_RAW here (a user namespace that does not own the
		 * namespace, a container without it): a case about the wire
		 * cannot run; any other runs without a capture. */
		if (wire_needed(k->c)) {
			char why[sizeof(o->reason) - 64];

			snprintf(why, sizeof(why), "%.*s", (int)sizeof(why) - 1, o->reason);
			snprintf(o->reason, sizeof(o->reason), "the case watches the wire, and %s (needs CAP_NET_RAW)", why);
			o->verdict = VERDICT_SKIP;
			return -1;
		}
		cap_close(&k->cap);
		cap_init(&k->cap);
		o->reason[0] = '\0';
		return 0;
	}
	return 0;
}

void wire_before_step(struct coord *k, int i)
{
	cap_drain(&k->cap);
	k->cap.step = i;
}

void wire_host_again(struct coord *k, int host)
{
	char err[256];

	if (k->no_capture)
		return;
	/* Without it only the host's own view is missing: its peers still capture. */
	if (cap_open_host(&k->cap, &k->topo.hosts[host], host, k->c->hosts[host], err, sizeof(err)) < 0)
		fprintf(stderr, "nsfault: %s: %s\n", k->c->path, err);
}

void wire_default_dir(char *buf, size_t len)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(buf, len, "%s/nsfault-pcap", tmp && *tmp ? tmp : "/tmp");
}

/* DIR/<case file name without .case>.<variant>.pcapng, e.g.
 * /tmp/nsfault-pcap/e1-linger-recv-first.ipv4.pcapng. */
static void pcap_path(struct coord *k, const char *dir, char *buf, size_t len)
{
	const char *base = strrchr(k->c->path, '/');
	struct variant v = { k->fam, k->backend };
	char name[48];
	int blen;

	base = base ? base + 1 : k->c->path;
	blen = (int)strlen(base);
	if (blen > 5 && strcmp(base + blen - 5, ".case") == 0)
		blen -= 5;
	case_variant_name(&v, name, sizeof(name));
	for (char *p = name; *p; p++)
		if (*p == ' ')
			*p = '.';
	snprintf(buf, len, "%s/%.*s.%s.pcapng", dir, blen, base, name);
}

/* "step 13: client recv 100" for packets drained while step 13 ran. */
static void step_comment(struct coord *k, int step, char *buf, size_t len)
{
	if (step < 0)
		snprintf(buf, len, "before the first step");
	else
		snprintf(buf, len, "%s:%d: %s", k->c->path, k->c->steps[step].line, k->c->steps[step].text);
}

static const struct cap_pkt *sort_base;

/* By kernel time stamp; the drain order (link by link) breaks ties. */
static int by_time(const void *a, const void *b)
{
	const struct cap_pkt *x = &sort_base[*(const int *)a], *y = &sort_base[*(const int *)b];

	if (x->ts_ns != y->ts_ns)
		return x->ts_ns < y->ts_ns ? -1 : 1;
	return *(const int *)a - *(const int *)b;
}

static int write_pcap(struct coord *k, FILE *f, const char *diag)
{
	const struct capture *c = &k->cap;
	char comment[CASE_TEXT_LEN + 300];
	int *order = malloc(sizeof(int) * (size_t)(c->npkts ? c->npkts : 1)), rc = -1;

	if (!order || pcapng_section(f, diag) < 0)
		goto out;
	for (int i = 0; i < c->nlinks; i++)
		if (pcapng_interface(f, PCAPNG_LINKTYPE_ETHERNET, CAP_SNAPLEN, c->links[i].name) < 0)
			goto out;
	for (int i = 0; i < c->npkts; i++)
		order[i] = i;
	sort_base = c->pkts;
	qsort(order, (size_t)c->npkts, sizeof(int), by_time);
	for (int i = 0; i < c->npkts; i++) {
		const struct cap_pkt *p = &c->pkts[order[i]];

		step_comment(k, p->step, comment, sizeof(comment));
		if (pcapng_packet(f, (uint32_t)p->link, p->ts_ns, p->data, p->caplen, p->len, comment) < 0)
			goto out;
	}
	rc = 0;
out:
	free(order);
	return rc;
}

/* Written to a temporary name and renamed: parallel runs of one case
 * never leave a half-written file under the final name. */
static int save_pcap(struct coord *k, const char *path, const char *diag, char *err, size_t errlen)
{
	char tmp[560];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.%d.tmp", path, (int)getpid());
	if (!(f = fopen(tmp, "w"))) {
		snprintf(err, errlen, "cannot write %.500s: %s", tmp, err_name(errno));
		return -1;
	}
	if (write_pcap(k, f, diag) < 0 || fclose(f) != 0 || rename(tmp, path) < 0) {
		snprintf(err, errlen, "cannot write %.500s: %s", path, err_name(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* Every host's socket table and link counters, as iproute2 prints them. */
static void collect_diag(struct coord *k, char *buf, size_t len)
{
	static const char *const ss[] = { "ss", "-tanei", NULL };
	static const char *const ip[] = { "ip", "-s", "link", NULL };

	buf[0] = '\0';
	for (int h = 0; h < k->c->nhosts; h++) {
		size_t used = strlen(buf);

		snprintf(buf + used, len - used, "%s$ ss -tanei\n", k->c->hosts[h]);
		hdiag_run(&k->topo.hosts[h], ss, buf, len);
		used = strlen(buf);
		snprintf(buf + used, len - used, "%s$ ip -s link\n", k->c->hosts[h]);
		hdiag_run(&k->topo.hosts[h], ip, buf, len);
	}
}

/* The socket tables only: what the report shows. */
static void collect_ss(struct coord *k, char *buf, size_t len)
{
	static const char *const ss[] = { "ss", "-tanei", NULL };

	for (int h = 0; h < k->c->nhosts; h++) {
		size_t used = strlen(buf);

		snprintf(buf + used, len - used, "%s$ ss -tanei\n", k->c->hosts[h]);
		hdiag_run(&k->topo.hosts[h], ss, buf, len);
	}
}

void wire_finish(struct coord *k)
{
	struct outcome *o = k->o;
	char dir[256], path[512], err[640];
	char *diag;

	cap_drain(&k->cap);
	if (k->verdict_only && !k->pcap_dir)
		return;
	if (k->no_capture) {
		/* no packets to write; the sockets at the failure still help */
		if (o->verdict == VERDICT_FAIL)
			collect_ss(k, o->wire, sizeof(o->wire));
		return;
	}
	if (o->verdict != VERDICT_FAIL && !k->pcap_dir)
		return;
	if (k->pcap_dir)
		snprintf(dir, sizeof(dir), "%s", k->pcap_dir);
	else
		wire_default_dir(dir, sizeof(dir));
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		snprintf(o->wire, sizeof(o->wire), "pcap: cannot make %s: %s\n", dir, err_name(errno));
		return;
	}
	pcap_path(k, dir, path, sizeof(path));
	if (!(diag = malloc(DIAG_LEN))) {
		snprintf(o->wire, sizeof(o->wire), "pcap: out of memory\n");
		return;
	}
	collect_diag(k, diag, DIAG_LEN);
	if (save_pcap(k, path, diag, err, sizeof(err)) < 0)
		snprintf(o->wire, sizeof(o->wire), "pcap: %s\n", err);
	else
		snprintf(o->wire, sizeof(o->wire), "pcap: %s (%d packets%s; ss and ip -s link in its section comment)\n",
			 path, k->cap.npkts, k->cap.dropped ? ", the capture lost some" : "");
	free(diag);
	if (o->verdict == VERDICT_FAIL)
		collect_ss(k, o->wire, sizeof(o->wire));
}

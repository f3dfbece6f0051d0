/* SPDX-License-Identifier: GPL-2.0-only */
/* The durations cache. A flat array searched linearly: a few hundred
 * variants, looked up once each per run. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "engine/durations.h"

struct dur_entry {
	long ms;
	unsigned family;
	int backend;
	char *path;
};

struct dur_cache {
	struct dur_entry *e;
	int n, cap;
	char file[PATH_MAX];
	bool dirty;
};

/* Where the cache lives; "" when no location is known. */
static void dur_where(char *out, size_t len)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	struct stat st;

	out[0] = '\0';
	if (stat("build", &st) == 0 && S_ISDIR(st.st_mode) && stat("cases", &st) == 0)
		snprintf(out, len, "build/durations");
	else if (xdg && xdg[0] == '/')
		snprintf(out, len, "%s/nsfault/durations", xdg);
	else if (home && home[0] == '/')
		snprintf(out, len, "%s/.cache/nsfault/durations", home);
}

static struct dur_entry *dur_find(const struct dur_cache *d, const char *path, const struct variant *v)
{
	for (int i = 0; i < d->n; i++)
		if (d->e[i].family == v->family && d->e[i].backend == v->backend &&
		    strcmp(d->e[i].path, path) == 0)
			return &d->e[i];
	return NULL;
}

static void dur_put(struct dur_cache *d, const char *path, const struct variant *v, long ms)
{
	struct dur_entry *e = dur_find(d, path, v);

	if (!e) {
		if (d->n == d->cap) {
			int cap = d->cap ? d->cap * 2 : 256;
			struct dur_entry *ne = realloc(d->e, (size_t)cap * sizeof(*ne));

			if (!ne)
				return;
			d->e = ne;
			d->cap = cap;
		}
		e = &d->e[d->n];
		if (!(e->path = strdup(path)))
			return;
		e->family = v->family;
		e->backend = v->backend;
		d->n++;
	}
	e->ms = ms;
}

struct dur_cache *dur_load(void)
{
	struct dur_cache *d = calloc(1, sizeof(*d));
	char line[PATH_MAX + 64], path[PATH_MAX];
	FILE *f;

	if (!d)
		return NULL;
	dur_where(d->file, sizeof(d->file));
	f = d->file[0] ? fopen(d->file, "re") : NULL;
	while (f && fgets(line, sizeof(line), f)) {
		struct variant v;
		long ms;

		if (sscanf(line, "%ld %u %d %4095s", &ms, &v.family, &v.backend, path) == 4 && ms >= 0)
			dur_put(d, path, &v, ms);
	}
	if (f)
		fclose(f);
	return d;
}

long dur_expected(const struct dur_cache *d, const struct case_file *c, const struct variant *v)
{
	const struct dur_entry *e = d ? dur_find(d, c->path, v) : NULL;
	long ms = 0;

	if (e)
		return e->ms;
	for (int i = 0; i < c->nsteps; i++) {
		const struct case_step *s = &c->steps[i];

		ms += s->wait_ms;
		for (int k = 0; k < s->nexpects; k++)
			if (s->expects[k].timed)
				ms += (long)(s->expects[k].after_hi_us / 1000);
	}
	return ms;
}

void dur_record(struct dur_cache *d, const struct case_file *c, const struct variant *v, long ms)
{
	if (!d || strchr(c->path, ' ') || strchr(c->path, '\n'))
		return;
	dur_put(d, c->path, v, ms);
	d->dirty = true;
}

/* Creates the directories above file (one level of nsfault/ under a cache
 * directory that may not exist yet either). */
static void dur_mkdirs(const char *file)
{
	char dir[PATH_MAX];

	snprintf(dir, sizeof(dir), "%s", file);
	for (char *p = dir + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			(void)mkdir(dir, 0755);	/* EEXIST is the usual case */
			*p = '/';
		}
}

/* Written to a temporary file and renamed, so that two runs at once each
 * leave a whole file. */
static void dur_write(const struct dur_cache *d)
{
	char tmp[PATH_MAX + 32];
	FILE *f;

	dur_mkdirs(d->file);
	snprintf(tmp, sizeof(tmp), "%s.%d", d->file, (int)getpid());
	if (!(f = fopen(tmp, "we")))
		return;
	for (int i = 0; i < d->n; i++)
		fprintf(f, "%ld %u %d %s\n", d->e[i].ms, d->e[i].family, d->e[i].backend, d->e[i].path);
	if (fclose(f) != 0 || rename(tmp, d->file) != 0)
		(void)unlink(tmp);
}

void dur_save(struct dur_cache *d)
{
	if (!d)
		return;
	if (d->dirty && d->file[0])
		dur_write(d);
	for (int i = 0; i < d->n; i++)
		free(d->e[i].path);
	free(d->e);
	free(d);
}

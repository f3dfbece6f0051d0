/* SPDX-License-Identifier: GPL-2.0-only */
/* Walking directories for *.case files, in a stable order, and reading them. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "util/errnames.h"
#include "engine/case_files.h"
#include "lang/parser.h"

static int add_path(struct path_list *l, const char *p)
{
	if (l->n == l->cap) {
		int cap = l->cap ? 2 * l->cap : 32;
		char **np = realloc(l->paths, cap * sizeof(*np));

		if (!np)
			return -1;
		l->paths = np;
		l->cap = cap;
	}
	if (!(l->paths[l->n] = strdup(p)))
		return -1;
	l->n++;
	return 0;
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && strcmp(s + n - m, suffix) == 0;
}

/* What a non-regular file is, for the message that refuses it. */
static const char *file_kind(const struct stat *st)
{
	switch (st->st_mode & S_IFMT) {
	case S_IFIFO:  return "a FIFO";
	case S_IFSOCK: return "a socket";
	case S_IFCHR:  return "a character device";
	case S_IFBLK:  return "a block device";
	case S_IFDIR:  return "a directory";
	default:       return "not a regular file";
	}
}

/* A FIFO would block the reader forever and a device may never end: a case
 * file is a regular file, and anything else named *.case is refused by name. */
static void refuse_kind(const char *path, const struct stat *st, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: %s, not a case file: a case file must be a regular file", path, file_kind(st));
}

static int walk(const char *dir, struct path_list *l, char *err, size_t errlen)
{
	struct dirent **ents;
	int n = scandir(dir, &ents, NULL, alphasort), rc = 0;

	if (n < 0) {
		snprintf(err, errlen, "%s: cannot read directory: %s", dir, err_name(errno));
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char p[4096];
		struct stat st;

		if (rc == 0 && ents[i]->d_name[0] != '.') {
			size_t n = strlen(dir);

			/* "cases/" and "cases" name the same files the same way. */
			while (n > 1 && dir[n - 1] == '/')
				n--;
			snprintf(p, sizeof(p), "%.*s/%s", (int)n, dir, ents[i]->d_name);
			if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
				rc = walk(p, l, err, errlen);
			else if (has_suffix(p, ".case") && stat(p, &st) == 0 && !S_ISREG(st.st_mode))
				rc = -1, refuse_kind(p, &st, err, errlen);
			else if (has_suffix(p, ".case") && add_path(l, p) < 0)
				rc = -1, snprintf(err, errlen, "out of memory");
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

int collect_cases(const char *path, struct path_list *l, char *err, size_t errlen)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		snprintf(err, errlen, "%s: %s", path, err_name(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		return walk(path, l, err, errlen);
	if (add_path(l, path) < 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

void collect_free(struct path_list *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
	l->paths = NULL;
	l->n = l->cap = 0;
}

/* Opens path for reading only if it is a regular file: O_NONBLOCK so that
 * opening a FIFO with no writer returns at once, then fstat on what was
 * opened (no race with a rename in between). */
static FILE *open_regular(const char *path, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	struct stat st;
	FILE *f;

	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot open: %s", path, err_name(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0) {
		snprintf(err, errlen, "%s: cannot fstat: %s", path, err_name(errno));
		close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		refuse_kind(path, &st, err, errlen);
		close(fd);
		return NULL;
	}
	if (st.st_size > CASE_FILE_MAX_BYTES) {
		snprintf(err, errlen, "%s:1:1: %lld bytes: a case file is at most %d bytes", path,
			 (long long)st.st_size, CASE_FILE_MAX_BYTES);
		close(fd);
		return NULL;
	}
	/* A regular file never blocks; clear the flag anyway for stdio. */
	if (fcntl(fd, F_SETFL, 0) < 0 || !(f = fdopen(fd, "r"))) {
		snprintf(err, errlen, "%s: cannot read: %s", path, err_name(errno));
		close(fd);
		return NULL;
	}
	return f;
}

int case_load(const char *path, struct case_file *c, char *err, size_t errlen)
{
	FILE *f = open_regular(path, err, errlen);
	char *text = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc;

	if (!f)
		return -1;
	n = getdelim(&text, &cap, '\0', f);
	fclose(f);
	rc = case_parse_bytes(path, text, n < 0 ? 0 : (size_t)n, c, err, errlen);
	free(text);
	return rc;
}

/* Walking directories for *.case files, in a stable order, and reading them. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int case_load(const char *path, struct case_file *c, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc;

	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerrorname_np(errno));
		return -1;
	}
	n = getdelim(&text, &cap, '\0', f);
	fclose(f);
	if (n < 0) {
		snprintf(err, errlen, "%s:1:1: the file is empty", path);
		free(text);
		return -1;
	}
	if ((size_t)n != strlen(text)) {
		snprintf(err, errlen, "%s:1:1: the file contains a NUL byte: a case file is text", path);
		free(text);
		return -1;
	}
	rc = case_parse(path, text, c, err, errlen);
	free(text);
	return rc;
}

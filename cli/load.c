/* SPDX-License-Identifier: GPL-2.0-only */
/* Finding and loading the case files a command is given. */
#include <libgen.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "engine/case_files.h"
#include "lang/parser.h"

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Where cases are when no path is given: ./cases in a checkout, else the
 * corpus `make install` put beside the binary, in ../share/nsfault/cases
 * relative to it, so any PREFIX (and DESTDIR staging) works without
 * baking a path in at build time. */
const char *cli_default_cases(void)
{
	static char path[PATH_MAX];
	char exe[PATH_MAX], guess[PATH_MAX + 32];
	ssize_t n;

	if (is_dir("cases"))
		return "cases";
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return "cases";
	exe[n] = '\0';
	snprintf(guess, sizeof(guess), "%s/../share/nsfault/cases", dirname(exe));
	/* Resolved, so that reports name the files plainly; a missing corpus
	 * keeps the guess, which the error message then names. */
	if (!realpath(guess, path))
		snprintf(path, sizeof(path), "%.*s", (int)sizeof(path) - 1, guess);
	return path;
}

/* Keeps one unusable file for the reports, when the caller wants them. */
static void note_bad(struct cli_bad_list *list, const char *path, const char *message)
{
	struct cli_bad *more;

	if (!list)
		return;
	more = realloc(list->v, (list->n + 1) * sizeof(*more));
	if (!more)
		return;
	list->v = more;
	snprintf(more[list->n].path, sizeof(more->path), "%s", path);
	snprintf(more[list->n].message, sizeof(more->message), "%s", message);
	list->n++;
}

int cli_load_cases(int n, char **paths, struct case_file ***out, int *count)
{
	return cli_load_cases_noting(n, paths, out, count, NULL);
}

int cli_load_cases_noting(int n, char **paths, struct case_file ***out, int *count, struct cli_bad_list *list)
{
	struct path_list l = { 0 };
	char err[512];
	int bad = 0;

	for (int i = 0; i < (n ? n : 1); i++)
		if (collect_cases(n ? paths[i] : cli_default_cases(), &l, err, sizeof(err)) < 0) {
			fprintf(stderr, "nsfault: %s\n", err);
			note_bad(list, n ? paths[i] : cli_default_cases(), err);
			bad++;
		}
	*out = calloc(l.n ? l.n : 1, sizeof(**out));
	struct case_file *full = malloc(sizeof(*full));

	for (int i = 0; *out && i < l.n; i++) {
		if (full && case_load(l.paths[i], full, err, sizeof(err)) < 0) {
			fprintf(stderr, "%s\n", err);
			note_bad(list, l.paths[i], err);
			bad++;
		} else if (!full || !((*out)[i] = malloc(case_size(full)))) {
			fprintf(stderr, "nsfault: %s: out of memory\n", l.paths[i]);
			note_bad(list, l.paths[i], "out of memory");
			bad++;
		} else
			memcpy((*out)[i], full, case_size(full));
	}
	free(full);
	*count = l.n;
	collect_free(&l);
	if (!*out || (!bad && *count == 0)) {
		fprintf(stderr, "nsfault: no case files found\n");
		note_bad(list, n ? paths[0] : cli_default_cases(), "no case files found");
		bad++;
	}
	return bad ? -1 : 0;
}

void cli_free_cases(struct case_file **cases, int n)
{
	for (int i = 0; cases && i < n; i++)
		free(cases[i]);
	free(cases);
}

/* Finding and loading the case files a command is given. */
#include <stdlib.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "engine/case_files.h"
#include "lang/parser.h"

/* Where cases are when no path is given: ./cases in a checkout, else the
 * corpus `make install` put under PREFIX/share/nsfault. */
static const char *default_cases(void)
{
	struct stat st;

	return stat("cases", &st) == 0 && S_ISDIR(st.st_mode) ? "cases" : NSF_CASES_DIR;
}

int cli_load_cases(int n, char **paths, struct case_file ***out, int *count)
{
	struct path_list l = { 0 };
	char err[512];
	int bad = 0;

	for (int i = 0; i < (n ? n : 1); i++)
		if (collect_cases(n ? paths[i] : default_cases(), &l, err, sizeof(err)) < 0) {
			fprintf(stderr, "nsfault: %s\n", err);
			bad++;
		}
	*out = calloc(l.n ? l.n : 1, sizeof(**out));
	for (int i = 0; *out && i < l.n; i++) {
		(*out)[i] = malloc(sizeof(struct case_file));
		if (!(*out)[i] || case_load(l.paths[i], (*out)[i], err, sizeof(err)) < 0) {
			fprintf(stderr, "%s\n", (*out)[i] ? err : "nsfault: out of memory");
			bad++;
		}
	}
	*count = l.n;
	collect_free(&l);
	if (!*out || (!bad && *count == 0)) {
		fprintf(stderr, "nsfault: no case files found\n");
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

/* SPDX-License-Identifier: GPL-2.0-only */
/* cli_: the command line. Every subcommand is a row of cli_commands[] with
 * its options as a table, so that usage, `--help` for every subcommand and
 * the man page come from one source and cannot drift apart. A new subcommand
 * is a file cli/cmd_NAME.c, a row, and a line in the README. */
#ifndef NSF_CLI_H
#define NSF_CLI_H

#include <stdio.h>

/* Exit statuses, the same for every subcommand. */
enum { EXIT_PASS = 0, EXIT_FAILED = 1, EXIT_USAGE = 2, EXIT_SKIPPED = 4 };

/* One option: its getopt key (a letter, or a value >= 256 for a long-only
 * option), its long name (or NULL), the name of its argument (NULL for a
 * flag), and one line of help. */
struct cli_opt {
	int key;
	const char *longname;
	const char *arg;
	const char *help;
};

struct cli_cmd {
	const char *name;               /* "run" */
	const char *args;               /* "[PATH]...", "" when none */
	const char *summary;            /* one line */
	const struct cli_opt *opts;     /* terminated by key 0; NULL when none */
	/* argv[0] is the command's name; options are parsed with cli_getopt. */
	int (*main)(const struct cli_cmd *cmd, int argc, char **argv);
};

/* NULL-terminated by name. */
extern const struct cli_cmd cli_commands[];

/* getopt_long over cmd's table. Returns the next option's key, -1 at the
 * end of options; -h/--help prints cmd's help to stdout and returns 'h';
 * an unknown option or a missing argument prints the usage line to stderr
 * and returns '?'. optarg and optind as getopt sets them. */
int cli_getopt(const struct cli_cmd *cmd, int argc, char **argv);

/* "usage: nsfault run [OPTION]... [PATH]..." and the options, one a line. */
void cli_help(FILE *out, const struct cli_cmd *cmd);
/* Every command's usage line. */
void cli_usage(FILE *out);

/* The man page (roff) and a bash completion script, from the tables. */
void cli_man(FILE *out);
void cli_bash_completion(FILE *out);

/* The subcommands (cli/cmd_*.c, cli/doctor.c). */
int cmd_run(const struct cli_cmd *cmd, int argc, char **argv);
int cmd_list(const struct cli_cmd *cmd, int argc, char **argv);
int cmd_doctor(const struct cli_cmd *cmd, int argc, char **argv);
int cmd_clean(const struct cli_cmd *cmd, int argc, char **argv);
int cmd_record(const struct cli_cmd *cmd, int argc, char **argv);
int cmd_diff(const struct cli_cmd *cmd, int argc, char **argv);
int cmd_mutate(const struct cli_cmd *cmd, int argc, char **argv);

/* Loads every case under paths (none: the default corpus) into *out; on any
 * malformed file prints every error and returns -1: nothing may run from a
 * half-valid corpus. cli/load.c. */
/* The corpus used when no path is given: ./cases in a checkout, else the one
 * installed beside the binary (../share/nsfault/cases). */
const char *cli_default_cases(void);

struct case_file;
int cli_load_cases(int n, char **paths, struct case_file ***out, int *count);
/* The same, and also keeps each unusable path and its error in *list (free
 * list->v), so that the machine-readable reports can say which. */
struct cli_bad { char path[256]; char message[512]; };
struct cli_bad_list { struct cli_bad *v; int n; };
int cli_load_cases_noting(int n, char **paths, struct case_file ***out, int *count, struct cli_bad_list *list);
void cli_free_cases(struct case_file **cases, int n);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* The option tables turned into getopt's arguments and into help text. */
#include <getopt.h>
#include <string.h>
#include "cli/cli.h"

#define CLI_MAX_OPTS 32

static const struct option help_opt = { "help", no_argument, NULL, 'h' };

int cli_getopt(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct option longopts[CLI_MAX_OPTS + 2];
	char shortopts[CLI_MAX_OPTS * 2 + 4] = "+h";
	int n = 0, ch;

	for (const struct cli_opt *o = cmd->opts; o && o->key && n < CLI_MAX_OPTS; o++) {
		if (o->longname)
			longopts[n++] = (struct option){ o->longname, o->arg ? required_argument : no_argument,
							  NULL, o->key };
		if (o->key < 256) {
			size_t len = strlen(shortopts);

			shortopts[len] = (char)o->key;
			shortopts[len + 1] = o->arg ? ':' : '\0';
			shortopts[len + 2] = '\0';
		}
	}
	longopts[n++] = help_opt;
	longopts[n] = (struct option){ 0 };
	opterr = 0;
	ch = getopt_long(argc, argv, shortopts, longopts, NULL);
	if (ch == 'h') {
		cli_help(stdout, cmd);
	} else if (ch == '?' || ch == ':') {
		fprintf(stderr, "nsfault %s: %s '%s'\n", cmd->name,
			optopt && strchr(shortopts, optopt) ? "option needs an argument:" : "unknown option",
			argv[optind - 1]);
		fprintf(stderr, "try 'nsfault %s --help'\n", cmd->name);
		ch = '?';
	}
	return ch;
}

static void opt_names(const struct cli_opt *o, char *buf, size_t len)
{
	int n = 0;

	if (o->key < 256)
		n = snprintf(buf, len, "-%c", o->key);
	if (o->longname)
		n += snprintf(buf + n, len - n, "%s--%s", n ? ", " : "    ", o->longname);
	if (o->arg)
		snprintf(buf + n, len - n, " %s", o->arg);
}

void cli_help(FILE *out, const struct cli_cmd *cmd)
{
	char names[64];

	fprintf(out, "usage: nsfault %s%s%s%s\n%s\n", cmd->name, cmd->opts ? " [OPTION]..." : "",
		cmd->args[0] ? " " : "", cmd->args, cmd->summary);
	for (const struct cli_opt *o = cmd->opts; o && o->key; o++) {
		opt_names(o, names, sizeof(names));
		fprintf(out, "  %-30s %s\n", names, o->help);
	}
	fprintf(out, "  %-30s %s\n", "-h, --help", "this help");
}

void cli_usage(FILE *out)
{
	fprintf(out, "usage: nsfault COMMAND [OPTION]... [ARG]...\n");
	for (const struct cli_cmd *c = cli_commands; c->name; c++)
		fprintf(out, "  %-8s %-14s %s\n", c->name, c->args, c->summary);
	fprintf(out, "'nsfault COMMAND --help' describes each command's options.\n"
		     "exit status: 0 nothing failed, 1 a case failed, 2 bad usage or a malformed case,\n"
		     "             4 skipped (a missing privilege or kernel feature)\n");
}

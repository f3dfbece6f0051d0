/* SPDX-License-Identifier: GPL-2.0-only */
/* collect_: finds case files; case_load reads one and hands its text to the
 * parser, which reads no file itself (lang/parser.h). */
#ifndef NSF_COLLECT_H
#define NSF_COLLECT_H

#include <stddef.h>
#include "lang/case.h"

struct path_list { char **paths; int n, cap; };

/* Adds path if it is a file, or every *.case below it (in name order) if it is
 * a directory. Returns 0, or -1 with err. */
int collect_cases(const char *path, struct path_list *l, char *err, size_t errlen);
void collect_free(struct path_list *l);

/* Reads the file at path and parses it with case_parse_bytes. Only a regular
 * file is read: a FIFO, socket or device is refused by name, without
 * blocking. Returns 0, or -1 with err: "path: cannot open: ENOENT",
 * "path: a FIFO, not a case file: ...", or case_parse_bytes' error. */
int case_load(const char *path, struct case_file *c, char *err, size_t errlen);

#endif

/* case_: parsing a case file into a struct case_file. Pure: reads text, makes no
 * other system call, so every malformed form can be unit-tested. */
#ifndef NSF_PARSER_H
#define NSF_PARSER_H

#include <stddef.h>
#include "lang/case.h"

/* Parses text, the content of the file named path. Returns 0, or -1 with err
 * holding "path:line:col: what was wrong, and what was expected". */
int case_parse(const char *path, const char *text, struct case_file *c, char *err, size_t errlen);

/* Reads and parses the file at path; I/O errors are reported as "path: ...". */
int case_load(const char *path, struct case_file *c, char *err, size_t errlen);

#endif

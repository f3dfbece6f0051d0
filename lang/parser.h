/* SPDX-License-Identifier: GPL-2.0-only */
/* case_: parsing the text of a case file into a struct case_file. Pure: no
 * system call, no file, nothing kept between calls; the same text always
 * gives the same case or the same error, so every malformed form can be
 * unit-tested and the parser fuzzed. It needs only lang/ and libc.
 * Reading the file is engine/case_files.h's case_load. */
#ifndef NSF_PARSER_H
#define NSF_PARSER_H

#include <stddef.h>
#include "lang/case.h"

/* Parses text (NUL-terminated), the content of the file named path; path is
 * only copied into c->path and the messages. Fills all of *c. Returns 0, or
 * -1 with err holding "path:line:col: what was wrong, and what was
 * expected" (*c is then partly filled and must not be used). */
int case_parse(const char *path, const char *text, struct case_file *c, char *err, size_t errlen);

/* The whole front end from a file's bytes: data holds size bytes followed by
 * a NUL. Refuses an empty file, one with a NUL byte in it and one longer
 * than CASE_FILE_MAX_BYTES ("path:1:1: ..."), then parses it as case_parse. */
int case_parse_bytes(const char *path, const char *data, size_t size, struct case_file *c, char *err,
		     size_t errlen);

#endif

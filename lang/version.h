/* SPDX-License-Identifier: GPL-2.0-only */
/* version_: kernel versions as a case writes them ("6.1", "5.10.0") and as
 * the numbers guards compare: major << 16 | minor << 8 | patch, the way
 * KERNEL_VERSION() builds them. Pure: reading the running kernel's version
 * is engine/machine.c's. */
#ifndef NSF_VERSION_H
#define NSF_VERSION_H

#include <stddef.h>

/* "6.18.44-fc" -> 6 << 16 | 18 << 8 | 44 (patch capped at 255); -1 when the
 * text does not start with MAJOR.MINOR, or major or minor exceeds 255. */
long version_parse(const char *text);
/* A version as a case writes it: MAJOR.MINOR or MAJOR.MINOR.PATCH, digits
 * only, each 0..255, nothing after; -1 otherwise (no sign, no suffix). */
long version_parse_exact(const char *text);

/* "6.18.44" for a parsed version. */
void version_format(long v, char *buf, size_t len);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* esc_: text from the user (paths, case lines, reasons) made safe for the
 * formats that carry it. Paths are bytes, not text: a byte sequence that is
 * not UTF-8 becomes U+FFFD so that an XML or JSON consumer never rejects
 * the whole file for one odd file name. */
#ifndef NSF_ESCAPE_H
#define NSF_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/* Decodes the UTF-8 sequence at s (not empty). Returns its length in bytes
 * and sets *cp, or returns 0 when s does not start a valid, shortest-form,
 * non-surrogate sequence. */
size_t esc_utf8_decode(const char *s, unsigned *cp);

/* s as XML 1.0 character data or attribute value: & < > " ' escaped,
 * invalid UTF-8 and characters XML forbids (control characters but tab,
 * newline and carriage return; U+FFFE, U+FFFF) written as U+FFFD. */
void esc_xml(FILE *f, const char *s);

/* s with invalid UTF-8 replaced by U+FFFD, into a malloc'd string (NULL
 * when out of memory): what a JSON string may hold. */
char *esc_utf8_dup(const char *s);

#endif

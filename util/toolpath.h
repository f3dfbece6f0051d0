/* SPDX-License-Identifier: GPL-2.0-only */
/* tool_: where nsfault finds the programs it runs (iptables-legacy, ...) or
 * that a case requires. One fixed list of directories rather than $PATH,
 * which root shells and sudo set differently: a tool the requirement check
 * finds is the tool the firewall runs. */
#ifndef NSF_TOOLPATH_H
#define NSF_TOOLPATH_H

#include <stddef.h>

/* Writes the path of the first executable named name, searching the
 * directories in the order tool_dirs_text lists them, into buf (len bytes).
 * Returns 0, or -1 when none has it, name is empty or holds a '/', or the
 * path does not fit. */
int tool_find(const char *name, char *buf, size_t len);

/* The directories searched, for messages: "/usr/sbin, /usr/bin, ... or
 * /usr/local/bin". Static. */
const char *tool_dirs_text(void);

#endif

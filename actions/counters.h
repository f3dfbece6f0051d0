/* SPDX-License-Identifier: GPL-2.0-only */
/* ctr_: a host's SNMP and netstat counters (/proc/net/snmp, /proc/net/netstat,
 * /proc/net/snmp6), read inside its namespace. A fresh namespace starts every
 * counter at 0, so a variant's own counts need no baseline. */
#ifndef NSF_COUNTERS_H
#define NSF_COUNTERS_H

#include <stddef.h>
#include "netns/ns.h"

#define CTR_TEXT_LEN 16384      /* the three files of one namespace fit with room */

/* Reads the three files inside ns into text (len bytes, NUL-terminated; a
 * missing snmp6, IPv6 off, is left out). Returns 0, or -1 with err. */
int ctr_snapshot(struct ns *ns, char *text, size_t len, char *err, size_t errlen);

#endif

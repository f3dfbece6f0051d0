/* SPDX-License-Identifier: GPL-2.0-only */
/* mib_: finds one counter in the text of /proc/net/snmp, /proc/net/netstat
 * (pairs of lines: "Tcp: RtoAlgorithm RtoMin ..." then "Tcp: 1 200 ...";
 * a counter is named by its line's prefix and column, "TcpOutRsts",
 * "TcpExtTCPChallengeACK", as nstat names them) and /proc/net/snmp6 ("name
 * value" lines, "Ip6InReceives"). Pure. */
#ifndef NSF_MIB_H
#define NSF_MIB_H

#include <stdbool.h>

/* The value of counter name in text (the files concatenated); false when
 * text has no such counter. */
bool mib_lookup(const char *text, const char *name, long long *value);

#endif

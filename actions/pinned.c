/* SPDX-License-Identifier: GPL-2.0-only */
/* The pinned sysctls. */
#include <sys/socket.h>
#include <stddef.h>
#include "actions/pinned.h"

const struct pinned_sysctl pinned_sysctls[] = {
	{ "net.ipv4.icmp_ratelimit", "0", 0,
	  "ICMP errors are rate-limited per destination: a case provoking two in a second would see one" },
	{ "net.ipv6.icmp.ratelimit", "0", AF_INET6,
	  "the same for ICMPv6" },
	{ "net.ipv4.tcp_invalid_ratelimit", "0", 0,
	  "ACKs answering invalid segments (out-of-window, RFC 5961 challenge ACKs) are rate-limited to one per 500 ms" },
	{ "net.ipv4.tcp_no_metrics_save", "1", 0,
	  "a closed connection's RTT and ssthresh would otherwise seed the next connection to the same host" },
	{ "net.ipv6.conf.all.accept_dad", "0", AF_INET6,
	  "duplicate address detection would keep a new address tentative (unusable) for a second" },
	{ "net.ipv6.conf.default.accept_dad", "0", AF_INET6,
	  "the same, for links created after this point" },
	{ "net.ipv6.conf.default.router_solicitations", "0", AF_INET6,
	  "no router solicitations on the wire" },
	{ "net.ipv6.conf.default.accept_ra", "0", AF_INET6,
	  "no address or route may come from a router advertisement" },
	{ NULL, NULL, 0, NULL },
};

/* SPDX-License-Identifier: GPL-2.0-only */
/* inject_: sends a crafted TCP segment from a raw socket inside a host's
 * namespace.
 *
 * The socket (IPPROTO_RAW: the IP header is ours too) is opened inside the
 * namespace for the one segment and closed after. The segment goes out
 * through the host's routing, neighbour table and output path like any
 * packet it sends, so the host's own capture sees it leave; the host's TCP
 * never sees it (raw output does not pass TCP), so it neither answers nor
 * remembers it.
 *
 * Every segment leaves from one CPU, the first the process may run on:
 * veth queues a frame on the backlog of the CPU that sent it, and only
 * one backlog keeps order. Segments injected one after the other are thus
 * processed by the receiver in that order, and the answer to a later one
 * (a probe) proves the earlier ones were processed. */
#ifndef NSF_ACTIONS_INJECT_H
#define NSF_ACTIONS_INJECT_H

#include <stddef.h>
#include <stdint.h>
#include "netns/ns.h"
#include "util/tcpseg.h"

/* Sends s (no payload; an MSS option when mss > 0) from inside ns, to
 * s->dst. Returns 0, or -1 with err saying what failed and errno's name. */
int inject_send(const struct ns *ns, const struct tcpseg *s, uint16_t mss, char *err, size_t errlen);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* wire_: the coordinator's hooks for the capture (actions/capture.h): opened
 * on every host once the topology is built, drained before each step (so
 * each packet carries the step that was running), and at the end of a
 * variant written as pcapng (report/pcapng.h) with each host's `ss -tanei`
 * and `ip -s link` when the variant failed, or always with --pcap-dir.
 * Internal to the engine. */
#ifndef NSF_WIRE_H
#define NSF_WIRE_H

#include <stddef.h>

#include <stdbool.h>
#include "lang/case.h"

struct coord;                   /* engine/coord_state.h */

/* Whether a step of c looks at or sends packets itself: without a capture
 * (no CAP_NET_RAW) its variants skip, the others run without one. */
bool wire_needed(const struct case_file *c);

/* Opens the capture on every host and registers its undo. Returns 0, or
 * -1 with the reason in the outcome. */
int wire_start(struct coord *k);

/* Drains, then stamps later packets with step i. */
void wire_before_step(struct coord *k, int i);

/* A host powered on again has new interfaces: captures them too. */
void wire_host_again(struct coord *k, int host);

/* Drains; for a failed variant (or any, with a pcap directory) writes the
 * pcapng file and the hosts' diagnostics, naming them in the outcome. Must
 * run while the namespaces still exist. */
void wire_finish(struct coord *k);

/* The directory pcap files go to without --pcap-dir: $TMPDIR/nsfault-pcap
 * (/tmp when TMPDIR is unset). Writes it into buf. */
void wire_default_dir(char *buf, size_t len);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* doctor_probes: `nsfault doctor`'s checks that try a facility for real, each
 * harmlessly: inside a fresh network namespace of its own (which vanishes with
 * everything in it), on a socket or a child process of its own. Each prints
 * its lines (cli/doctor_line.h) and notes what it found in df. */
#ifndef NSF_DOCTOR_PROBES_H
#define NSF_DOCTOR_PROBES_H

#include <stdio.h>
#include "cli/doctor_line.h"

/* SOCK_DESTROY (CONFIG_INET_DIAG_DESTROY, what `ss -K` and the destroy step
 * use): aborts a listening socket of its own in a fresh namespace. */
void doctor_check_destroy(FILE *out);

/* Each freezer on a child that only waits to be killed; df->cgroup_ro when a
 * cgroup freezer is mounted read-only, df->freezer the one the cases will
 * use (the first that works, as frz_attach's FRZ_AUTO picks). */
void doctor_check_freezers(FILE *out, struct doctor_facts *df);

/* Each firewall backend: installed, and one rule added in a fresh namespace
 * (both families for iptables); and which lock file iptables-legacy uses. */
void doctor_check_backends(FILE *out);

/* The capture every variant opens on its hosts (a packet socket in each
 * namespace); df->no_net_raw when it is refused. */
void doctor_check_capture(FILE *out, struct doctor_facts *df);

#endif

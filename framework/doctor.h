/* doctor_: what this machine offers the suite — privilege, kernel options,
 * freezers, firewall backends — each with what a missing one makes skip. */
#ifndef NSF_DOCTOR_H
#define NSF_DOCTOR_H

#include <stdio.h>

/* Prints one line per check; returns the number of checks that failed. */
int doctor_run(FILE *out);

#endif

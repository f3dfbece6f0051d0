/* doctor_: what this machine offers the suite — privilege, kernel options,
 * freezers, firewall backends — each with what a missing one makes skip. */
#ifndef NSF_DOCTOR_H
#define NSF_DOCTOR_H

#include <stdio.h>

/* Prints one line per check: ok, MISS (an alternative or an option some
 * cases need: they will skip) or FAIL (an essential: nothing can run).
 * Returns the number of FAILs. */
int doctor_run(FILE *out);

#endif

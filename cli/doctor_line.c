/* SPDX-License-Identifier: GPL-2.0-only */
/* doctor_line: one format for every line of `nsfault doctor`, so that scripts
 * (ci/container-check.sh) can pick out the MISS and FAIL lines. */
#include "cli/doctor_line.h"

int doctor_line(FILE *out, bool ok, bool essential, const char *what, const char *detail)
{
	fprintf(out, "%-4s %-34s %s\n", ok ? "ok" : essential ? "FAIL" : "MISS", what, detail);
	return !ok && essential;
}

void doctor_info(FILE *out, const char *what, const char *detail)
{
	fprintf(out, "info %-34s %s\n", what, detail);
}

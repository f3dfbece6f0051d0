/* SPDX-License-Identifier: GPL-2.0-only */
/* Family x backend expansion of one case. */
#include "lang/plan.h"

int plan_case_variants(const struct case_file *c, unsigned families, struct variant *out)
{
	static const unsigned fams[] = { FAM_IPV4, FAM_IPV6 };
	int n = 0;

	for (int f = 0; f < 2; f++)
		for (int b = c->backends ? 0 : -1; b < (c->backends ? FW_NBACKENDS : 0); b++) {
			if (!(c->families & families & fams[f]) || (b >= 0 && !(c->backends & (1u << b))))
				continue;
			if (out)
				out[n] = (struct variant){ fams[f], b };
			n++;
		}
	return n;
}

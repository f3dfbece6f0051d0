/* SPDX-License-Identifier: GPL-2.0-only */
/* libFuzzer target: any bytes given to the case parser must give a Case or an
 * error message, never a crash, a hang or undefined behaviour. Links only the
 * language (lang/) and util/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "lang/parser.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct case_file c;
	char err[512];
	char *text;

	/* The loader refuses a file with a NUL byte before parsing it. */
	if (memchr(data, '\0', size))
		return 0;
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (case_parse("fuzz.case", text, &c, err, sizeof(err)) < 0 && err[0] == '\0')
		abort();        /* a rejection must always say why */
	free(text);
	return 0;
}

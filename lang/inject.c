/* SPDX-License-Identifier: GPL-2.0-only */
/* Sequence forms of `inject`: reading them, and their arithmetic. */
#include <stdlib.h>
#include <string.h>
#include "util/tcpseg.h"
#include "lang/inject.h"

uint32_t inject_seq_value(const struct seq_form *f, const struct seq_refs *refs)
{
	switch (f->base) {
	case SEQ_NXT:
		return tcpseg_seq_add(refs->nxt, f->k);
	case SEQ_ACKED:
		return tcpseg_seq_add(refs->acked, f->k);
	case SEQ_ABSOLUTE:
		break;
	}
	return (uint32_t)f->k;
}

bool inject_seq_relative(const struct seq_form *f)
{
	return f->base != SEQ_ABSOLUTE;
}

/* A whole decimal number, optionally signed, within lo..hi. */
static int whole_number(const char *text, long long lo, long long hi, long long *v)
{
	char *end;

	if (!*text || strchr(" \t", *text))
		return -1;
	*v = strtoll(text, &end, 10);
	return *end || *v < lo || *v > hi ? -1 : 0;
}

int inject_seq_parse(const char *text, struct seq_form *f)
{
	long long k = 0;

	f->base = SEQ_NXT;
	if (strncmp(text, "acked", 5) == 0) {
		f->base = SEQ_ACKED;
		text += 5;
		/* "acked" alone, or a signed offset right after it */
		if (*text && *text != '+' && *text != '-')
			return -1;
		if (!*text)
			return f->k = 0, 0;
	}
	if (whole_number(text, INJECT_OFFSET_MIN, INJECT_OFFSET_MAX, &k) < 0)
		return -1;
	f->k = k;
	return 0;
}

int inject_abs_parse(const char *text, struct seq_form *f)
{
	long long n;

	if (*text == '+' || *text == '-' || whole_number(text, 0, 0xffffffffLL, &n) < 0)
		return -1;
	f->base = SEQ_ABSOLUTE;
	f->k = n;
	return 0;
}

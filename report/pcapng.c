/* SPDX-License-Identifier: GPL-2.0-only */
/* The pcapng blocks nsfault writes. Every block is type, total length, body,
 * total length again; options are code, length, value padded to 32 bits and
 * end with opt_endofopt. */
#include <string.h>
#include "report/pcapng.h"

enum {
	BT_SHB = 0x0A0D0D0A, BT_IDB = 0x00000001, BT_EPB = 0x00000006,
	OPT_END = 0, OPT_COMMENT = 1, IF_NAME = 2, IF_TSRESOL = 9,
	BYTE_ORDER_MAGIC = 0x1A2B3C4D,
};

static size_t pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

static int put(FILE *f, const void *p, size_t n)
{
	return n == 0 || fwrite(p, 1, n, f) == n ? 0 : -1;
}

static int put32(FILE *f, uint32_t v)
{
	return put(f, &v, 4);
}

static int put_pad(FILE *f, size_t n)
{
	static const uint8_t zero[4];

	return put(f, zero, pad4(n) - n);
}

/* The length an option takes: header and padded value. */
static size_t opt_size(size_t n)
{
	return 4 + pad4(n);
}

static int put_opt(FILE *f, uint16_t code, const void *v, size_t n)
{
	uint16_t h[2] = { code, (uint16_t)n };

	return put(f, h, 4) || put(f, v, n) || put_pad(f, n) ? -1 : 0;
}

/* A comment longer than an option can hold is cut. */
static size_t text_len(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	return n > 0xfff0 ? 0xfff0 : n;
}

int pcapng_section(FILE *f, const char *comment)
{
	size_t clen = text_len(comment);
	uint32_t total = (uint32_t)(28 + (clen ? opt_size(clen) + 4 : 0));
	uint16_t version[2] = { 1, 0 };
	int64_t section_len = -1;       /* not given: readers walk the blocks */

	if (put32(f, BT_SHB) || put32(f, total) || put32(f, BYTE_ORDER_MAGIC) || put(f, version, 4) ||
	    put(f, &section_len, 8))
		return -1;
	if (clen && (put_opt(f, OPT_COMMENT, comment, clen) || put32(f, OPT_END)))
		return -1;
	return put32(f, total);
}

int pcapng_interface(FILE *f, uint16_t linktype, uint32_t snaplen, const char *name)
{
	size_t nlen = text_len(name);
	uint8_t tsresol = 9;            /* 10^-9 s */
	uint16_t head[2] = { linktype, 0 };
	uint32_t total = (uint32_t)(20 + opt_size(nlen) + opt_size(1) + 4);

	return put32(f, BT_IDB) || put32(f, total) || put(f, head, 4) || put32(f, snaplen) ||
	       put_opt(f, IF_NAME, name, nlen) || put_opt(f, IF_TSRESOL, &tsresol, 1) || put32(f, OPT_END) ||
	       put32(f, total) ? -1 : 0;
}

int pcapng_packet(FILE *f, uint32_t ifid, int64_t ts_ns, const void *data, uint32_t caplen, uint32_t len,
		  const char *comment)
{
	size_t clen = text_len(comment);
	uint32_t total = (uint32_t)(32 + pad4(caplen) + (clen ? opt_size(clen) + 4 : 0));
	uint64_t ts = (uint64_t)ts_ns;

	if (put32(f, BT_EPB) || put32(f, total) || put32(f, ifid) || put32(f, (uint32_t)(ts >> 32)) ||
	    put32(f, (uint32_t)ts) || put32(f, caplen) || put32(f, len) || put(f, data, caplen) || put_pad(f, caplen))
		return -1;
	if (clen && (put_opt(f, OPT_COMMENT, comment, clen) || put32(f, OPT_END)))
		return -1;
	return put32(f, total);
}

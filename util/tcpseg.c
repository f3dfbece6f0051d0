/* SPDX-License-Identifier: GPL-2.0-only */
/* Decoding captured TCP segments; flag names. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include "util/tcpseg.h"

static const char *const flag_names[] = { "FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "DATA" };
#define NFLAGS (int)(sizeof(flag_names) / sizeof(flag_names[0]))

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The IP header at ip: fills addresses, returns the TCP header's offset
 * from ip and the TCP length (header and data), or -1. */
static int parse_ip(const uint8_t *ip, size_t avail, struct tcpseg *s, uint32_t *tcplen)
{
	if (avail >= 20 && ip[0] >> 4 == 4) {
		int ihl = (ip[0] & 15) * 4;

		if (ip[9] != 6 || ihl < 20 || be16(ip + 2) < ihl)
			return -1;
		s->family = AF_INET;
		memcpy(s->src, ip + 12, 4);
		memcpy(s->dst, ip + 16, 4);
		*tcplen = be16(ip + 2) - (uint32_t)ihl;
		return ihl;
	}
	if (avail >= 40 && ip[0] >> 4 == 6) {
		if (ip[6] != 6)
			return -1;
		s->family = AF_INET6;
		memcpy(s->src, ip + 8, 16);
		memcpy(s->dst, ip + 24, 16);
		*tcplen = be16(ip + 4);
		return 40;
	}
	return -1;
}

bool tcpseg_parse(const uint8_t *frame, size_t caplen, struct tcpseg *s)
{
	uint32_t tcplen;
	const uint8_t *t;
	int off, doff;

	memset(s, 0, sizeof(*s));
	if (caplen < 14 || (be16(frame + 12) != 0x0800 && be16(frame + 12) != 0x86DD))
		return false;
	if ((off = parse_ip(frame + 14, caplen - 14, s, &tcplen)) < 0 || caplen < 14 + (size_t)off + 20)
		return false;
	t = frame + 14 + off;
	doff = (t[12] >> 4) * 4;
	if (doff < 20 || (uint32_t)doff > tcplen)
		return false;
	s->sport = be16(t);
	s->dport = be16(t + 2);
	s->seq = be32(t + 4);
	s->ack = be32(t + 8);
	s->flags = t[13];
	s->win = be16(t + 14);
	s->paylen = tcplen - (uint32_t)doff;
	if (s->paylen)
		s->flags |= TCPF_DATA;
	return true;
}

static int flag_bit(const char *w, size_t n)
{
	for (int i = 0; i < NFLAGS; i++)
		if (strlen(flag_names[i]) == n && strncmp(flag_names[i], w, n) == 0)
			return 1 << i;
	return 0;
}

int tcpseg_flags_value(const char *text, int *flags)
{
	*flags = 0;
	if (strcmp(text, "any") == 0)
		return 0;
	for (const char *p = text;; p++) {
		size_t n = strcspn(p, "|");
		int bit = flag_bit(p, n);

		if (!bit || *flags & bit)
			return -1;
		*flags |= bit;
		p += n;
		if (!*p)
			return 0;
	}
}

void tcpseg_flags_format(int flags, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < NFLAGS && used < len; i++)
		if (flags & (1 << i))
			used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? "|" : "", flag_names[i]);
	if (!flags)
		snprintf(buf, len, "none");
}

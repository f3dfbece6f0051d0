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

uint32_t tcpseg_seq_add(uint32_t base, int64_t k)
{
	return (uint32_t)((uint64_t)base + (uint64_t)k);
}

bool tcpseg_seq_before(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

/* Unfolded 16-bit big-endian sum of len bytes. */
static uint32_t sum16(const uint8_t *p, size_t len, uint32_t sum)
{
	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return sum;
}

uint16_t tcpseg_csum(const uint8_t *p, size_t len, uint32_t sum)
{
	sum = sum16(p, len, sum);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v);
}

/* The TCP header at t, tlen bytes, checksum left 0. */
static void build_tcp(const struct tcpseg *s, uint16_t mss, uint8_t *t, size_t tlen)
{
	memset(t, 0, tlen);
	put16(t, s->sport);
	put16(t + 2, s->dport);
	put32(t + 4, s->seq);
	put32(t + 8, s->ack);
	t[12] = (uint8_t)(tlen / 4) << 4;
	t[13] = (uint8_t)s->flags;
	put16(t + 14, s->win);
	if (mss) {
		t[20] = 2;              /* kind MSS, length 4 */
		t[21] = 4;
		put16(t + 22, mss);
	}
}

/* The pseudo-header's partial sum: addresses, protocol, TCP length. */
static uint32_t pseudo_sum(const struct tcpseg *s, size_t tlen)
{
	size_t alen = s->family == AF_INET ? 4 : 16;
	uint32_t sum = sum16(s->src, alen, 0);

	sum = sum16(s->dst, alen, sum);
	return sum + 6 + (uint32_t)tlen;
}

size_t tcpseg_build(const struct tcpseg *s, uint16_t mss, const uint8_t src_mac[6], const uint8_t dst_mac[6],
		    uint8_t *buf, size_t len)
{
	size_t iplen = s->family == AF_INET ? 20 : 40, tlen = mss ? 24 : 20, total = 14 + iplen + tlen;
	uint8_t *ip = buf + 14, *t = ip + iplen;

	if (len < total)
		return 0;
	memcpy(buf, dst_mac, 6);
	memcpy(buf + 6, src_mac, 6);
	put16(buf + 12, s->family == AF_INET ? 0x0800 : 0x86DD);
	memset(ip, 0, iplen);
	if (s->family == AF_INET) {
		ip[0] = 0x45;
		put16(ip + 2, (uint32_t)(iplen + tlen));
		ip[6] = 0x40;           /* DF */
		ip[8] = 64;
		ip[9] = 6;
		memcpy(ip + 12, s->src, 4);
		memcpy(ip + 16, s->dst, 4);
		put16(ip + 10, tcpseg_csum(ip, 20, 0));
	} else {
		ip[0] = 0x60;
		put16(ip + 4, (uint32_t)tlen);
		ip[6] = 6;
		ip[7] = 64;
		memcpy(ip + 8, s->src, 16);
		memcpy(ip + 24, s->dst, 16);
	}
	build_tcp(s, mss, t, tlen);
	put16(t + 16, tcpseg_csum(t, tlen, pseudo_sum(s, tlen)));
	return total;
}

/* SPDX-License-Identifier: GPL-2.0-only */
/* tcpseg_: TCP segments as bytes. Decodes a captured Ethernet frame into the
 * fields wire steps look at, and names TCP flags as cases write them
 * ("SYN|ACK"). Pure. */
#ifndef NSF_TCPSEG_H
#define NSF_TCPSEG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* TCP header flag bits, and one pseudo flag: the segment carries data. */
enum {
	TCPF_FIN = 0x01, TCPF_SYN = 0x02, TCPF_RST = 0x04, TCPF_PSH = 0x08,
	TCPF_ACK = 0x10, TCPF_URG = 0x20, TCPF_ECE = 0x40, TCPF_CWR = 0x80,
	TCPF_DATA = 0x100,
};

/* What a wire step knows of one segment. Addresses in network order,
 * IPv4 in the first 4 bytes; ports, numbers and window in host order. */
struct tcpseg {
	int family;                     /* AF_INET or AF_INET6 */
	uint8_t src[16], dst[16];
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint16_t flags;                 /* TCPF_*; TCPF_DATA when paylen > 0 */
	uint16_t win;
	uint32_t paylen;                /* from the IP length, whatever was captured */
};

/* Decodes an Ethernet frame of which caplen bytes were kept. False when it
 * is not TCP over IPv4 or IPv6 (no extension headers), or is cut short
 * before the TCP header's fixed part. */
bool tcpseg_parse(const uint8_t *frame, size_t caplen, struct tcpseg *s);

/* "SYN|ACK|DATA" -> flag bits; "any" -> 0 (every segment). Returns 0, or -1
 * when a word is none of FIN SYN RST PSH ACK URG ECE CWR DATA. */
int tcpseg_flags_value(const char *text, int *flags);
/* Writes the flags as names ("RST|ACK"), "none" for 0. */
void tcpseg_flags_format(int flags, char *buf, size_t len);

/* Builds an Ethernet frame carrying segment s (no payload; flags from its
 * low 8 bits; MSS option when mss > 0) from MAC src_mac to dst_mac, with
 * the IPv4 header's and TCP's checksums (IPv6: pseudo-header checksum).
 * IPv4: TTL 64, DF, id 0; IPv6: hop limit 64, no flow label. Returns the
 * frame's length, or 0 when len is too small (at most 14 + 40 + 24 bytes). */
size_t tcpseg_build(const struct tcpseg *s, uint16_t mss, const uint8_t src_mac[6], const uint8_t dst_mac[6],
		    uint8_t *buf, size_t len);

/* The Internet checksum (RFC 1071) of len bytes, starting from sum (a
 * partial sum of earlier bytes, 0 for none), folded and complemented. */
uint16_t tcpseg_csum(const uint8_t *p, size_t len, uint32_t sum);

/* Sequence arithmetic modulo 2^32 (RFC 793 3.3): base + k, and whether a
 * comes before b (a window of 2^31). */
uint32_t tcpseg_seq_add(uint32_t base, int64_t k);
bool tcpseg_seq_before(uint32_t a, uint32_t b);

#endif

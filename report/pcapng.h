/* SPDX-License-Identifier: GPL-2.0-only */
/* pcapng_: writes a capture file in pcapng (the IETF draft
 * draft-ietf-opsawg-pcapng, read by tcpdump and Wireshark): a Section Header
 * Block, one Interface Description Block per link with its name
 * ("server:eth0"), and Enhanced Packet Blocks with an optional comment (the
 * case step running). Native byte order, as the format allows; timestamps in
 * nanoseconds (if_tsresol 9). Pure: writes to a FILE the caller opened. Each
 * function returns 0, or -1 when a write failed (errno set). */
#ifndef NSF_PCAPNG_H
#define NSF_PCAPNG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PCAPNG_LINKTYPE_ETHERNET 1

/* The file's first block; comment may be NULL. */
int pcapng_section(FILE *f, const char *comment);
/* The next interface (ids count from 0 in the order written). */
int pcapng_interface(FILE *f, uint16_t linktype, uint32_t snaplen, const char *name);
/* One packet on interface ifid: caplen bytes of data kept of len on the wire,
 * at ts_ns (ns since the epoch); comment may be NULL. */
int pcapng_packet(FILE *f, uint32_t ifid, int64_t ts_ns, const void *data, uint32_t caplen, uint32_t len,
		  const char *comment);

#endif

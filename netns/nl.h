/* SPDX-License-Identifier: GPL-2.0-only */
/* nl_: one rtnetlink connection and the request/acknowledge exchange over libmnl.
 *
 * A netlink socket belongs to the network namespace its creator was in when it
 * opened it, so a connection opened inside a namespace keeps talking to that
 * namespace after the caller has moved back out. Every netns/ function reports
 * failure the same way: it returns -1 and fills a struct nl_error. */
#ifndef NSF_NL_H
#define NSF_NL_H

#include <stddef.h>
#include <stdint.h>
#include <libmnl/libmnl.h>

/* Large enough for any request netns/ builds and for one receive batch. */
#define NL_BUFSZ 8192

struct nl_error {
	int err;           /* errno value, positive; 0 when there was no error */
	char text[256];    /* what failed, with the kernel's extended-ack text when it sent one */
};

struct nl_conn {
	struct mnl_socket *sock;
	uint32_t portid;
	uint32_t seq;
};

/* Opens NETLINK_ROUTE in the caller's current network namespace, with extended
 * acks enabled. Returns NULL and fills e on failure. */
struct nl_conn *nl_open(struct nl_error *e);
/* The same for another netlink protocol (e.g. NETLINK_SOCK_DIAG); name is the
 * protocol as messages call it ("sock_diag"). nl_request/nl_talk work on it. */
struct nl_conn *nl_open_bus(int bus, const char *name, struct nl_error *e);
void nl_close(struct nl_conn *c);

/* Starts a request in buf (NL_BUFSZ bytes): header with type, flags|NLM_F_REQUEST,
 * the connection's next sequence number. */
struct nlmsghdr *nl_request(struct nl_conn *c, char *buf, uint16_t type, uint16_t flags);

/* Sends nlh (NLM_F_ACK is added) and reads replies until the acknowledgement.
 * Each reply message that is not the ack goes to cb (may be NULL).
 * Returns 0, or -1 with e->err set and e->text naming `what` and the kernel's
 * extended-ack message if any. */
int nl_talk(struct nl_conn *c, struct nlmsghdr *nlh, mnl_cb_t cb, void *data,
	    const char *what, struct nl_error *e);

/* Reads an NLMSG_ERROR message: returns its error as a positive errno (0 for
 * an ack) and copies the extended-ack text (NLMSGERR_ATTR_MSG) into msg, or ""
 * when there is none. Pure: no socket involved, so it can be unit-tested. */
int nl_parse_error(const struct nlmsghdr *nlh, char *msg, size_t msglen);

/* Fills e: err, and "what: ERRNAME (kernel text)" or "what: ERRNAME: strerror"
 * (ERRNAME as err_name says it). */
void nl_set_error(struct nl_error *e, int err, const char *what, const char *kernel_text);

#endif

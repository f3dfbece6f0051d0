/* SPDX-License-Identifier: GPL-2.0-only */
/* ns_diag_: socket diagnostics (NETLINK_SOCK_DIAG) inside a namespace: find
 * and destroy TCP sockets by 4-tuple, as `ss -K` does (SOCK_DESTROY, kernel
 * CONFIG_INET_DIAG_DESTROY). */
#ifndef NSF_DIAG_H
#define NSF_DIAG_H

#include <sys/socket.h>
#include "netns/ns.h"

/* Builds a SOCK_DESTROY request (struct inet_diag_req_v2, IPPROTO_TCP, all
 * states) for the socket whose local address is src and remote address dst
 * (both AF_INET or both AF_INET6, ports included). Pure. */
struct nlmsghdr *ns_diag_destroy_msg(char *buf, uint32_t seq, const struct sockaddr *src,
				     const struct sockaddr *dst);

/* Destroys that socket inside ns. The kernel aborts it (tcp_abort: sk_err =
 * ECONNABORTED, RST to the peer). ENOENT: no such socket; EOPNOTSUPP: kernel
 * without CONFIG_INET_DIAG_DESTROY. */
int ns_diag_destroy(struct ns *ns, const struct sockaddr *src, const struct sockaddr *dst,
		    struct nl_error *e);

/* Returns the TCP state of the socket with that 4-tuple inside ns (a
 * SOCK_DIAG_BY_FAMILY dump filtered by the tuple, so it also finds TIME_WAIT
 * entries no process holds), 0 when there is none, -1 with e on failure. */
int ns_diag_state(struct ns *ns, const struct sockaddr *src, const struct sockaddr *dst,
		  struct nl_error *e);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* ns_diag_: finding and destroying TCP sockets by 4-tuple over NETLINK_SOCK_DIAG.
 *
 * The sock_diag socket is opened inside the namespace (ns_within) and then
 * used from outside: a netlink socket keeps talking to the namespace it was
 * created in. The exchange itself is nl_talk's, shared with rtnetlink. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>

#include "netns/diag.h"

/* The address bytes and port of one end, whichever its family. */
struct diag_end {
	const void *addr;
	size_t len;
	uint16_t port;		/* network byte order */
	uint32_t ifindex;	/* IPv6 scope (link-local), else 0 */
};

static bool diag_end(const struct sockaddr *sa, struct diag_end *end)
{
	const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
	const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;

	if (sa->sa_family == AF_INET) {
		*end = (struct diag_end){ &in->sin_addr, sizeof(in->sin_addr), in->sin_port, 0 };
		return true;
	}
	if (sa->sa_family == AF_INET6) {
		*end = (struct diag_end){ &in6->sin6_addr, sizeof(in6->sin6_addr),
					  in6->sin6_port, in6->sin6_scope_id };
		return true;
	}
	return false;
}

/* Fills the request for the tuple; false when the two ends are not both IPv4
 * or both IPv6, which no TCP socket could match. */
static bool diag_fill_req(struct inet_diag_req_v2 *req, const struct sockaddr *src,
			  const struct sockaddr *dst)
{
	struct diag_end s, d;

	if (!diag_end(src, &s) || !diag_end(dst, &d) || src->sa_family != dst->sa_family)
		return false;
	memset(req, 0, sizeof(*req));
	req->sdiag_family = src->sa_family;
	req->sdiag_protocol = IPPROTO_TCP;
	req->idiag_states = ~0U;	/* destroy/find it whatever state it is in */
	req->id.idiag_sport = s.port;
	req->id.idiag_dport = d.port;
	memcpy(req->id.idiag_src, s.addr, s.len);
	memcpy(req->id.idiag_dst, d.addr, d.len);
	req->id.idiag_if = s.ifindex;
	/* No cookie: the kernel then matches on the tuple alone. */
	req->id.idiag_cookie[0] = INET_DIAG_NOCOOKIE;
	req->id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;
	return true;
}

static struct nlmsghdr *diag_msg(char *buf, uint32_t seq, uint16_t type, uint16_t flags,
				 const struct sockaddr *src, const struct sockaddr *dst)
{
	struct inet_diag_req_v2 req;
	struct nlmsghdr *nlh;

	if (!diag_fill_req(&req, src, dst))
		return NULL;
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = seq;
	memcpy(mnl_nlmsg_put_extra_header(nlh, sizeof(req)), &req, sizeof(req));
	return nlh;
}

struct nlmsghdr *ns_diag_destroy_msg(char *buf, uint32_t seq, const struct sockaddr *src,
				     const struct sockaddr *dst)
{
	return diag_msg(buf, seq, SOCK_DESTROY, NLM_F_ACK, src, dst);
}

struct diag_open {
	struct nl_conn *conn;
	struct nl_error *e;
};

static int diag_open_inside(void *arg)
{
	struct diag_open *o = arg;

	o->conn = nl_open_bus(NETLINK_SOCK_DIAG, "sock_diag", o->e);
	return o->conn ? 0 : -1;
}

/* A sock_diag connection bound to ns, or NULL with e. */
static struct nl_conn *diag_open(struct ns *ns, struct nl_error *e)
{
	struct diag_open o = { NULL, e };

	if (ns_within(ns, diag_open_inside, &o, e) < 0) {
		nl_close(o.conn);	/* set only if fn ran but the way back failed */
		return NULL;
	}
	return o.conn;
}

/* "what 127.0.0.1:1234 -> 127.0.0.1:80" for messages. */
static void diag_what(char *out, size_t len, const char *what, const struct sockaddr *src,
		      const struct sockaddr *dst)
{
	char a[INET6_ADDRSTRLEN] = "?", b[INET6_ADDRSTRLEN] = "?";
	struct diag_end s = { 0 }, d = { 0 };

	/* On failure the "?" stays: a message is never worth failing over. */
	if (diag_end(src, &s))
		inet_ntop(src->sa_family, s.addr, a, sizeof(a));
	if (diag_end(dst, &d))
		inet_ntop(dst->sa_family, d.addr, b, sizeof(b));
	snprintf(out, len, "%s [%s]:%u -> [%s]:%u", what, a, ntohs(s.port), b, ntohs(d.port));
}

static int diag_bad_tuple(struct nl_error *e, const char *what)
{
	nl_set_error(e, EINVAL, what, "addresses must be both IPv4 or both IPv6");
	return -1;
}

int ns_diag_destroy(struct ns *ns, const struct sockaddr *src, const struct sockaddr *dst,
		    struct nl_error *e)
{
	char buf[NL_BUFSZ], what[160];
	struct nl_conn *c;
	struct nlmsghdr *nlh = ns_diag_destroy_msg(buf, 0, src, dst);
	int ret;

	if (!nlh)
		return diag_bad_tuple(e, "destroying socket");
	c = diag_open(ns, e);
	if (!c)
		return -1;
	nlh->nlmsg_seq = ++c->seq;
	diag_what(what, sizeof(what), "destroying TCP socket (SOCK_DESTROY)", src, dst);
	ret = nl_talk(c, nlh, NULL, NULL, what, e);
	nl_close(c);
	return ret;
}

/* What the dump callback looks for and what it found. */
struct diag_match {
	struct inet_diag_req_v2 want;
	size_t addrlen;
	int state;		/* 0 until found */
};

static bool diag_same(const struct diag_match *m, const struct inet_diag_msg *msg)
{
	const struct inet_diag_sockid *a = &m->want.id, *b = &msg->id;

	return msg->idiag_family == m->want.sdiag_family &&
	       a->idiag_sport == b->idiag_sport && a->idiag_dport == b->idiag_dport &&
	       !memcmp(a->idiag_src, b->idiag_src, m->addrlen) &&
	       !memcmp(a->idiag_dst, b->idiag_dst, m->addrlen);
}

/* Dumps ignore the id in the request, so each entry is compared here. */
static int diag_state_cb(const struct nlmsghdr *nlh, void *data)
{
	struct diag_match *m = data;
	const struct inet_diag_msg *msg = mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_type != SOCK_DIAG_BY_FAMILY ||
	    mnl_nlmsg_get_payload_len(nlh) < sizeof(*msg))
		return MNL_CB_OK;	/* not an entry; nl_talk handles DONE/errors */
	/* MNL_CB_OK even on a match: nl_talk takes MNL_CB_STOP for a failure. */
	if (!m->state && diag_same(m, msg))
		m->state = msg->idiag_state;
	return MNL_CB_OK;
}

int ns_diag_state(struct ns *ns, const struct sockaddr *src, const struct sockaddr *dst,
		  struct nl_error *e)
{
	char buf[NL_BUFSZ], what[160];
	struct diag_match m = { .state = 0 };
	struct nl_conn *c;
	struct nlmsghdr *nlh;
	int ret;

	if (!diag_fill_req(&m.want, src, dst))
		return diag_bad_tuple(e, "looking up socket state");
	m.addrlen = src->sa_family == AF_INET ? sizeof(struct in_addr) : sizeof(struct in6_addr);
	c = diag_open(ns, e);
	if (!c)
		return -1;
	/* ~0 states includes 1 << TCP_TIME_WAIT, so sockets no process holds
	 * any more are found as well. */
	nlh = diag_msg(buf, ++c->seq, SOCK_DIAG_BY_FAMILY, NLM_F_DUMP, src, dst);
	diag_what(what, sizeof(what), "looking up TCP socket (SOCK_DIAG_BY_FAMILY dump)", src, dst);
	ret = nl_talk(c, nlh, diag_state_cb, &m, what, e);
	nl_close(c);
	return ret < 0 ? -1 : m.state;
}

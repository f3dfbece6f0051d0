/* SPDX-License-Identifier: GPL-2.0-only */
/* nl_: one rtnetlink connection and the request/acknowledge exchange. */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <linux/netlink.h>

#include "util/errnames.h"
#include "util/timeouts.h"
#include "netns/nl.h"

#define STR_(x) #x
#define STR(x) STR_(x)

/* Replies to requests up to NL_BUFSZ, echoed whole in an error, fit. */
#define NL_RCVBUFSZ (4 * NL_BUFSZ)

static int nl_setopt(struct nl_conn *c, int level, int opt, const void *val, socklen_t len)
{
	return setsockopt(mnl_socket_get_fd(c->sock), level, opt, val, len);
}

static int nl_configure(struct nl_conn *c)
{
	int one = 1;
	struct timeval tv = { .tv_sec = TIMEOUT_NL_REPLY_S };

	if (nl_setopt(c, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one)) < 0)
		return -1;
	if (nl_setopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0)
		return -1;
	return mnl_socket_bind(c->sock, 0, MNL_SOCKET_AUTOPID);
}

static struct nl_conn *nl_open_fail(struct nl_conn *c, const char *doing, const char *name,
				    struct nl_error *e)
{
	char what[64];
	int err = errno;

	snprintf(what, sizeof(what), "%s %s socket", doing, name);
	nl_set_error(e, err, what, NULL);
	nl_close(c);
	return NULL;
}

struct nl_conn *nl_open_bus(int bus, const char *name, struct nl_error *e)
{
	struct nl_conn *c = calloc(1, sizeof(*c));

	if (!c)
		return nl_open_fail(NULL, "opening", name, e);
	c->sock = mnl_socket_open2(bus, SOCK_CLOEXEC);
	if (!c->sock)
		return nl_open_fail(c, "opening", name, e);
	if (nl_configure(c) < 0)
		return nl_open_fail(c, "configuring", name, e);
	c->portid = mnl_socket_get_portid(c->sock);
	return c;
}

struct nl_conn *nl_open(struct nl_error *e)
{
	return nl_open_bus(NETLINK_ROUTE, "rtnetlink", e);
}

void nl_close(struct nl_conn *c)
{
	if (!c)
		return;
	if (c->sock)
		mnl_socket_close(c->sock);
	free(c);
}

struct nlmsghdr *nl_request(struct nl_conn *c, char *buf, uint16_t type, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags | NLM_F_REQUEST;
	nlh->nlmsg_seq = ++c->seq;
	return nlh;
}

struct errmsg_ctx {
	char *msg;
	size_t msglen;
};

static int errmsg_attr_cb(const struct nlattr *attr, void *data)
{
	struct errmsg_ctx *ctx = data;
	const char *text;

	if (mnl_attr_get_type(attr) != NLMSGERR_ATTR_MSG)
		return MNL_CB_OK;
	if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0)
		return MNL_CB_OK;	/* a malformed text is not worth failing over */
	text = mnl_attr_get_str(attr);
	snprintf(ctx->msg, ctx->msglen, "%.*s",
		 (int)strnlen(text, mnl_attr_get_payload_len(attr)), text);
	return MNL_CB_STOP;
}

/* Offset, from the payload start, of the ext-ack TLVs: right after struct
 * nlmsgerr when the kernel capped the echoed request to its header, else after
 * the whole echoed request. Returns 0 when the echo length is implausible. */
static size_t errmsg_tlv_offset(const struct nlmsghdr *nlh, const struct nlmsgerr *err)
{
	size_t payload = mnl_nlmsg_get_payload_len(nlh);
	size_t off = sizeof(*err);

	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (err->msg.nlmsg_len < sizeof(struct nlmsghdr))
			return 0;
		off += err->msg.nlmsg_len - sizeof(struct nlmsghdr);
	}
	off = MNL_ALIGN(off);
	return off <= payload ? off : 0;
}

int nl_parse_error(const struct nlmsghdr *nlh, char *msg, size_t msglen)
{
	const struct nlmsgerr *err;
	struct errmsg_ctx ctx = { msg, msglen };

	if (msglen)
		msg[0] = '\0';
	if (nlh->nlmsg_type != NLMSG_ERROR || nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*err)))
		return EBADMSG;
	err = mnl_nlmsg_get_payload(nlh);
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) && msglen) {
		size_t off = errmsg_tlv_offset(nlh, err);

		/* The text is a bonus: a malformed TLV area just leaves msg empty. */
		if (off)
			(void)mnl_attr_parse(nlh, (unsigned)off, errmsg_attr_cb, &ctx);
	}
	if (err->error == INT_MIN)	/* cannot be negated */
		return EPROTO;
	return err->error < 0 ? -err->error : err->error;
}

void nl_set_error(struct nl_error *e, int err, const char *what, const char *kernel_text)
{
	const char *name = err_name(err);
	int n;

	e->err = err;
	if (kernel_text && *kernel_text)
		n = snprintf(e->text, sizeof(e->text), "%s: %s (%s)", what, name, kernel_text);
	else
		n = snprintf(e->text, sizeof(e->text), "%s: %s: %s", what, name, strerror(err));
	/* A cut message should look cut rather than end mid-word silently. */
	if (n >= (int)sizeof(e->text))
		memcpy(e->text + sizeof(e->text) - 4, "...", 4);
}

/* State of one exchange while its replies are read. */
struct talk {
	uint32_t seq;
	mnl_cb_t cb;
	void *data;
	bool cb_stopped;
	bool done;
	int err;	/* from the kernel's ack or NLMSG_DONE */
	int cb_err;	/* from the caller's callback */
	char kmsg[sizeof(((struct nl_error *)0)->text)];
};

static void talk_error(struct talk *t, const struct nlmsghdr *nlh)
{
	t->err = nl_parse_error(nlh, t->kmsg, sizeof(t->kmsg));
	t->done = true;
}

/* A dump ends with NLMSG_DONE instead of an ack; its payload may hold an errno. */
static void talk_done(struct talk *t, const struct nlmsghdr *nlh)
{
	int err = 0;

	if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(err))
		memcpy(&err, mnl_nlmsg_get_payload(nlh), sizeof(err));
	t->err = err < 0 ? -err : err;
	t->done = true;
}

/* After the callback fails or stops, replies are still drained up to the ack
 * so that they cannot be mistaken for the answer to a later request. */
static void talk_reply(struct talk *t, const struct nlmsghdr *nlh)
{
	int ret;

	if (!t->cb || t->cb_stopped)
		return;
	errno = 0;
	ret = t->cb(nlh, t->data);
	/* MNL_CB_STOP (0) is "enough", not a failure. */
	if (ret == MNL_CB_ERROR)
		t->cb_err = errno ? errno : EPROTO;
	if (ret != MNL_CB_OK)
		t->cb_stopped = true;
}

/* Handles one received batch; messages of other (stale, timed-out) requests
 * are skipped by sequence number. */
static void talk_batch(struct talk *t, const struct nl_conn *c, const char *buf, int len)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)buf;

	for (; !t->done && mnl_nlmsg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len)) {
		if (nlh->nlmsg_seq != t->seq || nlh->nlmsg_pid != c->portid)
			continue;
		if (nlh->nlmsg_type == NLMSG_ERROR)
			talk_error(t, nlh);
		else if (nlh->nlmsg_type == NLMSG_DONE)
			talk_done(t, nlh);
		else if (nlh->nlmsg_type >= NLMSG_MIN_TYPE)
			talk_reply(t, nlh);
	}
}

static int talk_fail(struct nl_error *e, int err, const char *what, const char *note)
{
	nl_set_error(e, err, what, note);
	return -1;
}

int nl_talk(struct nl_conn *c, struct nlmsghdr *nlh, mnl_cb_t cb, void *data,
	    const char *what, struct nl_error *e)
{
	char buf[NL_RCVBUFSZ];
	struct talk t = { .seq = nlh->nlmsg_seq, .cb = cb, .data = data };

	nlh->nlmsg_flags |= NLM_F_ACK;
	if (mnl_socket_sendto(c->sock, nlh, nlh->nlmsg_len) < 0)
		return talk_fail(e, errno, what, "sending request");
	while (!t.done) {
		ssize_t len = mnl_socket_recvfrom(c->sock, buf, sizeof(buf));

		if (len < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return talk_fail(e, ETIMEDOUT, what,
					 "no answer from the kernel within " STR(TIMEOUT_NL_REPLY_S) " s");
		if (len < 0)
			return talk_fail(e, errno, what, "receiving reply");
		talk_batch(&t, c, buf, (int)len);	/* len <= sizeof(buf) */
	}
	if (t.err)
		return talk_fail(e, t.err, what, t.kmsg);
	if (t.cb_err)
		return talk_fail(e, t.cb_err, what, "parsing reply");
	return 0;
}

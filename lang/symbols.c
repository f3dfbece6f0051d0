/* SPDX-License-Identifier: GPL-2.0-only */
/* Symbolic names for TCP states, socket options, flags and shutdown. */
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include "lang/symbols.h"

/* Indexed by the kernel's TCP_* state numbers (include/net/tcp_states.h). */
static const char *const tcp_states[] = {
	[TCP_ESTABLISHED] = "ESTABLISHED", [TCP_SYN_SENT] = "SYN_SENT",
	[TCP_SYN_RECV] = "SYN_RECV",       [TCP_FIN_WAIT1] = "FIN_WAIT1",
	[TCP_FIN_WAIT2] = "FIN_WAIT2",     [TCP_TIME_WAIT] = "TIME_WAIT",
	[TCP_CLOSE] = "CLOSE",             [TCP_CLOSE_WAIT] = "CLOSE_WAIT",
	[TCP_LAST_ACK] = "LAST_ACK",       [TCP_LISTEN] = "LISTEN",
	[TCP_CLOSING] = "CLOSING",
	[12] = "NEW_SYN_RECV",             /* TCP_NEW_SYN_RECV: not in the uapi header */
};
#define NSTATES (int)(sizeof(tcp_states) / sizeof(tcp_states[0]))

const char *names_tcp_state(int state)
{
	if (state > 0 && state < NSTATES && tcp_states[state])
		return tcp_states[state];
	return "UNKNOWN_STATE";
}

int names_tcp_state_value(const char *name)
{
	for (int s = 1; s < NSTATES; s++)
		if (tcp_states[s] && strcmp(tcp_states[s], name) == 0)
			return s;
	return -1;
}

/* Indexed by SO_EE_ORIGIN_* (linux/errqueue.h): none, local, icmp, icmp6. */
static const char *const ee_origins[] = { "none", "local", "icmp", "icmp6" };
#define NORIGINS (int)(sizeof(ee_origins) / sizeof(ee_origins[0]))

const char *names_ee_origin(int origin)
{
	return origin >= 0 && origin < NORIGINS ? ee_origins[origin] : "other";
}

int names_ee_origin_value(const char *name)
{
	for (int o = 1; o < NORIGINS; o++)
		if (strcmp(ee_origins[o], name) == 0)
			return o;
	return -1;
}

static const char *const guard_ops[] = {
	[GUARD_NONE] = "", [GUARD_LT] = "<", [GUARD_LE] = "<=", [GUARD_GE] = ">=", [GUARD_GT] = ">", [GUARD_EQ] = "==",
};
#define NGUARD_OPS (int)(sizeof(guard_ops) / sizeof(guard_ops[0]))

const char *names_guard_op(enum guard_op op)
{
	return (int)op >= 0 && (int)op < NGUARD_OPS ? guard_ops[op] : "?";
}

enum guard_op names_guard_op_value(const char *op)
{
	for (int i = GUARD_NONE + 1; i < NGUARD_OPS; i++)
		if (strcmp(guard_ops[i], op) == 0)
			return (enum guard_op)i;
	return GUARD_NONE;
}

static const struct sockopt sockopts[] = {
	{ "SO_LINGER",        SOL_SOCKET,  SO_LINGER,        SOT_LINGER, 0 },
	{ "SO_ERROR",         SOL_SOCKET,  SO_ERROR,         SOT_ERROR,  0 },
	{ "SO_RCVBUF",        SOL_SOCKET,  SO_RCVBUF,        SOT_INT,    0 },
	{ "SO_SNDBUF",        SOL_SOCKET,  SO_SNDBUF,        SOT_INT,    0 },
	{ "SO_RCVTIMEO",      SOL_SOCKET,  SO_RCVTIMEO,      SOT_MILLIS, 0 },
	{ "SO_SNDTIMEO",      SOL_SOCKET,  SO_SNDTIMEO,      SOT_MILLIS, 0 },
	{ "SO_KEEPALIVE",     SOL_SOCKET,  SO_KEEPALIVE,     SOT_INT,    0 },
	{ "SO_REUSEADDR",     SOL_SOCKET,  SO_REUSEADDR,     SOT_INT,    0 },
	{ "TCP_NODELAY",      IPPROTO_TCP, TCP_NODELAY,      SOT_INT,    0 },
	{ "TCP_USER_TIMEOUT", IPPROTO_TCP, TCP_USER_TIMEOUT, SOT_INT,    0 },
	{ "TCP_KEEPIDLE",     IPPROTO_TCP, TCP_KEEPIDLE,     SOT_INT,    0 },
	{ "TCP_KEEPINTVL",    IPPROTO_TCP, TCP_KEEPINTVL,    SOT_INT,    0 },
	{ "TCP_KEEPCNT",      IPPROTO_TCP, TCP_KEEPCNT,      SOT_INT,    0 },
	{ "TCP_SYNCNT",       IPPROTO_TCP, TCP_SYNCNT,       SOT_INT,    0 },
	{ "TCP_MAXSEG",       IPPROTO_TCP, TCP_MAXSEG,       SOT_INT,    0 },
	{ "IP_RECVERR",       IPPROTO_IP,  IP_RECVERR,       SOT_INT,    AF_INET },
	{ "IPV6_RECVERR",     IPPROTO_IPV6, IPV6_RECVERR,    SOT_INT,    AF_INET6 },
};

const struct sockopt *names_sockopt(const char *name)
{
	for (size_t i = 0; i < sizeof(sockopts) / sizeof(sockopts[0]); i++)
		if (strcmp(sockopts[i].name, name) == 0)
			return &sockopts[i];
	return NULL;
}

int names_sockopt_nargs(enum sockopt_type t)
{
	switch (t) {
	case SOT_LINGER: return 2;
	case SOT_ERROR:  return 0;
	default:         return 1;
	}
}

/* Names of bits, joined by '|' in case files and reports. */
struct bit_name {
	const char *name;
	int bit;
};

/* "A|B" -> bits; "0" -> 0. Returns 0, or -1 and the offset of the unknown
 * word in *bad. */
static int bits_parse(const struct bit_name *t, size_t n, const char *text, int *bits, int *bad)
{
	*bits = 0;
	if (strcmp(text, "0") == 0)
		return 0;
	for (const char *p = text;; ) {
		size_t len = strcspn(p, "|"), i;

		for (i = 0; i < n; i++)
			if (strlen(t[i].name) == len && strncmp(t[i].name, p, len) == 0)
				break;
		if (i == n) {
			*bad = (int)(p - text);
			return -1;
		}
		*bits |= t[i].bit;
		if (!p[len])
			return 0;
		p += len + 1;
	}
}

static void bits_format(const struct bit_name *t, size_t n, int bits, char *buf, int len)
{
	int used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && used < len; i++)
		if (bits & t[i].bit)
			used += snprintf(buf + used, len - used, "%s%s", used ? "|" : "", t[i].name);
	if (!used)
		snprintf(buf, len, "0");
}

static const struct bit_name msg_flags[] = {
	{ "MSG_NOSIGNAL", MSG_NOSIGNAL }, { "MSG_DONTWAIT", MSG_DONTWAIT },
	{ "MSG_PEEK", MSG_PEEK },         { "MSG_WAITALL", MSG_WAITALL },
	{ "MSG_OOB", MSG_OOB },           { "MSG_ERRQUEUE", MSG_ERRQUEUE },
	{ "MSG_TRUNC", MSG_TRUNC },
};
#define NFLAGS (sizeof(msg_flags) / sizeof(msg_flags[0]))

int names_msg_flags(const char *text, int *flags, int *bad)
{
	return bits_parse(msg_flags, NFLAGS, text, flags, bad);
}

void names_msg_flags_format(int flags, char *buf, int len)
{
	bits_format(msg_flags, NFLAGS, flags, buf, len);
}

int names_shutdown_how(const char *name)
{
	if (strcmp(name, "SHUT_RD") == 0)
		return SHUT_RD;
	if (strcmp(name, "SHUT_WR") == 0)
		return SHUT_WR;
	if (strcmp(name, "SHUT_RDWR") == 0)
		return SHUT_RDWR;
	return -1;
}

static const struct bit_name poll_bits[] = {
	{ "IN", POLLIN }, { "PRI", POLLPRI }, { "OUT", POLLOUT }, { "ERR", POLLERR },
	{ "HUP", POLLHUP }, { "NVAL", POLLNVAL }, { "RDHUP", POLLRDHUP },
};
#define NPOLL (sizeof(poll_bits) / sizeof(poll_bits[0]))

int names_poll_events(const char *text, int *events)
{
	int bad;

	return bits_parse(poll_bits, NPOLL, text, events, &bad);
}

void names_poll_events_format(int events, char *buf, int len)
{
	bits_format(poll_bits, NPOLL, events, buf, len);
}

bool names_signal_terminates(int sig)
{
	switch (sig) {
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU: case SIGCONT:
	case SIGCHLD: case SIGURG: case SIGWINCH: case SIGPIPE:
		return false;
	default:
		return true;
	}
}

static void suggest_bits(const struct bit_name *t, size_t n, struct suggest *s)
{
	for (size_t i = 0; i < n; i++)
		suggest_offer(s, t[i].name);
}

/* errno values and signals have no table here: every number with a name is
 * one (util/errnames.c names them, "E<n>" and "SIG<n>" are unnamed). */
static void suggest_numbered(const char *(*namer)(int), int max, const char *unnamed, struct suggest *s)
{
	for (int v = 1; v <= max; v++) {
		const char *n = namer(v);

		if (strncmp(n, unnamed, strlen(unnamed)) != 0)
			suggest_offer(s, n);
	}
}

void names_suggest(enum names_kind k, struct suggest *s)
{
	static const char *const hows[] = { "SHUT_RD", "SHUT_WR", "SHUT_RDWR" };

	switch (k) {
	case NAMES_TCP_STATE:
		for (int i = 1; i < NSTATES; i++)
			suggest_offer(s, tcp_states[i]);
		return;
	case NAMES_SOCKOPT:
		for (size_t i = 0; i < sizeof(sockopts) / sizeof(sockopts[0]); i++)
			suggest_offer(s, sockopts[i].name);
		return;
	case NAMES_MSG_FLAG:
		suggest_bits(msg_flags, sizeof(msg_flags) / sizeof(msg_flags[0]), s);
		return;
	case NAMES_POLL_EVENT:
		suggest_bits(poll_bits, sizeof(poll_bits) / sizeof(poll_bits[0]), s);
		return;
	case NAMES_ERRNO:
		suggest_numbered(err_name, 200, "E<", s);
		return;
	case NAMES_SIGNAL:
		suggest_numbered(sig_name, 64, "SIG<", s);
		return;
	case NAMES_SHUTDOWN:
		for (size_t i = 0; i < 3; i++)
			suggest_offer(s, hows[i]);
		return;
	}
}

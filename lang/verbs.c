/* SPDX-License-Identifier: GPL-2.0-only */
/* The verb table: one row per verb, in enum verb_id order. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include "lang/symbols.h"
#include "util/timeouts.h"
#include "lang/verbs.h"

#define A SUBJ_ACTOR
#define HOST SUBJ_HOST
#define AGENT VERB_IN_AGENT
#define COORD VERB_IN_COORD

const struct verb verb_table[VERB_COUNT + 1] = {
	/* socket calls, made by the actor inside its host */
	{ VERB_SOCKET, "socket", "", 0, A, SOCK_NEW, VK_FD, false, false, EFF_NONE, AGENT,
	  "socket", "socket() in the variant's family" },
	{ VERB_NONBLOCK, "nonblock", "", 0, A, SOCK_USE, VK_INT, false, false, EFF_NONE, AGENT,
	  "nonblock", "set O_NONBLOCK" },
	{ VERB_LISTEN, "listen", "Pn", 16, A, SOCK_FRESH, VK_INT, false, false, EFF_NONE, AGENT,
	  "listen PORT [BACKLOG]", "bind the wildcard address and listen()" },
	{ VERB_CONNECT, "connect", "H", 0, A, SOCK_FRESH, VK_INT, false, false, EFF_NONE, AGENT,
	  "connect HOST:PORT", "connect() to the host's address" },
	{ VERB_ACCEPT, "accept", "", 0, A, SOCK_NEW, VK_FD, true, false, EFF_NONE, AGENT,
	  "accept", "accept() on the listening socket" },
	{ VERB_SEND, "send", "Bf", MSG_NOSIGNAL, A, SOCK_USE, VK_INT, false, false, EFF_NONE, AGENT,
	  "send BYTES [FLAGS]", "one send(); FLAGS default to MSG_NOSIGNAL, 0 means none" },
	{ VERB_RECV, "recv", "Bf", 0, A, SOCK_USE, VK_INT, false, false, EFF_NONE, AGENT,
	  "recv BYTES [FLAGS]", "one recv(); FLAGS default to 0" },
	{ VERB_ERRQUEUE, "errqueue", "", 0, A, SOCK_USE, VK_ERRNO, false, false, EFF_NONE, AGENT,
	  "errqueue", "recvmsg(MSG_ERRQUEUE): the queued error's errno (origin, ICMP type/code in the report)" },
	{ VERB_POLL, "poll", "ET", 0, A, SOCK_USE, VK_POLL, false, false, EFF_NONE, AGENT,
	  "poll EVENTS TIMEOUT_MS", "poll() for EVENTS; the result is the revents, 0 on timeout" },
	{ VERB_CLOSE, "close", "", 0, A, SOCK_USE, VK_INT, false, false, EFF_NONE, AGENT,
	  "close", "close()" },
	{ VERB_SHUTDOWN, "shutdown", "W", 0, A, SOCK_USE, VK_INT, false, false, EFF_NONE, AGENT,
	  "shutdown SHUT_RD|SHUT_WR|SHUT_RDWR", "shutdown()" },
	{ VERB_SETSOCKOPT, "setsockopt", "O", 0, A, SOCK_USE, VK_INT, false, false, EFF_NONE, AGENT,
	  "setsockopt OPTION VALUE...", "setsockopt(); SO_LINGER takes on and seconds, *TIMEO milliseconds" },
	{ VERB_GETSOCKOPT, "getsockopt", "G", 0, A, SOCK_USE, VK_INT, false, false, EFF_NONE, AGENT,
	  "getsockopt OPTION", "getsockopt(); SO_ERROR reads as an errno name" },
	{ VERB_INQ, "inq", "", 0, A, SOCK_USE, VK_INT, false, false, EFF_NONE, AGENT,
	  "inq", "ioctl(SIOCINQ): unread bytes in the receive queue" },
	{ VERB_OUTQ, "outq", "", 0, A, SOCK_USE, VK_INT, false, false, EFF_NONE, AGENT,
	  "outq", "ioctl(SIOCOUTQ): bytes in the send queue not yet acknowledged" },
	{ VERB_STATE, "state", "", 0, A, SOCK_USE, VK_STATE, false, false, EFF_NONE, AGENT,
	  "state", "the socket's TCP state (TCP_INFO)" },
	{ VERB_WAIT_STATE, "wait state", "St", TIMEOUT_WAIT_STATE_MS, A, SOCK_USE, VK_INT, false, false, EFF_NONE, AGENT,
	  "wait state STATE [MS]", "wait until the TCP state is STATE, at most MS ms (default 3000): else -1 ETIMEDOUT" },
	{ VERB_WAIT_INQ, "wait inq", ">Nt", TIMEOUT_WAIT_STATE_MS, A, SOCK_USE, VK_INT, false, false, EFF_NONE, AGENT,
	  "wait inq >= BYTES [MS]",
	  "wait until at least BYTES are unread (SIOCINQ), at most MS ms (default 3000): else -1 ETIMEDOUT" },
	{ VERB_WAIT_OUTQ, "wait outq", "<Nt", TIMEOUT_WAIT_STATE_MS, A, SOCK_USE, VK_INT, false, false, EFF_NONE, AGENT,
	  "wait outq <= BYTES [MS]",
	  "wait until at most BYTES are unacknowledged or unsent (SIOCOUTQ), at most MS ms (default 3000): else -1 ETIMEDOUT" },
	{ VERB_SIGPIPES, "sigpipes", "", 0, A, SOCK_NONE, VK_INT, false, false, EFF_NONE, AGENT,
	  "sigpipes", "how many SIGPIPE signals the actor has received so far" },
	{ VERB_EXIT, "exit", "", 0, A, SOCK_NONE, VK_INT, false, false, EFF_ENDS_PROCESS, AGENT,
	  "exit", "the actor's process exits without closing its sockets" },
	/* actions on processes and sockets, by the coordinator */
	{ VERB_FINISH, "finish", "", 0, A, SOCK_NONE, VK_INT, false, false, EFF_FINISH, COORD,
	  "finish", "the result of the actor's started call (waits for it, bounded)" },
	{ VERB_BLOCKED, "blocked", "T", 0, A, SOCK_NONE, VK_BLOCKED, false, false, EFF_BLOCKED, COORD,
	  "blocked MS", "the started call has not returned within MS ms (= blocked)" },
	{ VERB_KILL, "kill", "g", 0, A, SOCK_NONE, VK_INT, false, false, EFF_ENDS_PROCESS, COORD,
	  "kill SIGNAL", "signal the actor's process; waits until a fatal one has ended it" },
	{ VERB_FREEZE, "freeze", "", 0, A, SOCK_NONE, VK_INT, false, false, EFF_NONE, COORD,
	  "freeze", "freeze the actor (cgroup v2, else v1 freezer, else SIGSTOP)" },
	{ VERB_THAW, "thaw", "", 0, A, SOCK_NONE, VK_INT, false, false, EFF_NONE, COORD,
	  "thaw", "thaw the actor" },
	{ VERB_DESTROY, "destroy", "", 0, A, SOCK_USE, VK_INT, false, false, EFF_NONE, COORD,
	  "destroy", "destroy the socket from outside, by its 4-tuple (SOCK_DESTROY, as ss -K)" },
	{ VERB_SLEEP, "sleep", "T", 0, A, SOCK_NONE, VK_INT, false, true, EFF_NONE, COORD,
	  "sleep MS  # why", "let time pass, where time is the point of the scenario" },
	/* actions on hosts */
	{ VERB_POWEROFF, "poweroff", "", 0, HOST, SOCK_NONE, VK_INT, false, false, EFF_POWEROFF, COORD,
	  "HOST poweroff", "the host loses power: nothing leaves it, its processes and sockets vanish" },
	{ VERB_POWERON, "poweron", "", 0, HOST, SOCK_NONE, VK_INT, false, false, EFF_POWERON, COORD,
	  "HOST poweron", "a fresh host, same addresses, no sockets; result: packets its peers got while off" },
	{ VERB_FIREWALL_ADD, "firewall add", "F", 0, HOST, SOCK_NONE, VK_INT, false, false, EFF_RULE_ADD, COORD,
	  "HOST firewall add NAME CHAIN MATCH ACTION [once]",
	  "add a rule in the host: CHAIN input|output|forward, MATCH all|tcp [dport|sport PORT], ACTION drop|tcp-reset|net-|host-|port-unreachable|admin-prohibited; once: only the first matching packet" },
	{ VERB_FIREWALL_DEL, "firewall del", "D", 0, HOST, SOCK_NONE, VK_INT, false, false, EFF_RULE_DEL, COORD,
	  "HOST firewall del NAME", "delete that rule" },
	{ VERB_MTU, "mtu", "IM", 0, HOST, SOCK_NONE, VK_INT, false, false, EFF_NONE, COORD,
	  "HOST mtu IFNAME BYTES", "set the MTU of a link of the host (a router's smaller MTU makes ICMP fragmentation-needed)" },
	{ VERB_LINK, "link", "IU", 0, HOST, SOCK_NONE, VK_INT, false, false, EFF_NONE, COORD,
	  "HOST link IFNAME up|down", "set a link of the host up or down (up waits until it works)" },
	/* the wire and the counters of a host (engine/steps_wire.c) */
	{ VERB_MARK, "mark", "", 0, HOST, SOCK_NONE, VK_INT, false, false, EFF_NONE, COORD,
	  "HOST mark", "later `wire` counts and `counter` deltas of the host start here (else at the variant's start)" },
	{ VERB_WIRE, "wire", "RK", 0, HOST, SOCK_NONE, VK_INT, false, false, EFF_NONE, COORD,
	  "HOST wire out|in FLAGS",
	  "how many TCP segments with all of FLAGS (SYN, RST|ACK, FIN, DATA, any) left (out) or reached (in) the host since its mark" },
	{ VERB_WAIT_WIRE, "wait wire", "RKt", TIMEOUT_WIRE_WAIT_MS, HOST, SOCK_NONE, VK_INT, false, false, EFF_NONE, COORD,
	  "HOST wait wire out|in FLAGS [MS]",
	  "wait until such a segment crossed since the mark, at most MS ms (default 3000): 0, else -1 ETIMEDOUT" },
	{ VERB_COUNTER, "counter", "C", 0, HOST, SOCK_NONE, VK_INT, false, false, EFF_NONE, COORD,
	  "HOST counter NAME",
	  "an SNMP/netstat counter of the host (TcpOutRsts, TcpExtTCPChallengeACK), as a delta since its mark" },
	{ VERB_INJECT, "inject", "J", 0, HOST, SOCK_NONE, VK_INT, false, false, EFF_NONE, COORD,
	  "HOST inject FLAGS SEQ [ack SEQ] [sport PORT] [dport PORT] [to HOST:PORT]",
	  "send a crafted segment from a raw socket: on the connection of the last segment the host received (SEQ: "
	  "K from RCV.NXT, acked[+K], absolute N), or to HOST:PORT (absolute numbers, sport named)" },
	{ VERB_DIAG_STATE, "diag state", "", 0, A, SOCK_USE, VK_STATE, false, false, EFF_NONE, COORD,
	  "diag state",
	  "the TCP state sock_diag finds for the socket's last 4-tuple, also after close (TIME_WAIT); -1 ENOENT: none" },
	{ VERB_WAIT_COUNTER, "wait counter", "C>Qt", TIMEOUT_WIRE_WAIT_MS, HOST, SOCK_NONE, VK_INT, false, false, EFF_NONE, COORD,
	  "HOST wait counter NAME >= N|HOST2 NAME2 [MS]",
	  "wait until the counter's delta since the mark is at least N, or at least HOST2's NAME2 delta since its mark "
	  "(read first on each try), at most MS ms (default 3000): 0, else -1 ETIMEDOUT" },
	{ 0 },
};

static int word_eq(const char *name, size_t n, const char *w, int len)
{
	return (size_t)len == n && strncmp(name, w, n) == 0;
}

const struct verb *verb_find(const char *w1, int n1, const char *w2, int n2, int *words)
{
	for (const struct verb *v = verb_table; v->name; v++) {
		const char *space = strchr(v->name, ' ');

		if (!space && word_eq(v->name, strlen(v->name), w1, n1)) {
			*words = 1;
			return v;
		}
		if (space && w2 && word_eq(v->name, space - v->name, w1, n1) &&
		    word_eq(space + 1, strlen(space + 1), w2, n2)) {
			*words = 2;
			return v;
		}
	}
	return NULL;
}

void verb_suggest(struct suggest *s)
{
	for (const struct verb *v = verb_table; v->name; v++) {
		char first[SUGGEST_WORD_LEN];

		snprintf(first, sizeof(first), "%.*s", (int)strcspn(v->name, " "), v->name);
		suggest_offer(s, first);
	}
}

enum value_kind verb_kind(const struct case_step *s)
{
	if (s->opt && s->opt->type == SOT_ERROR)
		return VK_ERRNO;
	return s->verb->kind;
}

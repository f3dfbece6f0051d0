/* The verb table. */
#include <string.h>
#include <sys/socket.h>
#include "actions/socket_ops.h"
#include "engine/coord_state.h"
#include "lang/symbols.h"
#include "util/timeouts.h"
#include "lang/verbs.h"

#define A SUBJ_ACTOR
#define HOST SUBJ_HOST

const struct verb verb_table[] = {
	/* socket calls, made by the actor inside its host */
	{ "socket", "", 0, A, SOCK_NEW, VK_FD, false, false, EFF_NONE, op_socket, NULL,
	  "socket", "socket() in the variant's family" },
	{ "nonblock", "", 0, A, SOCK_USE, VK_INT, false, false, EFF_NONE, op_nonblock, NULL,
	  "nonblock", "set O_NONBLOCK" },
	{ "listen", "Pn", 16, A, SOCK_FRESH, VK_INT, false, false, EFF_NONE, op_listen, NULL,
	  "listen PORT [BACKLOG]", "bind the wildcard address and listen()" },
	{ "connect", "H", 0, A, SOCK_FRESH, VK_INT, false, false, EFF_NONE, op_connect, NULL,
	  "connect HOST:PORT", "connect() to the host's address" },
	{ "accept", "", 0, A, SOCK_NEW, VK_FD, true, false, EFF_NONE, op_accept, NULL,
	  "accept", "accept() on the listening socket" },
	{ "send", "Nf", MSG_NOSIGNAL, A, SOCK_USE, VK_INT, false, false, EFF_NONE, op_send, NULL,
	  "send BYTES [FLAGS]", "one send(); FLAGS default to MSG_NOSIGNAL, 0 means none" },
	{ "recv", "Nf", 0, A, SOCK_USE, VK_INT, false, false, EFF_NONE, op_recv, NULL,
	  "recv BYTES [FLAGS]", "one recv(); FLAGS default to 0" },
	{ "errqueue", "", 0, A, SOCK_USE, VK_ERRNO, false, false, EFF_NONE, op_errqueue, NULL,
	  "errqueue", "recvmsg(MSG_ERRQUEUE): the queued error's errno (origin, ICMP type/code in the report)" },
	{ "poll", "ET", 0, A, SOCK_USE, VK_POLL, false, false, EFF_NONE, op_poll, NULL,
	  "poll EVENTS TIMEOUT_MS", "poll() for EVENTS; the result is the revents, 0 on timeout" },
	{ "close", "", 0, A, SOCK_USE, VK_INT, false, false, EFF_NONE, op_close, NULL,
	  "close", "close()" },
	{ "shutdown", "W", 0, A, SOCK_USE, VK_INT, false, false, EFF_NONE, op_shutdown, NULL,
	  "shutdown SHUT_RD|SHUT_WR|SHUT_RDWR", "shutdown()" },
	{ "setsockopt", "O", 0, A, SOCK_USE, VK_INT, false, false, EFF_NONE, op_setsockopt, NULL,
	  "setsockopt OPTION VALUE...", "setsockopt(); SO_LINGER takes on and seconds, *TIMEO milliseconds" },
	{ "getsockopt", "G", 0, A, SOCK_USE, VK_INT, false, false, EFF_NONE, op_getsockopt, NULL,
	  "getsockopt OPTION", "getsockopt(); SO_ERROR reads as an errno name" },
	{ "inq", "", 0, A, SOCK_USE, VK_INT, false, false, EFF_NONE, op_inq, NULL,
	  "inq", "ioctl(SIOCINQ): unread bytes in the receive queue" },
	{ "outq", "", 0, A, SOCK_USE, VK_INT, false, false, EFF_NONE, op_outq, NULL,
	  "outq", "ioctl(SIOCOUTQ): bytes in the send queue not yet acknowledged" },
	{ "state", "", 0, A, SOCK_USE, VK_STATE, false, false, EFF_NONE, op_state, NULL,
	  "state", "the socket's TCP state (TCP_INFO)" },
	{ "wait state", "St", TIMEOUT_WAIT_STATE_MS, A, SOCK_USE, VK_INT, false, false, EFF_NONE, op_wait_state, NULL,
	  "wait state STATE [MS]", "wait until the TCP state is STATE, at most MS ms (default 3000): else -1 ETIMEDOUT" },
	{ "sigpipes", "", 0, A, SOCK_NONE, VK_INT, false, false, EFF_NONE, op_sigpipes, NULL,
	  "sigpipes", "how many SIGPIPE signals the actor has received so far" },
	{ "exit", "", 0, A, SOCK_NONE, VK_INT, false, false, EFF_ENDS_PROCESS, op_exit, NULL,
	  "exit", "the actor's process exits without closing its sockets" },
	/* actions on processes and sockets, by the coordinator */
	{ "finish", "", 0, A, SOCK_NONE, VK_INT, false, false, EFF_FINISH, NULL, coord_finish,
	  "finish", "the result of the actor's started call (waits for it, bounded)" },
	{ "blocked", "T", 0, A, SOCK_NONE, VK_BLOCKED, false, false, EFF_BLOCKED, NULL, coord_blocked,
	  "blocked MS", "the started call has not returned within MS ms (= blocked)" },
	{ "kill", "g", 0, A, SOCK_NONE, VK_INT, false, false, EFF_ENDS_PROCESS, NULL, coord_kill,
	  "kill SIGNAL", "signal the actor's process; waits until a fatal one has ended it" },
	{ "freeze", "", 0, A, SOCK_NONE, VK_INT, false, false, EFF_NONE, NULL, coord_freeze,
	  "freeze", "freeze the actor (cgroup v2, else v1 freezer, else SIGSTOP)" },
	{ "thaw", "", 0, A, SOCK_NONE, VK_INT, false, false, EFF_NONE, NULL, coord_thaw,
	  "thaw", "thaw the actor" },
	{ "destroy", "", 0, A, SOCK_USE, VK_INT, false, false, EFF_NONE, NULL, coord_destroy,
	  "destroy", "destroy the socket from outside, by its 4-tuple (SOCK_DESTROY, as ss -K)" },
	{ "sleep", "T", 0, A, SOCK_NONE, VK_INT, false, true, EFF_NONE, NULL, coord_sleep,
	  "sleep MS  # why", "let time pass, where time is the point of the scenario" },
	/* actions on hosts */
	{ "poweroff", "", 0, HOST, SOCK_NONE, VK_INT, false, false, EFF_POWEROFF, NULL, coord_poweroff,
	  "HOST poweroff", "the host loses power: nothing leaves it, its processes and sockets vanish" },
	{ "poweron", "", 0, HOST, SOCK_NONE, VK_INT, false, false, EFF_POWERON, NULL, coord_poweron,
	  "HOST poweron", "a fresh host, same addresses, no sockets; result: packets its peers got while off" },
	{ "firewall add", "F", 0, HOST, SOCK_NONE, VK_INT, false, false, EFF_RULE_ADD, NULL, coord_firewall,
	  "HOST firewall add NAME CHAIN MATCH ACTION",
	  "add a rule in the host: CHAIN input|output|forward, MATCH all|tcp [dport|sport PORT], ACTION drop|tcp-reset|net-|host-|port-unreachable|admin-prohibited" },
	{ "firewall del", "D", 0, HOST, SOCK_NONE, VK_INT, false, false, EFF_RULE_DEL, NULL, coord_firewall,
	  "HOST firewall del NAME", "delete that rule" },
	{ "mtu", "IN", 0, HOST, SOCK_NONE, VK_INT, false, false, EFF_NONE, NULL, coord_mtu,
	  "HOST mtu IFNAME BYTES", "set the MTU of a link of the host (a router's smaller MTU makes ICMP fragmentation-needed)" },
	{ "link", "IU", 0, HOST, SOCK_NONE, VK_INT, false, false, EFF_NONE, NULL, coord_link,
	  "HOST link IFNAME up|down", "set a link of the host up or down (up waits until it works)" },
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

enum value_kind verb_kind(const struct case_step *s)
{
	if (s->opt && s->opt->type == SOT_ERROR)
		return VK_ERRNO;
	return s->verb->kind;
}

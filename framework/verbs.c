/* The verb table. */
#include <string.h>
#include <sys/socket.h>
#include "framework/agent.h"
#include "framework/names.h"
#include "framework/verbs.h"

const struct verb verb_table[] = {
	{ "socket",     "",   0, RUN_AGENT, SOCK_NEW,   VK_FD,  false, op_socket,     "socket" },
	{ "listen",     "Pn", 16, RUN_AGENT, SOCK_FRESH, VK_INT, false, op_listen,    "listen PORT [BACKLOG]" },
	{ "connect",    "H",  0, RUN_AGENT, SOCK_FRESH, VK_INT, false, op_connect,    "connect HOST:PORT" },
	{ "accept",     "",   0, RUN_AGENT, SOCK_NEW,   VK_FD,  true,  op_accept,     "accept" },
	{ "send",       "Nf", MSG_NOSIGNAL, RUN_AGENT, SOCK_USE, VK_INT, false, op_send, "send BYTES [FLAGS]" },
	{ "recv",       "Nf", 0, RUN_AGENT, SOCK_USE,   VK_INT, false, op_recv,       "recv BYTES [FLAGS]" },
	{ "close",      "",   0, RUN_AGENT, SOCK_USE,   VK_INT, false, op_close,      "close" },
	{ "shutdown",   "W",  0, RUN_AGENT, SOCK_USE,   VK_INT, false, op_shutdown,   "shutdown SHUT_RD|SHUT_WR|SHUT_RDWR" },
	{ "setsockopt", "O",  0, RUN_AGENT, SOCK_USE,   VK_INT, false, op_setsockopt, "setsockopt OPTION VALUE..." },
	{ "getsockopt", "G",  0, RUN_AGENT, SOCK_USE,   VK_INT, false, op_getsockopt, "getsockopt OPTION" },
	{ "wait state", "S",  0, RUN_AGENT, SOCK_USE,   VK_INT, false, op_wait_state, "wait state STATE" },
	{ "state",      "",   0, RUN_AGENT, SOCK_USE,   VK_STATE, false, op_state,    "state" },
	{ "sigpipes",   "",   0, RUN_AGENT, SOCK_NONE,  VK_INT, false, op_sigpipes,   "sigpipes" },
	{ NULL, NULL, 0, 0, 0, 0, false, NULL, NULL },
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
	if (s->verb->run == op_getsockopt && s->opt && s->opt->type == SOT_ERROR)
		return VK_ERRNO;
	return s->verb->kind;
}

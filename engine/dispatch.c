/* SPDX-License-Identifier: GPL-2.0-only */
/* Verb id -> handler. A verb's row in lang/verbs.c says where it runs; the
 * unit test checks that exactly the matching table below has its handler. */
#include "engine/dispatch.h"

static const dispatch_agent_fn agent_handlers[VERB_COUNT] = {
	[VERB_SOCKET] = op_socket,
	[VERB_NONBLOCK] = op_nonblock,
	[VERB_LISTEN] = op_listen,
	[VERB_CONNECT] = op_connect,
	[VERB_ACCEPT] = op_accept,
	[VERB_SEND] = op_send,
	[VERB_RECV] = op_recv,
	[VERB_ERRQUEUE] = op_errqueue,
	[VERB_POLL] = op_poll,
	[VERB_CLOSE] = op_close,
	[VERB_SHUTDOWN] = op_shutdown,
	[VERB_SETSOCKOPT] = op_setsockopt,
	[VERB_GETSOCKOPT] = op_getsockopt,
	[VERB_INQ] = op_inq,
	[VERB_OUTQ] = op_outq,
	[VERB_STATE] = op_state,
	[VERB_WAIT_STATE] = op_wait_state,
	[VERB_WAIT_INQ] = op_wait_inq,
	[VERB_WAIT_OUTQ] = op_wait_outq,
	[VERB_SIGPIPES] = op_sigpipes,
	[VERB_EXIT] = op_exit,
};

static const dispatch_coord_fn coord_handlers[VERB_COUNT] = {
	[VERB_FINISH] = coord_finish,
	[VERB_BLOCKED] = coord_blocked,
	[VERB_KILL] = coord_kill,
	[VERB_FREEZE] = coord_freeze,
	[VERB_THAW] = coord_thaw,
	[VERB_DESTROY] = coord_destroy,
	[VERB_SLEEP] = coord_sleep,
	[VERB_POWEROFF] = coord_poweroff,
	[VERB_POWERON] = coord_poweron,
	[VERB_FIREWALL_ADD] = coord_firewall,
	[VERB_FIREWALL_DEL] = coord_firewall,
	[VERB_MTU] = coord_mtu,
	[VERB_LINK] = coord_link,
	[VERB_MARK] = coord_mark,
	[VERB_WIRE] = coord_wire,
	[VERB_WAIT_WIRE] = coord_wait_wire,
	[VERB_COUNTER] = coord_counter,
	[VERB_INJECT] = coord_inject,
	[VERB_WAIT_COUNTER] = coord_wait_counter,
	[VERB_DIAG_STATE] = coord_diag_state,
};

dispatch_agent_fn dispatch_agent(enum verb_id id)
{
	return (unsigned)id < VERB_COUNT ? agent_handlers[id] : NULL;
}

dispatch_coord_fn dispatch_coord(enum verb_id id)
{
	return (unsigned)id < VERB_COUNT ? coord_handlers[id] : NULL;
}

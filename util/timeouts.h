/* SPDX-License-Identifier: GPL-2.0-only */
/* Every bound on a wait, and every interval of a wait that re-reads, in one
 * place. A wait that reaches its bound fails the step (or the case) and says
 * which bound it was. */
#ifndef NSF_TIMEOUTS_H
#define NSF_TIMEOUTS_H

/* ---- a case and its steps ---- */

/* A link's operstate reaching UP after both veth ends were set up; also an
 * address becoming local (its route lookup answering RTN_LOCAL). Both take
 * milliseconds, but they run from kernel work queues that a loaded machine
 * can delay for seconds (seen: over 3 s at a load average of 60): the bound
 * only says when to give up, so it is generous. */
#define TIMEOUT_LINK_UP_MS     15000
/* One step's reply from its agent, on top of the time the step itself says
 * it may wait (poll's timeout, wait state's bound): a blocking call that does
 * not return by then is reported as "no reply within ... ms" and the case
 * fails. Generous: protocol timers (an RTO backs off from 200 ms) can add
 * seconds to a call that does return. Also bounds an actor's exit after a
 * kill or `exit`, and a freeze or thaw. */
#define TIMEOUT_STEP_MS        10000
/* `wait state` without its own bound: how long the agent watches TCP_INFO.
 * The agent, not the coordinator, reports the expiry, with the state it saw
 * last. */
#define TIMEOUT_WAIT_STATE_MS  3000
/* An agent starting inside its namespace and saying it is ready. */
#define TIMEOUT_AGENT_START_MS 3000
/* A whole case variant, from fork to verdict, as a last resort. */
#define TIMEOUT_CASE_MS        120000

/* ---- the machinery under a case ---- */

/* One receive from rtnetlink or sock_diag (SO_RCVTIMEO): the kernel answers
 * in microseconds, so this only fires when something is badly wrong; the
 * request then fails with ETIMEDOUT "no answer from the kernel within 5 s". */
#define TIMEOUT_NL_REPLY_S     5
/* An iptables tool run in a host's namespace: one still running by then is
 * killed and reported ("did not finish within ... ms"). */
#define TIMEOUT_FW_TOOL_MS     10000
/* Seconds an iptables tool waits for the xtables lock (-w; legacy shares
 * /run/xtables.lock across namespaces). Shorter than TIMEOUT_FW_TOOL_MS, so a
 * held lock is reported in the tool's own words rather than as a kill. */
#define TIMEOUT_FW_LOCK_S      5
_Static_assert(TIMEOUT_FW_LOCK_S * 1000 < TIMEOUT_FW_TOOL_MS,
	       "the xtables lock wait must end before the tool is killed");
/* `ss` or `ip -s link` run inside a host's namespace for a failure report:
 * they answer in milliseconds; one still running by then is killed. */
#define TIMEOUT_DIAG_TOOL_MS   3000
/* Cleaning up a freezer (frz_release, and a freeze that failed half way):
 * the thaw taking effect before the process is moved back; for a stale
 * cgroup (frz_clean_stale), its thawed tasks being gone. */
#define TIMEOUT_FRZ_RELEASE_MS 1000
/* Removing a freezer cgroup that is still busy for a moment after its last
 * task exited (EBUSY while cgroup.procs is already empty). */
#define TIMEOUT_CGROUP_RMDIR_MS 100

/* ---- intervals ---- */

/* Interval between two reads of a state that gives no event to wait on
 * (operstate, a route, a TCP state, the v1 freezer's state, /proc/<pid>/stat):
 * the first pause, doubled after each look up to POLL_INTERVAL_MAX_US
 * (util/retry.h). A state that comes at once is seen within a millisecond; a
 * wait of seconds (an outq that must stay put for 1.5 s) looks about 200
 * times instead of 1500: each look is a wake-up (the sleeps were 4 % of the
 * suite's CPU samples; the suite's CPU time fell 3 %, median of 4
 * pairs). 8 ms late at most is far inside every timing range, and no wait's
 * own duration is asserted. */
#define POLL_INTERVAL_US       1000
#define POLL_INTERVAL_MAX_US   8000
/* A state file that does notify (cgroup v2's cgroup.events) is still re-read
 * at least this often, so a lost notification costs latency, not a false
 * timeout. */
#define POLL_NOTIFY_SLICE_MS   100

/* A wire step's wait for a segment (`wait wire`) without its own bound. */
#define TIMEOUT_WIRE_WAIT_MS   3000

#endif

/* Every bound on a wait, in one place. A wait that reaches its bound fails the
 * step (or the case) and says which bound it was. */
#ifndef NSF_TIMEOUTS_H
#define NSF_TIMEOUTS_H

/* A link's operstate reaching UP after both veth ends were set up. */
#define TIMEOUT_LINK_UP_MS     3000
/* One step's reply from its agent, on top of the time the step itself says
 * it may wait (poll's timeout, wait state's bound): a blocking call that does
 * not return by then is reported as "no reply within ... ms" and the case
 * fails. Generous: protocol timers (an RTO backs off from 200 ms) can add
 * seconds to a call that does return. */
#define TIMEOUT_STEP_MS        10000
/* `wait state` without its own bound: how long the agent watches TCP_INFO.
 * The agent, not the coordinator, reports the expiry, with the state it saw
 * last. */
#define TIMEOUT_WAIT_STATE_MS  3000
/* An agent starting inside its namespace and saying it is ready. */
#define TIMEOUT_AGENT_START_MS 3000
/* A whole case variant, from fork to verdict, as a last resort. */
#define TIMEOUT_CASE_MS        120000
/* Interval between two reads of a state that gives no event to wait on. */
#define POLL_INTERVAL_US       1000

#endif

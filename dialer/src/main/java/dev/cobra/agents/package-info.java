/**
 * Agents: their states, the allowed transitions, and the pool that hands a live call to a ready agent.
 *
 * <p>Owns {@link dev.cobra.agents.AgentState} (the documented state machine), {@link dev.cobra.agents.Agent}
 * (one agent's state, current call, idle and per-state times) and {@link dev.cobra.agents.AgentPool} (login, ready,
 * pause with a reason code, hand-off longest idle first, wrap-up timer, and the recovery hooks the PBX adapters call
 * after a dropped agent leg, a PBX reconnect or a dialer restart).
 *
 * <p>Pure: a {@link java.time.Clock} is injected, no I/O, no locks (one core thread owns the pool). Must not import
 * the PBX adapters, the store, HTTP or metrics libraries: the adapters call in with domain values.
 */
package dev.cobra.agents;

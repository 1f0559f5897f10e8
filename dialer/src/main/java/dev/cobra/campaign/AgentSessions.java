package dev.cobra.campaign;

import dev.cobra.agents.Agent;
import dev.cobra.agents.AgentPool;
import dev.cobra.agents.AgentState;
import dev.cobra.calls.CallId;
import dev.cobra.calls.Pbx;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents' sessions on the PBX: each logged-in agent has one nailed-up leg ({@link Pbx#openAgentLeg}), and the
 * agent's state in the {@link AgentPool} follows that leg. Owns the login → leg → state link:
 *
 * <pre>
 * login(id, ext)           LOGGED_OUT, leg opening      (not offered calls: no leg to bridge to yet)
 * leg up                   LOGGED_OUT -&gt; READY          (or PAUSED, when the login asked for a pause reason)
 * leg refused / no answer  stays LOGGED_OUT, session forgotten (the agent may log in again)
 * leg dropped              any -&gt; LOGGED_OUT           (AgentPool.agentLegDropped; a call the agent held is hung
 *                                                        up, so the customer is not left in a dead bridge)
 * logout(id)               any -&gt; LOGGED_OUT, held call hung up, leg closed (its later "down" is expected)
 * </pre>
 *
 * After a PBX reconnect the adapter reconciles its legs with the PBX's channel list and reports each leg found gone as
 * down, and each call found gone as {@code Lost} (whose agent then goes to WRAP_UP through the desk): no agent stays
 * READY without a leg or ON_CALL without a call.
 *
 * <p>Not thread-safe: runs on the core thread ({@link RunnerLoop}), like the pool and the runners. Agent ids and
 * extensions only reach the logs, never names or numbers.
 */
public final class AgentSessions {
    private static final Logger log = LoggerFactory.getLogger(AgentSessions.class);

    /** One agent's session: what it logged in with, and whether its leg is up yet. */
    public record Session(String agentId, Set<String> campaigns, String endpoint, String pauseReason, boolean legUp) {
        Session up() {
            return new Session(agentId, campaigns, endpoint, pauseReason, true);
        }
    }

    private final AgentPool pool;
    private final Pbx pbx;
    private final AgentEndpoint endpoints;
    private final Map<String, Session> sessions = new LinkedHashMap<>();

    public AgentSessions(AgentPool pool, Pbx pbx, AgentEndpoint endpoints) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.pbx = Objects.requireNonNull(pbx, "pbx");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    }

    /**
     * Logs an agent in on {@code extension}: opens its leg; the agent becomes READY (or PAUSED with
     * {@code pauseReason}, if not null) when the leg is up.
     *
     * @throws IllegalStateException    if the agent is logged in or its leg is still opening
     * @throws IllegalArgumentException for an unknown pause reason or a bad extension
     */
    public Session login(String agentId, Set<String> campaigns, String extension, String pauseReason) {
        if (sessions.containsKey(agentId) || pool.agent(agentId).map(a -> a.state().loggedIn()).orElse(false)) {
            throw new IllegalStateException("agent " + agentId + " is already logged in (leg "
                    + (sessions.containsKey(agentId) && !sessions.get(agentId).legUp() ? "opening" : "up") + ")");
        }
        if (pauseReason != null && !pool.pauseReasonKnown(pauseReason)) {
            throw new IllegalArgumentException("pause reason: '" + pauseReason + "' (not configured)");
        }
        Session s = new Session(agentId, Set.copyOf(campaigns), endpoints.dial(extension), pauseReason, false);
        pbx.openAgentLeg(agentId, s.endpoint()); // refuses a bad agent id or endpoint before anything is kept
        sessions.put(agentId, s);
        return s;
    }

    /** Logs the agent out: the call it held (returned) is hung up, and its leg is closed. */
    public Optional<CallId> logout(String agentId) {
        Session s = sessions.remove(agentId);
        Optional<CallId> held = Optional.empty();
        Optional<Agent> a = pool.agent(agentId);
        if (a.isPresent() && a.get().state().loggedIn()) {
            held = pool.logout(agentId);
        } else if (s == null) {
            if (a.isPresent()) {
                throw new IllegalStateException("agent " + agentId + " is already logged out");
            }
            throw new IllegalArgumentException("unknown agent: " + agentId);
        }
        held.ifPresent(pbx::hangup);
        if (s != null) {
            pbx.closeAgentLeg(agentId);
        }
        return held;
    }

    /** The PBX reports the agent's leg up or gone ({@link Pbx.Listener#onAgentLeg}). */
    public void legChanged(String agentId, boolean up) {
        Session s = sessions.get(agentId);
        if (up) {
            if (s == null) {
                // Logged out while the leg was still ringing: the adapter hangs up a leg it was asked to close, but a
                // leg nobody asked for (a stale answer) is closed here.
                pbx.closeAgentLeg(agentId);
                return;
            }
            if (s.legUp()) {
                return;
            }
            sessions.put(agentId, s.up());
            pool.login(agentId, s.campaigns());
            if (s.pauseReason() != null) {
                pool.pause(agentId, s.pauseReason());
            }
            return;
        }
        if (s == null) {
            return; // closed by logout
        }
        sessions.remove(agentId);
        if (!s.legUp()) {
            log.warn("agent {}'s leg did not come up ({}): still logged out", agentId, s.endpoint());
            return;
        }
        Optional<CallId> held = pool.agentLegDropped(agentId);
        log.warn("agent {}'s leg dropped: logged out{}", agentId, held.isPresent() ? ", its call " + held.get() + " hung up" : "");
        held.ifPresent(pbx::hangup);
    }

    /** The agent's session, if logged in or logging in. */
    public Optional<Session> session(String agentId) {
        return Optional.ofNullable(sessions.get(agentId));
    }

    /** Every session, in login order. Live view: do not keep across events. */
    public Map<String, Session> sessions() {
        return Collections.unmodifiableMap(sessions);
    }

    /** The state the agent's leg puts it in now: LOGGED_OUT while opening. */
    public AgentState state(String agentId) {
        return pool.agent(agentId).map(Agent::state).orElse(AgentState.LOGGED_OUT);
    }

    public AgentPool pool() {
        return pool;
    }
}

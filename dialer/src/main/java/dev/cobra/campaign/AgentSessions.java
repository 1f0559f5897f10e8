package dev.cobra.campaign;

import dev.cobra.agents.Agent;
import dev.cobra.agents.AgentPool;
import dev.cobra.agents.AgentState;
import dev.cobra.calls.AgentLeg;
import dev.cobra.calls.CallId;
import dev.cobra.calls.Pbx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * <p><b>Saved sessions and dialer restarts.</b> Every change (login, leg up with its server, channel and Uniqueid, each
 * state change, logout or drop) is saved at once through {@link AgentSessionLog}, one row per agent naming the node
 * that owns it. The legs outlive the node (they wait in the PBX's agent context), so at start, once a server's AMI
 * session is up, {@link #recover} compares the sessions this node's previous run saved on that server with the legs the
 * server has ({@link Pbx#findAgentLegs}):
 * <ul>
 *   <li>saved READY, WRAP_UP or PAUSED and the same leg (same Uniqueid) still up: <b>re-adopted</b>. The agent is on the
 *       line and was taking calls or about to: READY (a lost wrap-up timer ends as it would have), or PAUSED with the
 *       same reason if it is still configured (else READY). Its console reconnects and shows that state; nothing is
 *       dialed to the agent's phone again.</li>
 *   <li>saved ON_CALL and the leg still up: the leg is <b>hung up</b> (with the call bridged to it) and the agent is
 *       LOGGED_OUT. The node cannot follow a call its previous run placed (recovery has closed its attempt); offering the
 *       agent a new call could bridge it out of a conversation, so the agent logs in again.</li>
 *   <li>saved OPENING (the leg was ringing) and a leg for that agent is up: hung up, LOGGED_OUT (nobody saw it
 *       answered; the agent logs in again).</li>
 *   <li>the saved leg is gone: LOGGED_OUT.</li>
 *   <li>an agent that logged in again before recovery ran keeps its new session; the old leg is hung up.</li>
 * </ul>
 * A leg whose agent's saved session belongs to another node, or that no saved session names, is <b>never touched</b>:
 * several nodes may share one Asterisk, and each recovers only its own.
 *
 * <p>Not thread-safe: runs on the core thread ({@link RunnerLoop}), like the pool and the runners. Agent ids and
 * extensions only reach the logs, never names or numbers.
 */
public final class AgentSessions {
    private static final Logger log = LoggerFactory.getLogger(AgentSessions.class);

    /** One agent's session: what it logged in with, whether its leg is up yet, and the leg (null until it is up). */
    public record Session(String agentId, Set<String> campaigns, String extension, String endpoint, String pauseReason,
                          boolean legUp, AgentLeg leg) {
        Session up(AgentLeg upLeg) {
            return new Session(agentId, campaigns, extension, endpoint, pauseReason, true, upLeg);
        }
    }

    /**
     * What {@link #recover} did on one server: agents re-adopted, legs hung up, saved sessions found without a leg
     * (logged out), and legs left alone (another node's, or no session of this node names them).
     */
    public record Recovery(String pbx, List<String> resumed, List<String> hungUp, List<String> loggedOut, int leftAlone) {}

    private final AgentPool pool;
    private final Pbx pbx;
    private final AgentEndpoint endpoints;
    private final AgentSessionLog saved;
    private final Map<String, Session> sessions = new LinkedHashMap<>();

    public AgentSessions(AgentPool pool, Pbx pbx, AgentEndpoint endpoints) {
        this(pool, pbx, endpoints, AgentSessionLog.NONE);
    }

    /** @param saved where each session change is saved (see the class comment) */
    public AgentSessions(AgentPool pool, Pbx pbx, AgentEndpoint endpoints, AgentSessionLog saved) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.pbx = Objects.requireNonNull(pbx, "pbx");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.saved = Objects.requireNonNull(saved, "saved");
        pool.addListener(this::stateChanged);
    }

    /**
     * Logs an agent in on {@code extension}: opens its leg; the agent becomes READY (or PAUSED with
     * {@code pauseReason}, if not null) when the leg is up.
     *
     * @throws IllegalStateException    if the agent is logged in or its leg is still opening
     * @throws IllegalArgumentException for an unknown pause reason or a bad extension
     */
    public Session login(String agentId, Set<String> campaigns, String extension, String pauseReason) {
        if (loggedInOrOpening(agentId)) {
            throw new IllegalStateException("agent " + agentId + " is already logged in (leg "
                    + (sessions.containsKey(agentId) && !sessions.get(agentId).legUp() ? "opening" : "up") + ")");
        }
        if (pauseReason != null && !pool.pauseReasonKnown(pauseReason)) {
            throw new IllegalArgumentException("pause reason: '" + pauseReason + "' (not configured)");
        }
        Session s = new Session(agentId, Set.copyOf(campaigns), extension, endpoints.dial(extension), pauseReason, false, null);
        pbx.openAgentLeg(agentId, s.endpoint()); // refuses a bad agent id or endpoint before anything is kept
        sessions.put(agentId, s);
        save(s, AgentSessionLog.OPENING, null, null);
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
            loggedOut(s);
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
            sessions.put(agentId, s.up(pbx.agentLeg(agentId).orElse(null)));
            pool.login(agentId, s.campaigns()); // saved by stateChanged, with the leg
            if (s.pauseReason() != null) {
                pool.pause(agentId, s.pauseReason());
            }
            return;
        }
        if (s == null) {
            return; // closed by logout
        }
        sessions.remove(agentId);
        loggedOut(s);
        if (!s.legUp()) {
            log.warn("agent {}'s leg did not come up ({}): still logged out", agentId, s.endpoint());
            return;
        }
        Optional<CallId> held = pool.agentLegDropped(agentId);
        log.warn("agent {}'s leg dropped: logged out{}", agentId, held.isPresent() ? ", its call " + held.get() + " hung up" : "");
        held.ifPresent(pbx::hangup);
    }

    /**
     * After a dialer restart, once server {@code pbxName} is reachable: settles the sessions this node's previous run
     * saved there against the legs the server has now, as the class comment says. Sessions saved on other servers are
     * skipped (their own server's recovery settles them).
     *
     * @param previous the sessions this node saved before it stopped (any server), as read at start
     * @param found    the legs in the agent context of {@code pbxName} now ({@link Pbx#findAgentLegs})
     */
    public Recovery recover(String pbxName, List<AgentSessionLog.Saved> previous, List<AgentLeg> found) {
        List<String> resumed = new ArrayList<>();
        List<String> hungUp = new ArrayList<>();
        List<String> loggedOut = new ArrayList<>();
        Set<AgentLeg> claimed = new java.util.HashSet<>();
        for (AgentSessionLog.Saved p : previous) {
            boolean opening = AgentSessionLog.OPENING.equals(p.state());
            if (!opening && !pbxName.equals(p.pbx()) || AgentState.LOGGED_OUT.name().equals(p.state())) {
                continue;
            }
            AgentLeg leg = null;
            for (AgentLeg f : found) {
                if (f.agentId().equals(p.agentId()) && (opening || f.uniqueid().equals(p.uniqueid()))) {
                    leg = f;
                }
            }
            boolean relogged = loggedInOrOpening(p.agentId());
            if (leg == null) {
                if (!relogged) {
                    loggedOut.add(p.agentId());
                    saveLoggedOut(p);
                }
                continue;
            }
            claimed.add(leg);
            if (relogged || opening || AgentState.ON_CALL.name().equals(p.state())) {
                pbx.hangUpAgentLeg(leg);
                hungUp.add(p.agentId());
                if (!relogged) {
                    saveLoggedOut(p);
                }
                continue;
            }
            Session s = new Session(p.agentId(), p.campaigns(), p.extension(), endpoints.dial(p.extension()), null, true, leg);
            sessions.put(p.agentId(), s);
            pbx.adoptAgentLeg(leg);
            pool.resume(p.agentId(), p.campaigns(), Optional.empty()); // READY, saved by stateChanged
            if (AgentState.PAUSED.name().equals(p.state()) && p.pauseReason() != null && pool.pauseReasonKnown(p.pauseReason())) {
                pool.pause(p.agentId(), p.pauseReason());
            }
            resumed.add(p.agentId());
        }
        int leftAlone = 0;
        for (AgentLeg f : found) {
            leftAlone += claimed.contains(f) ? 0 : 1;
        }
        log.info("agent recovery on {}: {} agent(s) re-adopted {}, {} leg(s) hung up {}, {} session(s) without a leg logged out,"
                + " {} leg(s) of other nodes left alone", pbxName, resumed.size(), resumed, hungUp.size(), hungUp, loggedOut.size(),
                leftAlone);
        return new Recovery(pbxName, List.copyOf(resumed), List.copyOf(hungUp), List.copyOf(loggedOut), leftAlone);
    }

    /** Whether the agent has a session (its leg up or still opening) or is logged in to the pool. */
    private boolean loggedInOrOpening(String agentId) {
        return sessions.containsKey(agentId) || pool.agent(agentId).map(a -> a.state().loggedIn()).orElse(false);
    }

    /** Pool listener: saves the state of an agent whose leg is up. */
    private void stateChanged(Agent a) {
        Session s = sessions.get(a.id());
        if (s == null || !s.legUp() || !a.state().loggedIn()) {
            return; // logouts and drops are saved by the session's own path
        }
        save(s, a.state().name(), a.state() == AgentState.PAUSED ? a.pauseReason() : null,
                a.call() == null ? null : a.call().value());
    }

    private void loggedOut(Session s) {
        save(s, AgentState.LOGGED_OUT.name(), null, null);
    }

    private void saveLoggedOut(AgentSessionLog.Saved p) {
        saved.save(new AgentSessionLog.Saved(p.agentId(), p.extension(), p.campaigns(), AgentState.LOGGED_OUT.name(), null, null,
                null, null, null));
    }

    private void save(Session s, String state, String pauseReason, String callId) {
        AgentLeg leg = s.leg();
        saved.save(new AgentSessionLog.Saved(s.agentId(), s.extension(), s.campaigns(), state, leg == null ? null : leg.pbx(),
                leg == null ? null : leg.channel(), leg == null ? null : leg.uniqueid(), pauseReason, callId));
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

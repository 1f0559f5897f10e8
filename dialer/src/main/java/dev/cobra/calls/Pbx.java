package dev.cobra.calls;

/**
 * The PBX port: call control in domain terms. Implemented by {@code dev.cobra.pbx.asterisk} (AMI) and
 * later {@code dev.cobra.pbx.freeswitch} (ESL), and by the simulation's in-memory PBX.
 *
 * <p>Contract: methods never block on the network; they queue the command and return. Results arrive as
 * {@link CallEvent}s through the {@link Listener}; a command that cannot be carried out (PBX down, limit
 * reached, unknown call) produces an event or a typed failure, never silence: an originate that is not
 * placed ends with {@link CallEvent.NotAnswered} ({@code NOT_PLACED}). Every originate ends with exactly one
 * of NotAnswered, HungUp or Lost.
 */
public interface Pbx {
    /** This PBX's name from configuration (used as a metric tag and on attempts). */
    String name();

    /** Places a call. Its progress comes back as events. */
    void originate(CallRequest request);

    /** Hangs up a call (no-op if it already ended). */
    void hangup(CallId id);

    /** Moves a live call to a destination (agent bridge, IVR, hold, abandon message). */
    void move(CallId id, Destination destination);

    /** Sets a channel variable on a live call (ids only, never personal data). */
    void setVariable(CallId id, String name, String value);

    /**
     * Opens the nailed-up leg of agent {@code agentId}: the PBX calls {@code endpoint} (a dial string such as
     * {@code PJSIP/301}) and, once answered, keeps the agent on the line in silence between calls, so a hand-off
     * ({@link #move} to {@link Destination.Agent}) is one bridge with no ringing. The outcome comes back as
     * {@link Listener#onAgentLeg} (up when answered; down when refused, unanswered or later hung up). Opening a leg
     * that is already open or opening does nothing.
     */
    void openAgentLeg(String agentId, String endpoint);

    /** Hangs up the agent's leg (no-op if it has none). A call bridged to it ends as the dialplan says. */
    void closeAgentLeg(String agentId);

    /** The agent's leg while it is up on this PBX (for the session's record); empty while opening or without one. */
    default java.util.Optional<AgentLeg> agentLeg(String agentId) {
        return java.util.Optional.empty();
    }

    /**
     * Every agent leg the PBX has now, whoever opened it (Asterisk: the channels in the agent context, exten = agent
     * id): after a dialer restart, the legs a previous run left up. Completes within the PBX's action timeout, or fails
     * (PBX down). A PBX without agent legs answers an empty list.
     */
    default java.util.concurrent.CompletableFuture<java.util.List<AgentLeg>> findAgentLegs() {
        return java.util.concurrent.CompletableFuture.completedFuture(java.util.List.of());
    }

    /**
     * Takes over a leg {@link #findAgentLegs} found (opened by this node's previous run): from now on it is this
     * adapter's leg, as if {@link #openAgentLeg} had opened it; it reports up once, then down exactly once. Does nothing
     * if the agent already has a leg here.
     */
    default void adoptAgentLeg(AgentLeg leg) {}

    /**
     * Hangs up a leg {@link #findAgentLegs} found that nobody will take over, and the call bridged to it, if any
     * (the call's attempt was closed by recovery). Reports nothing: the leg was never this adapter's.
     */
    default void hangUpAgentLeg(AgentLeg leg) {}

    /**
     * True when {@code call} can be joined to {@code agentId}'s leg: both live on the same server. One server: always
     * true (a missing leg is the adapter's to report). A pool of servers answers for where each one lives.
     */
    default boolean canJoin(CallId call, String agentId) {
        return true;
    }

    /** True while the control connection is up and dialing is possible. */
    boolean available();

    /** Registers the one listener; events for one call arrive in order. */
    void setListener(Listener listener);

    /** Receives events. Called on the adapter's thread: implementations hand off to the core's thread quickly. */
    interface Listener {
        void onCallEvent(CallEvent event);

        /** The PBX connection went down or came back. */
        void onAvailability(String pbx, boolean available);

        /**
         * Agent {@code agentId}'s nailed-up leg on {@code pbx} came up ({@code up}) or is gone: refused, not answered,
         * hung up by the agent or by {@link Pbx#closeAgentLeg}, or found gone by reconciliation after a reconnect.
         * Each leg reports up at most once and down exactly once. Listeners without agents ignore it.
         */
        default void onAgentLeg(String pbx, String agentId, boolean up) {}
    }
}

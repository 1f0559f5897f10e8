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

    /** True while the control connection is up and dialing is possible. */
    boolean available();

    /** Registers the one listener; events for one call arrive in order. */
    void setListener(Listener listener);

    /** Receives events. Called on the adapter's thread: implementations hand off to the core's thread quickly. */
    interface Listener {
        void onCallEvent(CallEvent event);

        /** The PBX connection went down or came back. */
        void onAvailability(String pbx, boolean available);
    }
}

package dev.cobra.pbxsim;

/**
 * What the simulated dialplan does when an answered call reaches the IVR point: in the traces'
 * {@code dialer-ivr} context that is {@code AGI(agi://…/collect,${ACCOUNT_ID})}, after AMD said
 * HUMAN or NOTSURE (exten {@code s}) or at once (exten {@code agi}). The FastAGI client plugs in
 * here; the default {@link #HOLD} keeps the call up until someone hangs up.
 *
 * <p>Called on the simulator thread: implementations must return quickly and do their I/O
 * elsewhere, driving the call back through {@link AnsweredCall}'s thread-safe methods.
 */
@FunctionalInterface
public interface AnsweredCallHandler {
    void onAnswered(AnsweredCall call);

    /** Holds the line until the debtor or the dialer hangs up. */
    AnsweredCallHandler HOLD = call -> { };
}

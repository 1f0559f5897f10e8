package dev.cobra.pbxsim;

import dev.cobra.pbxsim.scenario.PhoneBehaviour;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The dialer-side half ({@code ;1}) of an answered call that entered the IVR point, as seen by an
 * {@link AnsweredCallHandler}. Methods are thread-safe: they hand work to the simulator thread.
 */
public interface AnsweredCall {
    /** Channel name, e.g. {@code Local/100@customers-00000001;1}. */
    String channel();

    String uniqueid();

    /** Channel variables at the moment the call reached the IVR point (ACCOUNT_ID, …). */
    Map<String, String> variables();

    /** What the simulated debtor will do: talk time, DTMF script. */
    PhoneBehaviour phone();

    /** Hangs the call up from the dialplan side with a Q.850 cause (16 = normal clearing). */
    void hangup(int cause);

    /** Sets a channel variable (e.g. {@code NEXT_STEP}) with the usual VarSet event. */
    void setVariable(String name, String value);

    /** Called once, on the simulator thread, when the call ends for any reason. */
    void onHangup(Runnable listener);

    /** Called on the simulator thread for each DTMF digit the debtor presses. */
    void onDtmf(Consumer<Character> listener);
}

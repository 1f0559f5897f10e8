package dev.cobra.ivr;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The person on an answered call, as an IVR flow sees it. Implemented per PBX (FastAGI for
 * Asterisk, the ESL outbound socket for FreeSWITCH) and by scripted test callers.
 *
 * <p>Contract:
 * <ul>
 *   <li>Blocking and sequential: one operation at a time, from the one thread running the flow.</li>
 *   <li>Every operation is bounded: it returns, or throws {@link CallerTimeout} after the
 *       binding's limit (a base command timeout plus what the operation itself may take: prompt
 *       length, digit timeouts).</li>
 *   <li>A hang-up at any point surfaces as {@link CallerHungUp}, from the operation running when it
 *       happened and from every later one; the binding sends nothing more to the PBX.</li>
 *   <li>After {@link #transfer} the call belongs to its target: further operations throw
 *       {@link IllegalStateException}.</li>
 * </ul>
 */
public interface Caller {
    /** Answers the call if it is not answered yet (outbound calls usually are). */
    void answer() throws CallerException;

    /**
     * Plays the prompts in order. A key in {@code interruptKeys} stops playback (the remaining
     * prompts are skipped) and is returned; keys not in the set are ignored.
     *
     * @return the key that interrupted, or empty if every prompt played to its end
     */
    Optional<Dtmf> play(List<Prompt> prompts, Set<Dtmf> interruptKeys) throws CallerException;

    /** Plays prompts, then collects digits; see {@link DigitRequest} for the exact rules. */
    DigitInput readDigits(DigitRequest request) throws CallerException;

    /** Shorthand for {@link #readDigits(DigitRequest)}. */
    default DigitInput readDigits(List<Prompt> prompts, int maxDigits, Duration timeout, Optional<Dtmf> terminator)
            throws CallerException {
        return readDigits(new DigitRequest(prompts, maxDigits, timeout, terminator));
    }

    /**
     * Sets a variable on the call, visible to the PBX (dialplan, CDR). Names are
     * {@code [A-Za-z_][A-Za-z0-9_]*}; never put personal data in values that the PBX logs.
     */
    void setVariable(String name, String value) throws CallerException;

    /** Hands the call to {@code target} and ends the IVR's control of it. */
    void transfer(TransferTarget target) throws CallerException;

    /** Hangs the call up. Later operations throw {@link CallerHungUp}. */
    void hangup() throws CallerException;
}

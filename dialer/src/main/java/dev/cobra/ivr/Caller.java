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
 *
 * <p>How the bindings map it (FreeSWITCH from {@code pbx-traces/freeswitch/esl-outbound-*.txt}):
 * <table>
 *   <caption>Caller operations per PBX</caption>
 *   <tr><th>operation</th><th>Asterisk FastAGI</th><th>FreeSWITCH ESL outbound socket (async, linger)</th></tr>
 *   <tr><td>play</td><td>STREAM FILE per prompt</td><td>sendmsg execute {@code playback} (with
 *       {@code playback_terminators}); done at CHANNEL_EXECUTE_COMPLETE whose Application-UUID is the Event-UUID sent</td></tr>
 *   <tr><td>readDigits</td><td>GET DATA (or WAIT FOR DIGIT)</td><td>{@code play_and_get_digits} / {@code read}; the
 *       digits come back in {@code variable_*} of CHANNEL_EXECUTE_COMPLETE</td></tr>
 *   <tr><td>hang-up seen</td><td>{@code HANGUP} line, {@code result=-1}, 511</td><td>CHANNEL_HANGUP, then a
 *       {@code text/disconnect-notice}; commands still get {@code +OK}, so the binding must track the hang-up itself</td></tr>
 *   <tr><td>transfer</td><td>NEXT_STEP variables, then end the AGI</td><td>{@code transfer} app (or {@code resume} + dialplan)</td></tr>
 * </table>
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

package dev.cobra.pbx.asterisk;

import dev.cobra.calls.CallEvent.NoAnswerReason;
import dev.cobra.calls.Q850;

/**
 * Why an async Originate failed, in domain terms: Asterisk's {@code OriginateResponse Reason} (the last control
 * frame the channel saw, {@code AST_CONTROL_*}) combined with the Q.850 cause of the callee's {@code Hangup}.
 *
 * <p>The table, as captured from Asterisk 22.10.1 (pbx-traces/asterisk):
 * <pre>
 * Reason  Asterisk meaning        cause on the callee (;2) half        -&gt; NoAnswerReason, cause
 * 5       BUSY                    17 (;1 has 0)   ami-originate-busy      BUSY, 17
 * 3       RINGING, then timeout   19, no DialEnd  ami-originate-noanswer  NO_ANSWER, 19
 * 8       CONGESTION              34              ami-originate-congestion CONGESTION, 34
 * 0       never answered/created  1 unallocated   ami-originate-unallocated REJECTED, 1 (-&gt; invalid number)
 * 0       never answered/created  0 (bad dial string context, no such
 *                                 technology)     ami-originate-bad-context NOT_PLACED, 0
 * 1       HANGUP before answer    the callee's cause (21 rejected, ...)  REJECTED, cause
 * other   (RING, OFFHOOK, ...)    the callee's cause                     REJECTED, cause (0 -&gt; NOT_PLACED)
 * </pre>
 * A failure OriginateResponse carries {@code Uniqueid: <unknown>} and the dial string as {@code Channel}: only its
 * ActionID ties it to the call. The cause arrives on the {@code Hangup} events around it (before or after), so the
 * adapter waits briefly for them (see {@link AsteriskSettings#failureSettle()}).
 *
 * @param reason the domain reason
 * @param cause  Q.850 cause (0 when unknown)
 */
public record OriginateFailure(NoAnswerReason reason, int cause) {
    /** Asterisk's AST_CONTROL_* values that OriginateResponse reports as {@code Reason}. */
    public static final int REASON_NONE = 0;
    public static final int REASON_HANGUP = 1;
    public static final int REASON_RINGING = 3;
    public static final int REASON_ANSWERED = 4;
    public static final int REASON_BUSY = 5;
    public static final int REASON_CONGESTION = 8;

    /**
     * Maps a failure. {@code cause} is the Q.850 cause seen on the callee half's Hangup (0 if none was seen).
     */
    public static OriginateFailure of(int reason, int cause) {
        if (reason == REASON_BUSY) {
            return new OriginateFailure(NoAnswerReason.BUSY, cause == 0 ? Q850.USER_BUSY : cause);
        }
        if (reason == REASON_RINGING) {
            return new OriginateFailure(NoAnswerReason.NO_ANSWER, cause == 0 ? Q850.NO_ANSWER : cause);
        }
        if (reason == REASON_CONGESTION) {
            return new OriginateFailure(NoAnswerReason.CONGESTION, cause == 0 ? Q850.NO_CIRCUIT_AVAILABLE : cause);
        }
        return fromCause(cause);
    }

    /**
     * The failure when only the cause is known (the OriginateResponse went to an AMI session that was lost):
     * 17 busy, 19/18 no answer, 34/42 congestion, 0 not placed, anything else rejected with that cause.
     */
    public static OriginateFailure fromCause(int cause) {
        if (cause == Q850.USER_BUSY) {
            return new OriginateFailure(NoAnswerReason.BUSY, cause);
        }
        if (cause == Q850.NO_ANSWER || cause == Q850.NO_USER_RESPONSE) {
            return new OriginateFailure(NoAnswerReason.NO_ANSWER, cause);
        }
        if (cause == Q850.NO_CIRCUIT_AVAILABLE || cause == Q850.SWITCH_CONGESTION) {
            return new OriginateFailure(NoAnswerReason.CONGESTION, cause);
        }
        return new OriginateFailure(cause == 0 ? NoAnswerReason.NOT_PLACED : NoAnswerReason.REJECTED, cause);
    }
}

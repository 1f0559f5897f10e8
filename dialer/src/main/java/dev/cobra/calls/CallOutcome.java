package dev.cobra.calls;

/**
 * How one dial attempt ended, as the PBX reported it. Stored on the attempt row (lower-case name)
 * and fed to the cadence, which picks the retry delay per outcome.
 *
 * <p>The mapping from Asterisk's OriginateResponse reasons and Q.850 hangup causes lives with the
 * call state machine; this enum is only the vocabulary.
 */
public enum CallOutcome {
    /** A person answered (AMD said human, or AMD was off). */
    ANSWERED_HUMAN,
    /** An answering machine or voicemail answered (AMD said machine). */
    ANSWERED_MACHINE,
    /** The callee was busy (Q.850 cause 17). */
    BUSY,
    /** It rang until the ring timeout (Q.850 cause 19, or our own timeout). */
    NO_ANSWER,
    /** Congestion or another failure of the network or trunk before answer (e.g. cause 34, 38). */
    FAILED,
    /** The number does not exist (Q.850 cause 1, unallocated number; 28, invalid format). */
    INVALID_NUMBER,
    /** A person answered and no agent was free in time: the information message was played. */
    ABANDONED,
    /** An answered call was cut by the network or the PBX connection before a normal end. */
    DROPPED,
    /** No reliable outcome could be established (e.g. reconciled after a crash). */
    UNKNOWN;

    /** The value stored in the database. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses a stored value. */
    public static CallOutcome fromCode(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }

    /** True when a live person was on the line (counts for abandon-rate denominators). */
    public boolean liveAnswer() {
        return this == ANSWERED_HUMAN || this == ABANDONED;
    }
}

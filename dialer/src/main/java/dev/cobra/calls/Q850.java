package dev.cobra.calls;

/**
 * ITU-T Q.850 release causes Cobra acts on, and what each means for the outcome of a call that was
 * not answered. Asterisk reports them as {@code Cause} on Hangup events (and {@code HANGUPCAUSE});
 * FreeSWITCH as {@code Hangup-Cause} names with the same numbers.
 */
public final class Q850 {
    public static final int UNALLOCATED_NUMBER = 1;
    public static final int NO_ROUTE_TO_DESTINATION = 3;
    public static final int NORMAL_CLEARING = 16;
    public static final int USER_BUSY = 17;
    public static final int NO_USER_RESPONSE = 18;
    public static final int NO_ANSWER = 19;
    public static final int SUBSCRIBER_ABSENT = 20;
    public static final int CALL_REJECTED = 21;
    public static final int NUMBER_CHANGED = 22;
    public static final int DESTINATION_OUT_OF_ORDER = 27;
    public static final int INVALID_NUMBER_FORMAT = 28;
    public static final int NORMAL_UNSPECIFIED = 31;
    public static final int NO_CIRCUIT_AVAILABLE = 34;
    public static final int NETWORK_OUT_OF_ORDER = 38;
    public static final int TEMPORARY_FAILURE = 41;
    public static final int SWITCH_CONGESTION = 42;

    private Q850() {}

    /** The outcome of a call that ended before answer with this cause. */
    public static CallOutcome unanswered(int cause) {
        switch (cause) {
            case UNALLOCATED_NUMBER: case NO_ROUTE_TO_DESTINATION: case NUMBER_CHANGED: case INVALID_NUMBER_FORMAT:
                return CallOutcome.INVALID_NUMBER;
            case USER_BUSY:
                return CallOutcome.BUSY;
            case NO_USER_RESPONSE: case NO_ANSWER: case SUBSCRIBER_ABSENT: case CALL_REJECTED:
                // 21: the callee (or their phone) declined while it rang: treated like no answer for retries.
                return CallOutcome.NO_ANSWER;
            case 0:
                return CallOutcome.UNKNOWN;
            default:
                return CallOutcome.FAILED;
        }
    }

    /** True when an answered call ended because the network failed, not because someone hung up. */
    public static boolean networkFailure(int cause) {
        return cause == DESTINATION_OUT_OF_ORDER || cause == NETWORK_OUT_OF_ORDER || cause == TEMPORARY_FAILURE
                || cause == SWITCH_CONGESTION;
    }
}

package dev.cobra.ivr;

/**
 * The person hung up (or the call was hung up by us). An expected outcome, not an error: flows
 * stop, record their progress and return. No further operation on the {@link Caller} succeeds.
 */
public final class CallerHungUp extends CallerException {
    public CallerHungUp(String message) {
        super(message, null);
    }
}

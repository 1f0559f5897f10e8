package dev.cobra.ivr;

/**
 * The call can no longer be driven. Checked, so every flow decides what an interrupted call
 * means (e.g. record how far the caller got). Subclasses say why.
 */
public abstract sealed class CallerException extends Exception permits CallerHungUp, CallerTimeout, CallerFailure {
    protected CallerException(String message, Throwable cause) {
        super(message, cause);
    }
}

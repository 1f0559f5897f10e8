package dev.cobra.ivr;

/**
 * The link to the PBX failed or the PBX rejected an operation (connection lost, malformed reply,
 * unknown or malformed command, interrupted while waiting). The message carries the state.
 */
public final class CallerFailure extends CallerException {
    public CallerFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.cobra.ivr;

/**
 * The PBX did not answer an operation within its time limit. The binding has closed the link;
 * the call's state on the PBX is unknown (the call state machine settles it from PBX events).
 */
public final class CallerTimeout extends CallerException {
    public CallerTimeout(String message) {
        super(message, null);
    }
}

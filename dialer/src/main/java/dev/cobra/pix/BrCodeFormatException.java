package dev.cobra.pix;

/**
 * A payload that is not a valid Pix BR Code: the message says which rule failed and where
 * (offset, field ID), never the payload's content.
 */
public class BrCodeFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BrCodeFormatException(String message) {
        super(message);
    }

    public BrCodeFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

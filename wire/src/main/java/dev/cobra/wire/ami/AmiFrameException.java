package dev.cobra.wire.ami;

import io.netty.handler.codec.DecoderException;

/**
 * A frame broke a limit of {@link AmiDecoder}. The decoder drops the offending message, fires
 * this through {@code exceptionCaught} and keeps decoding after the next blank line, so the
 * channel stays usable: closing it is the handler's decision.
 */
public final class AmiFrameException extends DecoderException {
    /** Which limit was hit. */
    public enum Kind {
        /** The header block grew past {@code maxMessageBytes} (a long line counts too). */
        MESSAGE_TOO_LONG,
        /** The header block has more than {@code maxHeaders} lines. */
        TOO_MANY_HEADERS
    }

    private final Kind kind;
    private final long messageNumber;
    private final long streamOffset;

    AmiFrameException(Kind kind, long messageNumber, long streamOffset, String detail) {
        super("AMI " + kind + ": message #" + messageNumber + " at stream byte " + streamOffset + ": " + detail
                + "; message discarded, decoding resumes after the next blank line");
        this.kind = kind;
        this.messageNumber = messageNumber;
        this.streamOffset = streamOffset;
    }

    public Kind kind() {
        return kind;
    }

    /** 1-based number of the frame on this connection (the banner counts). */
    public long messageNumber() {
        return messageNumber;
    }

    /** Offset in the inbound byte stream where the offending message started. */
    public long streamOffset() {
        return streamOffset;
    }
}

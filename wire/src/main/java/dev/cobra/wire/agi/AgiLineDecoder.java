package dev.cobra.wire.agi;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits FastAGI input into LF-terminated lines (a CR before the LF is dropped) and hands each to
 * {@link #onLine}. Not sharable: one instance per channel, used on its event loop only.
 *
 * <p>After the first error (line too long, or {@link #onLine} rejecting a line) the decoder stays
 * failed and discards everything that follows: the caller is expected to close the channel.
 */
public abstract class AgiLineDecoder extends ByteToMessageDecoder {
    private static final int EXCERPT_CHARS = 80;

    /** Bounds of this decoder. */
    protected final AgiLimits limits;
    private boolean failed;

    protected AgiLineDecoder(AgiLimits limits) {
        this.limits = limits;
    }

    /** Handles one complete line, without its terminator. Throw a {@link DecoderException} to reject it. */
    protected abstract void onLine(String line, List<Object> out);

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (failed) {
                in.skipBytes(in.readableBytes());
                return;
            }
            int start = in.readerIndex();
            int lf = in.indexOf(start, in.writerIndex(), (byte) '\n');
            int length = (lf < 0 ? in.writerIndex() : lf) - start;
            if (length > limits.maxLineLengthBytes()) {
                failed = true;
                in.skipBytes(in.readableBytes());
                throw new TooLongFrameException("AGI line longer than " + limits.maxLineLengthBytes() + " bytes");
            }
            if (lf < 0) {
                return;
            }
            int textLength = length > 0 && in.getByte(lf - 1) == '\r' ? length - 1 : length;
            String line = in.toString(start, textLength, StandardCharsets.UTF_8);
            in.readerIndex(lf + 1);
            try {
                onLine(line, out);
            } catch (RuntimeException e) {
                failed = true;
                throw e;
            }
        }
    }

    /** True once the decoder rejected input; it will not produce anything again. */
    public boolean failed() {
        return failed;
    }

    /** A short, single-line excerpt of a line for error messages (lines may carry personal data: keep it short). */
    static String excerpt(String line) {
        String s = line.length() > EXCERPT_CHARS ? line.substring(0, EXCERPT_CHARS) + "..." : line;
        return "'" + s.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}

package dev.cobra.wire.ami;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns AMI bytes into {@link AmiBanner} and {@link AmiMessage} frames.
 *
 * <p>State machine: {@code BANNER} (client side only: the first line, when it has no colon, is
 * the server's greeting; it is not followed by a blank line) → {@code HEADERS} (collect
 * {@code Name: value} lines until an empty line ends the message) ⇄ {@code SKIP} (after a broken
 * limit: drop bytes until the next empty line). Lines end with CRLF; a bare LF is accepted.
 * Empty lines between messages are ignored. A line without a colon is ignored, as Asterisk's
 * manager does ({@code ami-bad-syntax.txt}: a Ping carrying such a line still gets Pong);
 * {@link #ignoredLineCount()} counts them.
 *
 * <p>Limits: a message longer than {@code maxMessageBytes} or with more than {@code maxHeaders}
 * lines is dropped and an {@link AmiFrameException} naming the message and stream offset is fired
 * down the pipeline; the channel stays open. Not sharable: one instance per channel, used by the
 * channel's event loop only.
 */
public final class AmiDecoder extends ByteToMessageDecoder {
    /** Default header block limit: a CoreShowChannels entry is under 1 KiB, Command output can be long. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024;
    public static final int DEFAULT_MAX_HEADERS = 4096;

    private enum State { BANNER, HEADERS, SKIP }

    private final int maxMessageBytes;
    private final int maxHeaders;
    private State state;
    private final List<AmiHeader> headers = new ArrayList<>();
    private int messageBytes;
    private long messageNumber = 1;
    private long streamOffset;
    private long messageStartOffset;
    private boolean skipMidLine;
    private long ignoredLineCount;

    /**
     * @param expectBanner    true on the client side (the server greets first)
     * @param maxMessageBytes limit on one header block, line terminators included
     * @param maxHeaders      limit on the number of lines in one header block
     */
    public AmiDecoder(boolean expectBanner, int maxMessageBytes, int maxHeaders) {
        if (maxMessageBytes < 64) {
            throw new IllegalArgumentException("maxMessageBytes: " + maxMessageBytes + " (expected: >= 64)");
        }
        if (maxHeaders < 1) {
            throw new IllegalArgumentException("maxHeaders: " + maxHeaders + " (expected: >= 1)");
        }
        this.maxMessageBytes = maxMessageBytes;
        this.maxHeaders = maxHeaders;
        this.state = expectBanner ? State.BANNER : State.HEADERS;
    }

    /** Client-side decoder with default limits. */
    public static AmiDecoder forClient() {
        return new AmiDecoder(true, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_HEADERS);
    }

    /** Server-side decoder (no banner) with default limits. */
    public static AmiDecoder forServer() {
        return new AmiDecoder(false, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_HEADERS);
    }

    /** Lines without a colon that were ignored so far. */
    public long ignoredLineCount() {
        return ignoredLineCount;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int lf = in.forEachByte(ByteProcessor.FIND_LF);
            if (lf < 0) {
                awaitRestOfLine(ctx, in);
                return;
            }
            int start = in.readerIndex();
            int consumed = lf - start + 1;
            int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
            if (state == State.SKIP) {
                boolean empty = end == start && !skipMidLine;
                skipMidLine = false;
                advance(in, consumed);
                if (empty) {
                    state = State.HEADERS;
                    messageNumber++;
                }
                continue;
            }
            if (headers.isEmpty() && messageBytes == 0) {
                messageStartOffset = streamOffset;
            }
            if (messageBytes + consumed > maxMessageBytes) {
                advance(in, consumed);
                fail(ctx, AmiFrameException.Kind.MESSAGE_TOO_LONG,
                        "header block reached " + (messageBytes + consumed) + " bytes (limit " + maxMessageBytes + ")",
                        false);
                continue;
            }
            String line = in.toString(start, end - start, StandardCharsets.UTF_8);
            advance(in, consumed);
            onLine(ctx, line, consumed, out);
        }
    }

    private void awaitRestOfLine(ChannelHandlerContext ctx, ByteBuf in) {
        int readable = in.readableBytes();
        if (state == State.SKIP) {
            // A lone CR is the first half of a line end, not content of the line.
            skipMidLine |= in.forEachByte(in.readerIndex(), readable, b -> b == '\r') >= 0;
            advance(in, readable);
        } else if (messageBytes + readable > maxMessageBytes) {
            if (headers.isEmpty() && messageBytes == 0) {
                messageStartOffset = streamOffset;
            }
            advance(in, readable);
            fail(ctx, AmiFrameException.Kind.MESSAGE_TOO_LONG, "a line reached " + readable
                    + " bytes without a line end (limit " + maxMessageBytes + " per message)", true);
        }
    }

    private void onLine(ChannelHandlerContext ctx, String line, int lineBytes, List<Object> out) {
        if (line.isEmpty()) {
            if (!headers.isEmpty()) {
                out.add(finishMessage());
            } else {
                messageBytes = 0;
            }
            return;
        }
        int colon = line.indexOf(':');
        if (state == State.BANNER) {
            state = State.HEADERS;
            if (colon < 0) {
                messageBytes = 0;
                messageNumber++;
                out.add(new AmiBanner(line));
                return;
            }
        }
        if (colon <= 0) {
            ignoredLineCount++;
            messageBytes += lineBytes;
            return;
        }
        if (headers.size() >= maxHeaders) {
            fail(ctx, AmiFrameException.Kind.TOO_MANY_HEADERS,
                    "more than " + maxHeaders + " header lines (next: '" + line.substring(0, colon) + "')", false);
            return;
        }
        int v = colon + 1;
        while (v < line.length() && (line.charAt(v) == ' ' || line.charAt(v) == '\t')) {
            v++;
        }
        headers.add(new AmiHeader(line.substring(0, colon), line.substring(v)));
        messageBytes += lineBytes;
    }

    private AmiMessage finishMessage() {
        AmiMessage.Builder b = AmiMessage.builder();
        for (AmiHeader h : headers) {
            b.add(h);
        }
        headers.clear();
        messageBytes = 0;
        messageNumber++;
        return b.build();
    }

    private void fail(ChannelHandlerContext ctx, AmiFrameException.Kind kind, String detail, boolean midLine) {
        AmiFrameException e = new AmiFrameException(kind, messageNumber, messageStartOffset,
                detail + (headers.isEmpty() ? "" : " after header '" + headers.get(headers.size() - 1).name() + "'"));
        headers.clear();
        messageBytes = 0;
        state = State.SKIP;
        skipMidLine = midLine;
        ctx.fireExceptionCaught(e);
    }

    private void advance(ByteBuf in, int bytes) {
        in.skipBytes(bytes);
        streamOffset += bytes;
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decode(ctx, in, out);
        // A peer that closes mid-message leaves a partial block: Asterisk drops it too.
        headers.clear();
        messageBytes = 0;
    }
}

package dev.cobra.wire.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmiDecoderTest {
    private static final String LOGIN_EXCHANGE = "Asterisk Call Manager/11.0.0\r\n"
            + "Response: Success\r\nActionID: login-1\r\nMessage: Authentication accepted\r\n\r\n"
            + "Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 53\r\nStatus: Fully Booted\r\n\r\n";

    /** Collects frames and exceptions so a test can look at both. */
    private static final class Sink extends ChannelInboundHandlerAdapter {
        final List<Object> frames = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            frames.add(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add(cause);
        }
    }

    private static void feedByteAtATime(EmbeddedChannel ch, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
    }

    @Test
    void decodesBannerThenMessagesFedOneByteAtATime() {
        EmbeddedChannel ch = new EmbeddedChannel(AmiDecoder.forClient());
        feedByteAtATime(ch, LOGIN_EXCHANGE);

        AmiBanner banner = assertInstanceOf(AmiBanner.class, ch.readInbound());
        assertEquals("11.0.0", banner.version());
        AmiMessage response = ch.readInbound();
        assertEquals("Success", response.response().orElseThrow());
        assertEquals("login-1", response.actionId().orElseThrow());
        AmiMessage booted = ch.readInbound();
        assertEquals("FullyBooted", booted.event().orElseThrow());
        assertEquals("Fully Booted", booted.value("status"));
        assertNull(ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void toleratesBareLineFeeds() {
        EmbeddedChannel ch = new EmbeddedChannel(AmiDecoder.forClient());
        feedByteAtATime(ch, LOGIN_EXCHANGE.replace("\r\n", "\n"));

        assertInstanceOf(AmiBanner.class, ch.readInbound());
        assertEquals("login-1", ((AmiMessage) ch.readInbound()).actionId().orElseThrow());
        assertEquals("FullyBooted", ((AmiMessage) ch.readInbound()).event().orElseThrow());
        assertFalse(ch.finish());
    }

    @Test
    void keepsRepeatedHeadersInOrderAndEmptyValues() {
        EmbeddedChannel ch = new EmbeddedChannel(AmiDecoder.forServer());
        feedByteAtATime(ch, "Action: Originate\r\nVariable: ACCOUNT_ID=ACC-1\r\nAccountCode: \r\n"
                + "variable: CAMPAIGN_ID=7\r\nData:  a:b \r\n\r\n");

        AmiMessage m = ch.readInbound();
        assertEquals(List.of("ACCOUNT_ID=ACC-1", "CAMPAIGN_ID=7"), m.values("Variable"));
        assertEquals("", m.value("AccountCode"));
        assertEquals("a:b ", m.value("DATA"));
        assertEquals(List.of("Action", "Variable", "AccountCode", "variable", "Data"), m.names());
        assertFalse(ch.finish());
    }

    @Test
    void ignoresLineWithoutColonAsAsteriskDoes() {
        AmiDecoder decoder = AmiDecoder.forServer();
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        feedByteAtATime(ch, "Action: Ping\r\nActionID: bad-7\r\nthis line has no colon\r\n\r\n");

        AmiMessage m = ch.readInbound();
        assertEquals(AmiMessage.of("Action", "Ping", "ActionID", "bad-7"), m);
        assertEquals(1, decoder.ignoredLineCount());
        assertFalse(ch.finish());
    }

    @Test
    void skipsBlankLinesBetweenMessages() {
        EmbeddedChannel ch = new EmbeddedChannel(AmiDecoder.forServer());
        feedByteAtATime(ch, "\r\n\r\nAction: Ping\r\n\r\n\r\nAction: Logoff\r\n\r\n");

        assertEquals("Ping", ((AmiMessage) ch.readInbound()).action().orElseThrow());
        assertEquals("Logoff", ((AmiMessage) ch.readInbound()).action().orElseThrow());
        assertFalse(ch.finish());
    }

    @Test
    void dropsOversizedMessageNamesItAndKeepsDecoding() {
        Sink sink = new Sink();
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(false, 64, 16), sink);
        String huge = "Action: Command\r\nCommand: " + "x".repeat(200) + "\r\n\r\n";
        feedByteAtATime(ch, "Action: Ping\r\n\r\n" + huge + "Action: Ping\r\nActionID: after\r\n\r\n");

        assertEquals(2, sink.frames.size());
        assertEquals("after", ((AmiMessage) sink.frames.get(1)).actionId().orElseThrow());
        assertEquals(1, sink.errors.size());
        AmiFrameException e = assertInstanceOf(AmiFrameException.class, sink.errors.get(0));
        assertEquals(AmiFrameException.Kind.MESSAGE_TOO_LONG, e.kind());
        assertEquals(2, e.messageNumber());
        assertEquals(16, e.streamOffset());
        assertTrue(e.getMessage().contains("message #2"), e.getMessage());
        assertTrue(ch.isActive());
        assertFalse(ch.finish());
    }

    @Test
    void oversizedMessageInOneChunkIsDroppedToo() {
        Sink sink = new Sink();
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(false, 64, 16), sink);
        ch.writeInbound(Unpooled.copiedBuffer("Action: Command\r\nCommand: " + "y".repeat(300)
                + "\r\nActionID: lost\r\n\r\nAction: Ping\r\n\r\n", StandardCharsets.US_ASCII));

        assertEquals(1, sink.frames.size());
        assertEquals("Ping", ((AmiMessage) sink.frames.get(0)).action().orElseThrow());
        assertEquals(1, sink.errors.size());
        assertFalse(ch.finish());
    }

    @Test
    void tooManyHeadersIsTypedAndRecoverable() {
        Sink sink = new Sink();
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(false, 4096, 3), sink);
        feedByteAtATime(ch, "Action: Originate\r\nVariable: A=1\r\nVariable: B=2\r\nVariable: C=3\r\n\r\n"
                + "Action: Ping\r\n\r\n");

        AmiFrameException e = assertInstanceOf(AmiFrameException.class, sink.errors.get(0));
        assertEquals(AmiFrameException.Kind.TOO_MANY_HEADERS, e.kind());
        assertTrue(e.getMessage().contains("'Variable'"), e.getMessage());
        assertEquals(List.of(AmiMessage.of("Action", "Ping")), sink.frames);
        assertFalse(ch.finish());
    }

    @Test
    void partialMessageAtCloseIsDropped() {
        EmbeddedChannel ch = new EmbeddedChannel(AmiDecoder.forServer());
        feedByteAtATime(ch, "Action: Ping\r\nActionID: 1");
        assertNull(ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void encoderOutputDecodesToTheSameFrames() {
        AmiMessage original = AmiMessage.of("Action", "Originate", "Variable", "A=1", "Variable", "B=2",
                "AccountCode", "");
        EmbeddedChannel out = new EmbeddedChannel(new AmiEncoder());
        out.writeOutbound(AmiBanner.ASTERISK_22, original);
        EmbeddedChannel in = new EmbeddedChannel(AmiDecoder.forClient());
        for (ByteBuf b; (b = out.readOutbound()) != null; ) {
            in.writeInbound(b);
        }
        assertEquals(AmiBanner.ASTERISK_22, in.readInbound());
        assertEquals(original, in.readInbound());
        assertEquals("Action: Originate\r\nVariable: A=1\r\nVariable: B=2\r\nAccountCode: \r\n\r\n",
                original.toWireString());
        assertFalse(out.finish());
        assertFalse(in.finish());
    }
}

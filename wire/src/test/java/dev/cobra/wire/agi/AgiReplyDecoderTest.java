package dev.cobra.wire.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AgiReplyDecoderTest {
    private static final String HEADER = "agi_network: yes\nagi_network_script: collect\nagi_uniqueid: astdev-1.2\n"
            + "agi_accountcode: \nagi_arg_1: ACC-1\nagi_arg_2: x y\n\n";

    static List<Object> feedByteByByte(EmbeddedChannel ch, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        List<Object> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add(o);
        }
        return out;
    }

    @Test
    void decodesHeaderBlockThenEveryReplyKindOneByteAtATime() {
        EmbeddedChannel ch = new EmbeddedChannel(new AgiReplyDecoder());
        String replies = "200 result=0\n"
                + "200 result=49 endpos=12000\n"
                + "200 result=1 (5551000-Local/100@customers-00000001;1)\n"
                + "200 result= (timeout)\n"
                + "200 result=-1 endpos=38400\n"
                + "HANGUP\r\n"
                + "510 Invalid or unknown command\n"
                + "511 Command Not Permitted on a dead channel or intercept routine\n"
                + "520-Invalid command syntax.  Proper usage follows:\n"
                + "Send the given file.\n"
                + "    <value>SUCCESS</value>\n"
                + "520 End of proper usage.\n"
                + "520 Invalid command syntax.  Proper usage not available.\n";
        List<Object> out = feedByteByByte(ch, HEADER + replies);

        assertEquals(11, out.size(), out.toString());
        AgiRequest request = assertInstanceOf(AgiRequest.class, out.get(0));
        assertEquals("collect", request.networkScript());
        assertEquals("astdev-1.2", request.uniqueId());
        assertEquals(Optional.of(""), request.get("agi_accountcode"));
        assertEquals(List.of("ACC-1", "x y"), request.arguments());
        assertEquals(AgiReply.Result.of("0"), out.get(1));
        assertEquals(AgiReply.Result.withEndpos("49", 12000), out.get(2));
        assertEquals('1', (char) ((AgiReply.Result) out.get(2)).resultCode(), "digits come back as ASCII codes");
        assertEquals(AgiReply.Result.withData("1", "5551000-Local/100@customers-00000001;1"), out.get(3));
        assertEquals(new AgiReply.Result("", Optional.of("timeout"), OptionalLong.empty()), out.get(4));
        assertTrue(((AgiReply.Result) out.get(5)).failed());
        assertEquals(new AgiHangupNotice(), out.get(6));
        assertEquals(AgiReply.InvalidCommand.ASTERISK, out.get(7));
        assertEquals(AgiReply.DeadChannel.ASTERISK, out.get(8));
        assertEquals(new AgiReply.Usage(List.of("Send the given file.", "    <value>SUCCESS</value>")), out.get(9));
        assertEquals(new AgiReply.Usage(List.of()), out.get(10));
        assertFalse(ch.finish());
    }

    @Test
    void everyMessageReencodesToTheBytesItCameFrom() {
        EmbeddedChannel ch = new EmbeddedChannel(new AgiReplyDecoder());
        String wire = HEADER + "200 result=1 (a (b) c) endpos=5\n520-Invalid command syntax.  Proper usage follows:\nU\n520 End of proper usage.\nHANGUP\n";
        StringBuilder again = new StringBuilder();
        for (Object o : feedByteByByte(ch, wire)) {
            again.append(((AgiMessage) o).toWire());
        }
        assertEquals(wire, again.toString());
        assertFalse(ch.finish());
    }

    @Test
    void holdsAPartialLineUntilItsLineFeedArrives() {
        EmbeddedChannel ch = new EmbeddedChannel(new AgiReplyDecoder());
        feedByteByByte(ch, HEADER);
        assertTrue(feedByteByByte(ch, "200 result=4").isEmpty());
        assertEquals(List.of(AgiReply.Result.of("49")), feedByteByByte(ch, "9\n"));
        assertTrue(feedByteByByte(ch, "520-Invalid command syntax.  Proper usage follows:\nline\n").isEmpty(),
                "a usage block is one message, emitted at its last line");
        assertFalse(ch.finish());
    }

    @Test
    void rejectsALineThatIsNotAReplyAndStaysFailed() {
        AgiReplyDecoder decoder = new AgiReplyDecoder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        feedByteByByte(ch, HEADER);
        DecoderException e = assertThrows(DecoderException.class, () -> feedByteByByte(ch, "garbage reply\n"));
        assertInstanceOf(CorruptedFrameException.class, e);
        assertTrue(decoder.failed());
        assertTrue(feedByteByByte(ch, "200 result=0\n").isEmpty(), "nothing after the error");
        assertFalse(ch.finish());
    }

    @Test
    void rejectsA200WithoutResultOrWithTrailingJunk() {
        assertThrows(CorruptedFrameException.class, () -> AgiReply.Result.parse("200 ok"));
        assertThrows(CorruptedFrameException.class, () -> AgiReply.Result.parse("200 result=1 junk"));
        assertThrows(CorruptedFrameException.class, () -> AgiReply.Result.parse("200 result=1 endpos=x"));
    }

    @Test
    void rejectsAHeaderLineWithoutAgiPrefix() {
        EmbeddedChannel ch = new EmbeddedChannel(new AgiReplyDecoder());
        assertThrows(CorruptedFrameException.class, () -> feedByteByByte(ch, "200 result=0\n"));
        assertFalse(ch.finish());
    }

    @Test
    void enforcesLineHeaderAndUsageLimits() {
        AgiLimits limits = new AgiLimits(64, 2, 1);
        EmbeddedChannel longLine = new EmbeddedChannel(new AgiReplyDecoder(limits));
        assertThrows(TooLongFrameException.class, () -> feedByteByByte(longLine, "agi_x: " + "y".repeat(80)));
        assertFalse(longLine.finish());

        EmbeddedChannel manyHeaders = new EmbeddedChannel(new AgiReplyDecoder(limits));
        assertThrows(TooLongFrameException.class, () -> feedByteByByte(manyHeaders, "agi_a: 1\nagi_b: 2\nagi_c: 3\n"));
        assertFalse(manyHeaders.finish());

        EmbeddedChannel longUsage = new EmbeddedChannel(new AgiReplyDecoder(limits));
        feedByteByByte(longUsage, "agi_a: 1\n\n");
        assertThrows(TooLongFrameException.class,
                () -> feedByteByByte(longUsage, "520-Invalid command syntax.  Proper usage follows:\none\ntwo\n"));
        assertFalse(longUsage.finish());
    }

    @Test
    void emptyHeaderBlockIsCorrupt() {
        EmbeddedChannel ch = new EmbeddedChannel(new AgiReplyDecoder());
        assertThrows(CorruptedFrameException.class, () -> feedByteByByte(ch, "\n"));
        assertNull(ch.readInbound());
        assertFalse(ch.finish());
    }
}

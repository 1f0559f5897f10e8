package dev.cobra.wire.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgiCommandTest {
    @Test
    void quotesWhatAsteriskWouldSplitAndLeavesPlainWordsAlone() {
        assertEquals("STREAM FILE vm-intro \"1234567890*#\"\n", AgiCommand.of("STREAM FILE", "vm-intro", "1234567890*#").toWire());
        assertEquals("SAY NUMBER 42 \"\"\n", AgiCommand.of("SAY NUMBER", "42", "").toWire());
        assertEquals("SET VARIABLE NEXT_STEP done\n", AgiCommand.of("SET VARIABLE", "NEXT_STEP", "done").toWire());
        assertEquals("VERBOSE \"a \\\"b\\\" c\\\\\" 1\n", AgiCommand.of("VERBOSE", "a \"b\" c\\", "1").toWire());
    }

    @Test
    void argumentsSurviveAsterisksParseArgs() {
        List<String> hard = List.of("", " ", "a b", "\"", "\\", "x\\\"y", "${CALLERID(num)}-${CHANNEL}", "tab\there", "é ü");
        AgiCommand c = new AgiCommand("SET VARIABLE", hard);
        String line = c.toWire().substring(0, c.toWire().length() - 1);
        List<String> words = AgiCommand.parseWords(line);
        assertEquals("SET", words.get(0));
        assertEquals("VARIABLE", words.get(1));
        assertEquals(hard, words.subList(2, words.size()));
    }

    @Test
    void parseWordsMatchesAsteriskQuirks() {
        assertEquals(List.of("GET", "DATA", "beep", "6000", "4"), AgiCommand.parseWords("GET DATA beep  6000\t4"));
        assertEquals(List.of("ab c"), AgiCommand.parseWords("a\"b c\""), "a quote inside a word toggles quoting, no new word");
        assertEquals(List.of("SAY", "NUMBER", "42", ""), AgiCommand.parseWords("SAY NUMBER 42 \"\""));
    }

    @Test
    void rejectsLineBreaksAndBadNames() {
        assertThrows(IllegalArgumentException.class, () -> AgiCommand.of("VERBOSE", "a\nb"));
        assertThrows(IllegalArgumentException.class, () -> AgiCommand.of("STREAM  FILE"));
        assertThrows(IllegalArgumentException.class, () -> AgiCommand.of("NOOP\n"));
    }

    @Test
    void commandDecoderSplitsLinesOneByteAtATimeAndEncoderWritesThem() {
        EmbeddedChannel ch = new EmbeddedChannel(new AgiCommandDecoder(), new AgiEncoder());
        List<Object> lines = AgiReplyDecoderTest.feedByteByByte(ch, "ANSWER\nSTREAM FILE x \"\"\r\nNOOP");
        assertEquals(List.of("ANSWER", "STREAM FILE x \"\""), lines);
        ch.writeOutbound(AgiCommand.of("NOOP", "hi"), new AgiHangupNotice());
        List<String> written = new ArrayList<>();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            written.add(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        assertEquals(List.of("NOOP hi\n", "HANGUP\n"), written);
        assertFalse(ch.finish());
    }
}

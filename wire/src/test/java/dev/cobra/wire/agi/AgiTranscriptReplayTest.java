package dev.cobra.wire.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replays the FastAGI sessions captured from Asterisk 22.10.1 through both decoders, byte by byte. */
class AgiTranscriptReplayTest {
    static AgiTranscript load(String name) {
        try (InputStream in = AgiTranscriptReplayTest.class.getResourceAsStream("/traces/asterisk/" + name)) {
            return AgiTranscript.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fastagi-session.txt", "fastagi-caller-hangup.txt"})
    void asteriskSideDecodesToMessagesThatReencodeToTheSameBytes(String file) {
        AgiTranscript t = load(file);
        String wire = t.wireFrom(AgiTranscript.Direction.FROM_ASTERISK);
        EmbeddedChannel ch = new EmbeddedChannel(new AgiReplyDecoder());
        List<Object> messages = AgiReplyDecoderTest.feedByteByByte(ch, wire);

        AgiRequest request = assertInstanceOf(AgiRequest.class, messages.get(0));
        assertEquals(23, request.variables().size());
        assertEquals("collect", request.networkScript());
        assertEquals(1, request.arguments().size());
        long hangupNotices = messages.stream().filter(m -> m instanceof AgiHangupNotice).count();
        assertEquals(1, hangupNotices, "Asterisk sends HANGUP exactly once");
        long replies = messages.stream().filter(m -> m instanceof AgiReply).count();
        assertEquals(t.textFrom(AgiTranscript.Direction.FROM_SERVER).size(), replies, "one reply per command");

        StringBuilder again = new StringBuilder();
        messages.forEach(m -> again.append(((AgiMessage) m).toWire()));
        assertEquals(wire, again.toString());
        assertFalse(ch.finish());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fastagi-session.txt", "fastagi-caller-hangup.txt"})
    void serverSideLinesRoundTripThroughParseWordsAndTheEncoder(String file) {
        AgiTranscript t = load(file);
        EmbeddedChannel ch = new EmbeddedChannel(new AgiCommandDecoder());
        List<Object> lines = AgiReplyDecoderTest.feedByteByByte(ch, t.wireFrom(AgiTranscript.Direction.FROM_SERVER));
        assertEquals(t.textFrom(AgiTranscript.Direction.FROM_SERVER), lines);
        for (Object o : lines) {
            List<String> words = AgiCommand.parseWords((String) o);
            AgiCommand c = new AgiCommand(words.get(0), words.subList(1, words.size()));
            assertEquals(o + "\n", c.toWire(), "our quoting reproduces what the capture server sent");
        }
        assertFalse(ch.finish());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fastagi-caller-hangup.txt"})
    void callerHangupTraceShowsMinusOneThenHangupThen511(String file) {
        List<String> fromAsterisk = load(file).textFrom(AgiTranscript.Direction.FROM_ASTERISK);
        int i = fromAsterisk.indexOf("200 result=-1 endpos=38400");
        assertTrue(i > 0);
        assertEquals("HANGUP", fromAsterisk.get(i + 1));
        assertTrue(fromAsterisk.get(i + 2).startsWith("511 "));
    }
}

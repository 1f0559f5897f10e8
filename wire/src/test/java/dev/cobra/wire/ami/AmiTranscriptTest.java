package dev.cobra.wire.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AmiTranscriptTest {
    static Path traceDir() {
        Path dir = Path.of(System.getProperty("cobra.traces.dir", "../../shared/pbx-traces/asterisk"));
        assertTrue(Files.isDirectory(dir), "trace dir missing: " + dir.toAbsolutePath());
        return dir;
    }

    @Test
    void decodesEverySharedAmiTrace() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(traceDir())) {
            files = s.filter(p -> p.getFileName().toString().matches("ami-.*\\.txt")).sorted().toList();
        }
        assertTrue(files.size() >= 30, "found " + files.size() + " traces");
        int frames = 0;
        for (Path f : files) {
            String text = Files.readString(f);
            AmiTranscript t = AmiTranscript.read(f);
            long blocks = text.lines().filter(l -> l.startsWith("#@") && !l.contains(" EOF")).count();
            assertEquals(blocks, t.entries().size(), f + ": one frame per block");
            assertInstanceOf(AmiBanner.class, t.entries().get(0).frame(), f.toString());
            assertTrue(t.closedAt().isPresent(), f + ": EOF block");
            frames += t.entries().size();
        }
        assertTrue(frames > 3000, "frames: " + frames);
    }

    @Test
    void readsTimesDirectionsNotesAndRepeatedHeaders() throws IOException {
        AmiTranscript t = AmiTranscript.read(traceDir().resolve("ami-originate-busy.txt"));
        AmiTranscript.Entry banner = t.entries().get(0);
        assertEquals(Duration.ofMillis(1), banner.at());
        assertEquals(AmiTranscript.Direction.RECV, banner.direction());
        assertEquals("banner line, CRLF-terminated, no blank line", banner.note());

        AmiMessage originate = t.messages(AmiTranscript.Direction.SENT).get(1);
        assertEquals(List.of("ACCOUNT_ID=ACC-1001", "CAMPAIGN_ID=7"), originate.values("Variable"));
        assertEquals("5", t.events().stream().filter(e -> e.value("Event").equals("OriginateResponse"))
                .findFirst().orElseThrow().value("Reason"));
        assertEquals(Duration.ofMillis(4013), t.closedAt().orElseThrow());
        assertTrue(t.comments().get(1).startsWith("Scenario"));
    }
}

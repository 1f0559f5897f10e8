package dev.cobra.pbx.asterisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingRetentionTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void selectsOnlyFilesOlderThanTheRetention() {
        RecordingRetention.RecordingFile old = new RecordingRetention.RecordingFile(Path.of("a.wav"),
                NOW.minus(Duration.ofDays(90)).minusSeconds(1));
        RecordingRetention.RecordingFile edge = new RecordingRetention.RecordingFile(Path.of("b.wav"), NOW.minus(Duration.ofDays(90)));
        RecordingRetention.RecordingFile fresh = new RecordingRetention.RecordingFile(Path.of("c.wav"), NOW.minusSeconds(5));
        assertEquals(List.of(old), RecordingRetention.expired(List.of(old, edge, fresh), NOW, 90));
    }

    @Test
    void deletesExpiredRecordingsAndNothingElse(@TempDir Path dir) throws IOException {
        Path day = Files.createDirectories(dir.resolve("2026-08-01"));
        Path expired = write(day.resolve("c-1.wav"), NOW.minus(Duration.ofDays(100)));
        Path kept = write(dir.resolve("c-2.wav"), NOW.minus(Duration.ofDays(10)));
        Path notARecording = write(day.resolve("notes.txt"), NOW.minus(Duration.ofDays(400)));
        RecordingSettings s = new RecordingSettings("/var/spool/asterisk/monitor/cobra", "{date}/{callId}", "wav", 90);
        assertEquals(1, new RecordingRetention(s, dir, Clock.fixed(NOW, ZoneOffset.UTC), 1000).deleteExpired());
        assertFalse(Files.exists(expired));
        assertTrue(Files.exists(kept));
        assertTrue(Files.exists(notARecording));
    }

    private static Path write(Path p, Instant modified) throws IOException {
        Files.writeString(p, "x");
        Files.setLastModifiedTime(p, FileTime.from(modified));
        return p;
    }
}

package dev.cobra.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cobra.accounts.ImportProgress.Phase;
import dev.cobra.testing.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The import's terminal line, driven by a clock the test steps: what is shown, and how often. */
class ProgressLineTest {
    @Test
    void showsRateShareAndTimeLeftAtMostOncePerSecondAndEachPhasesEnd() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-24T12:00:00Z"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock, Duration.ofSeconds(1));
        // Reading 10,000 rows at 4,000 rows/s, reported every 1,000 rows (every 250 ms).
        line.advanced(Phase.READ, 0, 10_000);
        for (int rows = 1000; rows <= 10_000; rows += 1000) {
            clock.advance(Duration.ofMillis(250));
            line.advanced(Phase.READ, rows, 10_000);
        }
        // Writing 3,000 records, 500 per batch, a batch every 400 ms.
        line.advanced(Phase.WRITE, 0, 3000);
        for (int done = 500; done <= 3000; done += 500) {
            clock.advance(Duration.ofMillis(400));
            line.advanced(Phase.WRITE, done, 3000);
        }
        assertEquals(List.of(
                "reading  4,000/10,000 rows  4,000 rows/s  40%  about 1.5 s left",
                "reading  8,000/10,000 rows  4,000 rows/s  80%  about 0.5 s left",
                "reading  10,000/10,000 rows  4,000 rows/s  done in 2.5 s",
                "writing  1,500/3,000 records  1,250 records/s  50%  about 1.2 s left",
                "writing  3,000/3,000 records  1,250 records/s  done in 2.4 s"),
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void estimatesMinutesForLongPhasesAndNothingBeforeTimeHasPassed() {
        assertEquals("writing  1,000/100,000 records  100 records/s  1%  about 16 min 30 s left",
                ProgressLine.line(Phase.WRITE, 1000, 100_000, Duration.ofSeconds(10)));
        assertEquals("reading  0/100 rows", ProgressLine.line(Phase.READ, 0, 100, Duration.ZERO));
    }
}

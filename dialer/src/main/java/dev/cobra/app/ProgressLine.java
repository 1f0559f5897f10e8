package dev.cobra.app;

import dev.cobra.accounts.ImportProgress;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The terminal's view of a long import: at most one line per {@code every} per phase, plus the phase's last line,
 * e.g. {@code reading  48,000/100,000 rows  52,311 rows/s  48%  about 1 s left}. The rate is the phase's average so
 * far (from the injected clock, counted from the phase's {@code done == 0} report), and the time left is what remains
 * at that rate. Goes to the terminal, not the log;
 * prints only counts. Not thread-safe: one import at a time.
 */
final class ProgressLine implements ImportProgress {
    private final PrintStream out;
    private final Clock clock;
    private final Duration every;
    private Phase phase;
    private Instant phaseStart;
    private Instant lastShown;

    ProgressLine(PrintStream out, Clock clock, Duration every) {
        this.out = out;
        this.clock = clock;
        this.every = every;
    }

    @Override
    public void advanced(Phase p, long done, long total) {
        Instant now = clock.instant();
        if (p != phase) {
            phase = p;
            phaseStart = now;
            lastShown = now;
        }
        boolean last = done >= total;
        if (!last && Duration.between(lastShown, now).compareTo(every) < 0) {
            return;
        }
        lastShown = now;
        out.println(line(p, done, total, Duration.between(phaseStart, now)));
    }

    /** One progress line; without elapsed time yet, no rate and no estimate. */
    static String line(Phase p, long done, long total, Duration elapsed) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-8s %,d/%,d %s", p.verb(), done, total, p.unit()));
        double seconds = elapsed.toNanos() / 1e9;
        if (seconds > 0 && done > 0) {
            double rate = done / seconds;
            b.append(String.format(Locale.ROOT, "  %,.0f %s/s", rate, p.unit()));
            if (done < total) {
                b.append(String.format(Locale.ROOT, "  %d%%  about %s left", 100 * done / total, human((total - done) / rate)));
            } else {
                b.append(String.format(Locale.ROOT, "  done in %s", human(seconds)));
            }
        }
        return b.toString();
    }

    private static String human(double seconds) {
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(Math.ceil(seconds));
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }
}

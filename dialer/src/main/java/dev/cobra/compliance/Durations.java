package dev.cobra.compliance;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The short duration syntax of preset files: "6s", "15m", "2h", "7d" or ISO-8601 "PT72H". */
final class Durations {
    private Durations() {}

    static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            switch (t.charAt(t.length() - 1)) {
                case 's': return Duration.ofSeconds(n);
                case 'm': return Duration.ofMinutes(n);
                case 'h': return Duration.ofHours(n);
                case 'd': return Duration.ofDays(n);
                default: break;
            }
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("duration: " + text + " (expected: e.g. 15m, 2h, 7d or PT72H)", e);
        }
        throw new IllegalArgumentException("duration: " + text + " (expected: e.g. 15m, 2h, 7d or PT72H)");
    }

    static String format(Duration d) {
        long s = d.getSeconds();
        if (s % 86_400 == 0 && s > 0) return s / 86_400 + "d";
        if (s % 3_600 == 0 && s > 0) return s / 3_600 + "h";
        if (s % 60 == 0 && s > 0) return s / 60 + "m";
        return s + "s";
    }
}

package dev.cobra.compliance;

import java.util.Locale;

/**
 * A half-open range of local clock time [start, end) within one day, in seconds since local
 * midnight; end may be 86400 (midnight at the end of the day).
 */
public record DailyRange(int startSecondOfDay, int endSecondOfDay) {
    static final int SECONDS_PER_DAY = 86_400;

    public DailyRange {
        if (startSecondOfDay < 0 || endSecondOfDay > SECONDS_PER_DAY || startSecondOfDay >= endSecondOfDay) {
            throw new IllegalArgumentException("range: " + startSecondOfDay + ".." + endSecondOfDay
                    + " (expected: 0 <= start < end <= 86400)");
        }
    }

    /** Parses "08:00-20:00" (end "24:00" allowed). */
    public static DailyRange parse(String text) {
        String[] parts = text.trim().split("\\s*[-–]\\s*");
        if (parts.length != 2) {
            throw new IllegalArgumentException("range: " + text + " (expected: HH:MM-HH:MM)");
        }
        return new DailyRange(parseClock(parts[0], text), parseClock(parts[1], text));
    }

    private static int parseClock(String clock, String text) {
        String[] hm = clock.split(":");
        try {
            int h = Integer.parseInt(hm[0]);
            int m = hm.length > 1 ? Integer.parseInt(hm[1]) : 0;
            if (hm.length > 2 || h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0)) {
                throw new IllegalArgumentException("range: " + text + " (expected: HH:MM-HH:MM)");
            }
            return h * 3600 + m * 60;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("range: " + text + " (expected: HH:MM-HH:MM)", e);
        }
    }

    boolean contains(int secondOfDay) {
        return secondOfDay >= startSecondOfDay && secondOfDay < endSecondOfDay;
    }

    /** True when every second of {@code other} is inside this range. */
    public boolean covers(DailyRange other) {
        return startSecondOfDay <= other.startSecondOfDay && other.endSecondOfDay <= endSecondOfDay;
    }

    /** "08–20", or "08:30–20:00" when minutes matter. */
    @Override
    public String toString() {
        boolean whole = startSecondOfDay % 3600 == 0 && endSecondOfDay % 3600 == 0;
        return clock(startSecondOfDay, whole) + "–" + clock(endSecondOfDay, whole);
    }

    private static String clock(int second, boolean hoursOnly) {
        return hoursOnly
                ? String.format(Locale.ROOT, "%02d", second / 3600)
                : String.format(Locale.ROOT, "%02d:%02d", second / 3600, second / 60 % 60);
    }
}

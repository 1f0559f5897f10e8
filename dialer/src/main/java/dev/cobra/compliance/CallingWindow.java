package dev.cobra.compliance;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The weekly calling window in the debtor's local clock time: for each weekday, sorted,
 * non-overlapping ranges when calls are allowed. A day with no ranges has no calls. Holidays
 * are not part of the window (see {@link HolidayCalendar}). Immutable.
 */
public final class CallingWindow {
    private static final String[] SHORT_NAMES = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private final DailyRange[][] byDay = new DailyRange[7][];

    private CallingWindow(Map<DayOfWeek, List<DailyRange>> ranges) {
        for (DayOfWeek day : DayOfWeek.values()) {
            List<DailyRange> list = new ArrayList<>(ranges.getOrDefault(day, List.of()));
            list.sort(Comparator.comparingInt(DailyRange::startSecondOfDay));
            for (int i = 1; i < list.size(); i++) {
                if (list.get(i).startSecondOfDay() < list.get(i - 1).endSecondOfDay()) {
                    throw new IllegalArgumentException("window " + day + ": " + list + " (expected: ranges that do not overlap)");
                }
            }
            byDay[day.ordinal()] = list.toArray(new DailyRange[0]);
        }
    }

    /** A window from ranges per weekday; missing days have no calls. */
    public static CallingWindow of(Map<DayOfWeek, List<DailyRange>> ranges) {
        return new CallingWindow(ranges);
    }

    /** The ranges of one weekday, sorted. */
    public List<DailyRange> ranges(DayOfWeek day) {
        return List.of(byDay[day.ordinal()]);
    }

    DailyRange[] rangesOf(int mondayZeroDay) {
        return byDay[mondayZeroDay];
    }

    /** True when every allowed second of {@code other} is allowed here (other is no looser). */
    public boolean covers(CallingWindow other) {
        for (int d = 0; d < 7; d++) {
            for (DailyRange theirs : other.byDay[d]) {
                boolean inside = false;
                for (DailyRange ours : byDay[d]) {
                    inside |= ours.covers(theirs);
                }
                if (!inside) {
                    return false;
                }
            }
        }
        return true;
    }

    /** "Sat 08–14" or "no calls on Sun". */
    public String describe(DayOfWeek day) {
        String name = SHORT_NAMES[day.ordinal()];
        DailyRange[] ranges = byDay[day.ordinal()];
        if (ranges.length == 0) {
            return "no calls on " + name;
        }
        return name + " " + join(ranges);
    }

    /** "Mon–Fri 08–20, Sat 08–14": consecutive days with the same ranges are grouped. */
    @Override
    public String toString() {
        var parts = new ArrayList<String>();
        int d = 0;
        while (d < 7) {
            int e = d;
            while (e + 1 < 7 && Arrays.equals(byDay[e + 1], byDay[d])) {
                e++;
            }
            if (byDay[d].length > 0) {
                String from = SHORT_NAMES[d];
                String to = SHORT_NAMES[e];
                parts.add((d == e ? from : from + "–" + to) + " " + join(byDay[d]));
            }
            d = e + 1;
        }
        return parts.isEmpty() ? "no calls" : String.join(", ", parts);
    }

    private static String join(DailyRange[] ranges) {
        var text = new StringBuilder();
        for (DailyRange r : ranges) {
            text.append(text.length() == 0 ? "" : ", ").append(r);
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallingWindow && Arrays.deepEquals(byDay, ((CallingWindow) o).byDay);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(byDay);
    }

    /** Copy of the ranges per weekday. */
    public Map<DayOfWeek, List<DailyRange>> asMap() {
        var map = new EnumMap<DayOfWeek, List<DailyRange>>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            map.put(day, ranges(day));
        }
        return map;
    }
}

package dev.cobra.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Calling-window arithmetic on instants: is an instant inside the window (and not a holiday)
 * in a zone, and when does it next open or close. A local day is the calendar date of the
 * local clock; ranges are local clock time, so on a DST switch day the window follows the wall
 * clock (08:00 is 08:00 whatever the offset). Stateless; allocation-light because it runs on
 * every dial.
 */
final class WindowSearch {
    /** Open at the instant. */
    static final int OPEN = 0;
    /** Closed: the local time is outside every range of that weekday. */
    static final int OUTSIDE = 1;
    /** Closed: the local date is a holiday. */
    static final int HOLIDAY = 2;

    private final CallingWindow window;
    private final HolidayCalendar holidays;

    WindowSearch(CallingWindow window, HolidayCalendar holidays) {
        this.window = window;
        this.holidays = holidays;
    }

    private static long localSecond(ZoneRules rules, Instant t) {
        return t.getEpochSecond() + rules.getOffset(t).getTotalSeconds();
    }

    private static int mondayZero(long epochDay) {
        return Math.floorMod(epochDay + 3, 7);
    }

    /** {@link #OPEN}, {@link #OUTSIDE} or {@link #HOLIDAY} for one candidate at an instant. */
    int state(ZoneCandidate c, Instant t) {
        long local = localSecond(c.zone().getRules(), t);
        long day = Math.floorDiv(local, DailyRange.SECONDS_PER_DAY);
        int second = Math.floorMod(local, DailyRange.SECONDS_PER_DAY);
        boolean inRange = false;
        for (DailyRange r : window.rangesOf(mondayZero(day))) {
            inRange |= r.contains(second);
        }
        if (!inRange) {
            return OUTSIDE;
        }
        return holidays.holiday(LocalDate.ofEpochDay(day), c.region()) != null ? HOLIDAY : OPEN;
    }

    /** True when open at {@code t} for every candidate. */
    boolean openForAll(List<ZoneCandidate> candidates, Instant t) {
        for (int i = 0; i < candidates.size(); i++) {
            if (state(candidates.get(i), t) != OPEN) {
                return false;
            }
        }
        return true;
    }

    /** The first instant at or after {@code from} and before {@code limit} open for one candidate, or null. */
    Instant nextOpen(ZoneCandidate c, Instant from, Instant limit) {
        ZoneRules rules = c.zone().getRules();
        Instant t = from;
        while (t.isBefore(limit)) {
            if (state(c, t) == OPEN) {
                return t;
            }
            long local = localSecond(rules, t);
            long day = Math.floorDiv(local, DailyRange.SECONDS_PER_DAY);
            int second = Math.floorMod(local, DailyRange.SECONDS_PER_DAY);
            long lastDay = Math.floorDiv(localSecond(rules, limit), DailyRange.SECONDS_PER_DAY) + 1;
            Instant next = null;
            days:
            for (long d = day; d <= lastDay; d++) {
                DailyRange[] ranges = window.rangesOf(mondayZero(d));
                if (ranges.length == 0) {
                    continue;
                }
                if (holidays.holiday(LocalDate.ofEpochDay(d), c.region()) != null) {
                    continue;
                }
                for (DailyRange r : ranges) {
                    if (d == day && r.startSecondOfDay() <= second) {
                        continue;
                    }
                    next = firstAfter(rules, d * DailyRange.SECONDS_PER_DAY + r.startSecondOfDay(), t);
                    break days;
                }
            }
            // The wall clock may jump into a range (or back into one) at a transition.
            ZoneOffsetTransition transition = rules.nextTransition(t);
            if (transition != null && (next == null || transition.getInstant().isBefore(next))) {
                next = transition.getInstant();
            }
            if (next == null || !next.isAfter(t)) {
                return null;
            }
            t = next;
        }
        return null;
    }

    /** The first instant at or after {@code from} and before {@code limit} open for every candidate, or null. */
    Instant nextOpenForAll(List<ZoneCandidate> candidates, Instant from, Instant limit) {
        Instant t = from;
        boolean moved = true;
        while (moved) {
            moved = false;
            for (int i = 0; i < candidates.size(); i++) {
                ZoneCandidate c = candidates.get(i);
                if (state(c, t) != OPEN) {
                    t = nextOpen(c, t, limit);
                    if (t == null) {
                        return null;
                    }
                    moved = true;
                }
            }
        }
        return t;
    }

    /**
     * When the range open at {@code t} closes, the latest over the candidates; {@code t} when
     * closed for all of them. Used by the "next-window" retry rule.
     */
    Instant rangeEnd(List<ZoneCandidate> candidates, Instant t) {
        Instant end = t;
        for (ZoneCandidate c : candidates) {
            ZoneRules rules = c.zone().getRules();
            long local = localSecond(rules, t);
            long day = Math.floorDiv(local, DailyRange.SECONDS_PER_DAY);
            int second = Math.floorMod(local, DailyRange.SECONDS_PER_DAY);
            for (DailyRange r : window.rangesOf(mondayZero(day))) {
                if (r.contains(second)) {
                    Instant close = firstAfter(rules, day * DailyRange.SECONDS_PER_DAY + r.endSecondOfDay(), t);
                    if (close.isAfter(end)) {
                        end = close;
                    }
                }
            }
        }
        return end;
    }

    /**
     * The earliest instant after {@code after} whose wall clock reads {@code localSecond}
     * (seconds since the local epoch): in a gap (spring forward) the instant the clock jumps past
     * it, in an overlap the first pass that is still after {@code after}. Fast path when no
     * offset change is within two days.
     */
    static Instant firstAfter(ZoneRules rules, long localSecond, Instant after) {
        Instant near = Instant.ofEpochSecond(localSecond - 2 * DailyRange.SECONDS_PER_DAY);
        ZoneOffsetTransition transition = rules.nextTransition(near);
        if (transition == null || transition.getInstant().getEpochSecond() > localSecond + 2 * DailyRange.SECONDS_PER_DAY) {
            return Instant.ofEpochSecond(localSecond - rules.getOffset(near).getTotalSeconds());
        }
        LocalDateTime local = LocalDateTime.ofEpochSecond(localSecond, 0, ZoneOffset.UTC);
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        Instant best = null;
        for (ZoneOffset offset : offsets) {
            Instant i = local.toInstant(offset);
            if (i.isAfter(after) && (best == null || i.isBefore(best))) {
                best = i;
            }
        }
        return best != null ? best : local.toInstant(offsets.get(offsets.size() - 1));
    }
}

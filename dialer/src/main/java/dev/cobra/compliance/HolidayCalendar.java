package dev.cobra.compliance;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Days without calls, by local calendar date: Brazil's national holidays computed for any year
 * (when {@code brazilNational}), plus configured recurring dates, one-off dates and recurring
 * dates per region (state). City holidays are configured as one-off or recurring dates on the
 * campaign that serves that city. Immutable; lookups allocate nothing.
 *
 * @param brazilNational include Brazil's national holidays
 * @param annual recurring dates for everyone under this policy (e.g. a city's anniversary)
 * @param dates one-off dates for everyone under this policy
 * @param regional recurring dates per region code (UF), e.g. "SP" -> 07-09
 */
public record HolidayCalendar(boolean brazilNational, Set<MonthDay> annual, Set<LocalDate> dates,
                              Map<String, Set<MonthDay>> regional) {
    /** No holidays at all (US and UK rules do not forbid calls on public holidays). */
    public static final HolidayCalendar NONE = new HolidayCalendar(false, Set.of(), Set.of(), Map.of());

    public HolidayCalendar {
        annual = Set.copyOf(annual);
        dates = Set.copyOf(dates);
        var copy = new HashMap<String, Set<MonthDay>>();
        regional.forEach((k, v) -> copy.put(Objects.requireNonNull(k), Set.copyOf(v)));
        regional = Map.copyOf(copy);
    }

    /** This calendar plus another's dates (used to tighten a preset: more holidays, fewer calls). */
    public HolidayCalendar plus(HolidayCalendar more) {
        var a = new HashSet<>(annual);
        a.addAll(more.annual);
        var d = new HashSet<>(dates);
        d.addAll(more.dates);
        var r = new HashMap<String, Set<MonthDay>>();
        regional.forEach((k, v) -> r.put(k, new HashSet<>(v)));
        more.regional.forEach((k, v) -> r.computeIfAbsent(k, x -> new HashSet<>()).addAll(v));
        return new HolidayCalendar(brazilNational || more.brazilNational, a, d, Map.copyOf(r));
    }

    /** True when {@code other} has every holiday this one has (other is no looser). */
    public boolean coveredBy(HolidayCalendar other) {
        if (brazilNational && !other.brazilNational) {
            return false;
        }
        if (!other.annual.containsAll(annual) || !other.dates.containsAll(dates)) {
            return false;
        }
        for (var e : regional.entrySet()) {
            if (!other.regional.getOrDefault(e.getKey(), Set.of()).containsAll(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The holiday's name when {@code date} is a holiday for a debtor in {@code region} (UF, may
     * be null), else null.
     */
    public String holiday(LocalDate date, String region) {
        if (brazilNational) {
            String national = brazilNationalHoliday(date);
            if (national != null) {
                return national;
            }
        }
        if (!annual.isEmpty() && annual.contains(MonthDay.from(date))) {
            return "configured holiday";
        }
        if (!dates.isEmpty() && dates.contains(date)) {
            return "configured holiday";
        }
        if (region != null) {
            Set<MonthDay> state = regional.get(region);
            if (state != null && state.contains(MonthDay.from(date))) {
                return "state holiday (" + region + ")";
            }
        }
        return null;
    }

    /**
     * Brazil's national holidays: fixed dates of Lei 662/1949 as amended by Lei 6.802/1980
     * (Oct 12) and Lei 10.607/2002 (the current list), and Lei 14.759/2023 (Nov 20, from 2024);
     * Good Friday (Lei 9.093/1995, religious holiday); Carnival Monday and Tuesday and Corpus
     * Christi, "pontos facultativos" kept here because offices and most people stop.
     */
    public static String brazilNationalHoliday(LocalDate date) {
        int m = date.getMonthValue();
        int d = date.getDayOfMonth();
        if (m == 1 && d == 1) return "Confraternização Universal";
        if (m == 4 && d == 21) return "Tiradentes";
        if (m == 5 && d == 1) return "Dia do Trabalho";
        if (m == 9 && d == 7) return "Independência";
        if (m == 10 && d == 12) return "Nossa Senhora Aparecida";
        if (m == 11 && d == 2) return "Finados";
        if (m == 11 && d == 15) return "Proclamação da República";
        if (m == 11 && d == 20 && date.getYear() >= 2024) return "Consciência Negra";
        if (m == 12 && d == 25) return "Natal";
        if (m < 2 || m > 6) {
            return null;
        }
        long fromEaster = date.toEpochDay() - easterEpochDay(date.getYear());
        if (fromEaster == -48) return "Carnaval (segunda)";
        if (fromEaster == -47) return "Carnaval (terça)";
        if (fromEaster == -2) return "Sexta-feira Santa";
        if (fromEaster == 60) return "Corpus Christi";
        return null;
    }

    private static final int EASTER_CACHE_FROM = 1900;
    private static final long[] EASTER_EPOCH_DAYS = new long[400];

    static {
        for (int i = 0; i < EASTER_EPOCH_DAYS.length; i++) {
            EASTER_EPOCH_DAYS[i] = easterSunday(EASTER_CACHE_FROM + i).toEpochDay();
        }
    }

    /** Easter Sunday as an epoch day; cached for 1900–2299 because it is checked on every dial. */
    private static long easterEpochDay(int year) {
        int i = year - EASTER_CACHE_FROM;
        return i >= 0 && i < EASTER_EPOCH_DAYS.length ? EASTER_EPOCH_DAYS[i] : easterSunday(year).toEpochDay();
    }

    /** Easter Sunday of a Gregorian year: the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}

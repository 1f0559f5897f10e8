package dev.cobra.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Easter and Brazil's movable and fixed national holidays, checked against published dates. */
class HolidaysTest {

    @ParameterizedTest
    @CsvSource({
            "1818, 1818-03-22", "1886, 1886-04-25", "1943, 1943-04-25", "2000, 2000-04-23", "2008, 2008-03-23",
            "2019, 2019-04-21", "2024, 2024-03-31", "2025, 2025-04-20", "2026, 2026-04-05", "2027, 2027-03-28",
            "2028, 2028-04-16", "2030, 2030-04-21", "2038, 2038-04-25", "2285, 2285-03-22",
    })
    void easterSunday(int year, LocalDate easter) {
        assertEquals(easter, HolidayCalendar.easterSunday(year));
    }

    @ParameterizedTest
    @CsvSource({
            // year, carnival Monday, carnival Tuesday, Good Friday, Corpus Christi (published calendars)
            "2024, 2024-02-12, 2024-02-13, 2024-03-29, 2024-05-30",
            "2025, 2025-03-03, 2025-03-04, 2025-04-18, 2025-06-19",
            "2026, 2026-02-16, 2026-02-17, 2026-04-03, 2026-06-04",
            "2027, 2027-02-08, 2027-02-09, 2027-03-26, 2027-05-27",
    })
    void movableHolidays(int year, LocalDate carnivalMonday, LocalDate carnivalTuesday, LocalDate goodFriday,
                         LocalDate corpusChristi) {
        assertEquals("Carnaval (segunda)", HolidayCalendar.brazilNationalHoliday(carnivalMonday));
        assertEquals("Carnaval (terça)", HolidayCalendar.brazilNationalHoliday(carnivalTuesday));
        assertEquals("Sexta-feira Santa", HolidayCalendar.brazilNationalHoliday(goodFriday));
        assertEquals("Corpus Christi", HolidayCalendar.brazilNationalHoliday(corpusChristi));
        assertNull(HolidayCalendar.brazilNationalHoliday(carnivalMonday.minusDays(1).minusDays(1)));
        assertNull(HolidayCalendar.brazilNationalHoliday(HolidayCalendar.easterSunday(year).minusDays(3)));
        assertEquals(year, carnivalMonday.getYear());
    }

    @Test
    void fixedHolidaysAndNovember20FromItsLaw() {
        for (String md : new String[] {"01-01", "04-21", "05-01", "09-07", "10-12", "11-02", "11-15", "12-25"}) {
            for (int year = 2020; year <= 2030; year++) {
                assertNotNull(HolidayCalendar.brazilNationalHoliday(MonthDay.parse("--" + md).atYear(year)), md + " " + year);
            }
        }
        assertNull(HolidayCalendar.brazilNationalHoliday(LocalDate.of(2023, 11, 20)), "national only from 2024");
        assertEquals("Consciência Negra", HolidayCalendar.brazilNationalHoliday(LocalDate.of(2024, 11, 20)));
        assertNull(HolidayCalendar.brazilNationalHoliday(LocalDate.of(2026, 11, 24)));
    }

    @Test
    void configuredAndRegionalHolidays() {
        var cal = new HolidayCalendar(false, Set.of(MonthDay.of(1, 25)), Set.of(LocalDate.of(2026, 12, 24)),
                Map.of("SP", Set.of(MonthDay.of(7, 9))));
        assertNotNull(cal.holiday(LocalDate.of(2027, 1, 25), null));
        assertNotNull(cal.holiday(LocalDate.of(2026, 12, 24), "RJ"));
        assertNull(cal.holiday(LocalDate.of(2027, 12, 24), "RJ"));
        assertNotNull(cal.holiday(LocalDate.of(2026, 7, 9), "SP"));
        assertNull(cal.holiday(LocalDate.of(2026, 7, 9), "RJ"));
        assertNull(cal.holiday(LocalDate.of(2026, 12, 25), null), "national holidays off");
    }
}

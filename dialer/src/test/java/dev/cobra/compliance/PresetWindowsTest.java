package dev.cobra.compliance;

import static dev.cobra.compliance.Debtors.at;
import static dev.cobra.compliance.Debtors.debtor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table tests: for each shipped preset, local times that are and are not callable. */
class PresetWindowsTest {
    private static Decision decide(String preset, String e164, String region, Instant now) {
        var engine = new ComplianceEngine(PresetLoader.builtIn(preset), DoNotCallList.NONE);
        // A debt 10 days overdue: past the first-call delay, far from the hand-off.
        LocalDate due = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).minusDays(10);
        return engine.decide(debtor().region(region).account(due).phone(e164).build(), now);
    }

    @ParameterizedTest(name = "{0} {1} {3} {4} -> {5}")
    @CsvSource({
            // preset, phone, region, local time, zone, expected reason, expected next (local, same zone) or '-'
            "BR,    +5511987654321, SP, 2026-11-24T07:59:59, America/Sao_Paulo, OUTSIDE_WINDOW, 2026-11-24T08:00",
            "BR,    +5511987654321, SP, 2026-11-24T08:00,    America/Sao_Paulo, NONE,           2026-11-24T08:00",
            "BR,    +5511987654321, SP, 2026-11-24T19:59:59, America/Sao_Paulo, NONE,           2026-11-24T19:59:59",
            "BR,    +5511987654321, SP, 2026-11-24T20:00,    America/Sao_Paulo, OUTSIDE_WINDOW, 2026-11-25T08:00",
            "BR,    +5511987654321, SP, 2026-11-28T13:59,    America/Sao_Paulo, NONE,           2026-11-28T13:59",
            "BR,    +5511987654321, SP, 2026-11-28T14:00,    America/Sao_Paulo, OUTSIDE_WINDOW, 2026-11-30T08:00",
            "BR,    +5511987654321, SP, 2026-11-29T10:00,    America/Sao_Paulo, OUTSIDE_WINDOW, 2026-11-30T08:00",
            // national holidays: Christmas (Friday) pushes to Saturday; Nov 20 (Friday) to Saturday
            "BR,    +5511987654321, SP, 2026-12-25T10:00,    America/Sao_Paulo, HOLIDAY,        2026-12-26T08:00",
            "BR,    +5511987654321, SP, 2026-11-20T10:00,    America/Sao_Paulo, HOLIDAY,        2026-11-21T08:00",
            // SP state holiday Jul 9 2027 (Friday); not a holiday for an RJ debtor
            "BR,    +5511987654321, SP, 2027-07-09T10:00,    America/Sao_Paulo, HOLIDAY,        2027-07-10T08:00",
            "BR,    +5521987654321, RJ, 2027-07-09T10:00,    America/Sao_Paulo, NONE,           2027-07-09T10:00",
            "BR-SP, +5511987654321, SP, 2026-11-28T09:00,    America/Sao_Paulo, NONE,           2026-11-28T09:00",
            // RJ: Mon–Fri 08–18, no Saturdays
            "BR-RJ, +5521987654321, RJ, 2026-11-24T17:59,    America/Sao_Paulo, NONE,           2026-11-24T17:59",
            "BR-RJ, +5521987654321, RJ, 2026-11-24T18:00,    America/Sao_Paulo, OUTSIDE_WINDOW, 2026-11-25T08:00",
            "BR-RJ, +5521987654321, RJ, 2026-11-27T19:00,    America/Sao_Paulo, OUTSIDE_WINDOW, 2026-11-30T08:00",
            // US: every day 08–21 local
            "US,    +12125550123,   NY, 2026-11-29T08:00,    America/New_York,  NONE,           2026-11-29T08:00",
            "US,    +12125550123,   NY, 2026-11-24T21:00,    America/New_York,  OUTSIDE_WINDOW, 2026-11-25T08:00",
            "US,    +13105550123,   CA, 2026-11-24T07:30,    America/Los_Angeles, OUTSIDE_WINDOW, 2026-11-24T08:00",
            // UK: Mon–Fri 08–21, Sat 09–17
            "UK,    +442079460123,  ,   2026-11-28T08:30,    Europe/London,     OUTSIDE_WINDOW, 2026-11-28T09:00",
            "UK,    +442079460123,  ,   2026-11-28T17:00,    Europe/London,     OUTSIDE_WINDOW, 2026-11-30T08:00",
            "UK,    +442079460123,  ,   2026-11-24T20:59,    Europe/London,     NONE,           2026-11-24T20:59",
    })
    void windowPerPreset(String preset, String phone, String region, String local, String zone, SkipReason reason, String next) {
        Decision d = decide(preset, phone, region, at(local, zone));
        assertEquals(reason, d.reason(), d.explain());
        assertEquals(at(next, zone), d.nextEligible(), d.explain());
    }
}

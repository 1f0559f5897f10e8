package dev.cobra.compliance;

import static dev.cobra.compliance.Debtors.at;
import static dev.cobra.compliance.Debtors.debtor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Area codes to zones and the time-zone edges: Acre, Noronha, western Amazonas, US DST, UK. */
class ZonesTest {
    private static final LocalDate DUE = LocalDate.of(2026, 11, 10);
    /** Ten days before the March 2026 DST switch. */
    private static final LocalDate DUE_MARCH = LocalDate.of(2026, 2, 26);
    private static final LocalDate DUE_JULY = LocalDate.of(2026, 7, 1);
    private final ComplianceEngine br = new ComplianceEngine(PresetLoader.builtIn("BR"), DoNotCallList.NONE);
    private final ComplianceEngine us = new ComplianceEngine(PresetLoader.builtIn("US"), DoNotCallList.NONE);
    private final ComplianceEngine uk = new ComplianceEngine(PresetLoader.builtIn("UK"), DoNotCallList.NONE);

    private static List<ZoneId> zones(Jurisdiction j, String e164, String region) {
        return j.candidates(e164, region, null).stream().map(ZoneCandidate::zone).toList();
    }

    @Test
    void everyBrazilianDddIsMappedToAStateAndAZone() {
        var ddds = AreaCodes.BRAZIL.regionByCode();
        assertEquals(67, ddds.size());
        Set<String> ufs = new TreeSet<>(ddds.values());
        assertEquals(27, ufs.size(), "26 states and the Federal District: " + ufs);
        for (String ddd : ddds.keySet()) {
            assertNotNull(AreaCodes.BRAZIL.zonesOfCode(ddd), ddd);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "+5511987654321, , America/Sao_Paulo",
            "+5568999990000, , America/Rio_Branco",
            "+5592999990000, , America/Manaus",
            "+5597999990000, , America/Manaus America/Eirunepe",
            "+5581999990000, , America/Recife America/Noronha",
            "+5587999990000, , America/Recife",
            "+5587999990000, PE, America/Recife",
            "+5565999990000, , America/Cuiaba",
            "+5567999990000, , America/Campo_Grande",
            "+5569999990000, , America/Porto_Velho",
            "+5595999990000, , America/Boa_Vista",
            "+5563999990000, , America/Araguaina",
            // The debtor's state wins but a phone from another state adds its zones.
            "+5511987654321, AC, America/Rio_Branco America/Sao_Paulo",
            "+5568999990000, AC, America/Rio_Branco",
            // No Brazilian number: the state's zones.
            "+12125550123, AM, America/Manaus America/Eirunepe",
    })
    void brazilCandidates(String e164, String uf, String expected) {
        assertEquals(List.of(expected.split(" ")), zones(Jurisdiction.BR, e164, uf).stream().map(ZoneId::getId).toList());
    }

    @Test
    void unknownStateAndForeignNumberMeansEveryBrazilianZone() {
        List<ZoneId> all = zones(Jurisdiction.BR, "+12125550123", null);
        assertTrue(all.contains(ZoneId.of("America/Noronha")));
        assertTrue(all.contains(ZoneId.of("America/Rio_Branco")));
    }

    @Test
    void acreIsTwoHoursBehindBrasilia() {
        // 08:00 in Rio Branco is 10:00 in São Paulo; at 09:00 Brasília it is still 07:00 in Acre.
        var acre = debtor().region("AC").account(DUE).phone("+5568999990000").build();
        Decision d = br.decide(acre, at("2026-11-24T09:00", "America/Sao_Paulo"));
        assertEquals(SkipReason.OUTSIDE_WINDOW, d.reason());
        assertEquals(at("2026-11-24T08:00", "America/Rio_Branco"), d.nextEligible());
        assertEquals("next call 2026-11-24 08:00 America/Rio_Branco on phone #1: outside calling window (BR: Tue 08–20)",
                d.explain());
        // And at 20:00 in Brasília it is 18:00 in Acre: still callable.
        assertTrue(br.decide(acre, at("2026-11-24T21:30", "America/Sao_Paulo")).allowed());
    }

    @Test
    void noronhaIsOneHourAheadAndAmbiguousDdd81UsesBothZones() {
        var recifeOrNoronha = debtor().account(DUE).phone("+5581999990000").build();
        // 07:30 in Recife is 08:30 in Noronha; the Recife reading is outside: not allowed.
        Decision early = br.decide(recifeOrNoronha, at("2026-11-24T07:30", "America/Recife"));
        assertFalse(early.allowed());
        assertEquals(at("2026-11-24T08:00", "America/Recife"), early.nextEligible());
        // 19:30 in Recife is 20:30 in Noronha: Noronha is outside, so not allowed.
        Decision late = br.decide(recifeOrNoronha, at("2026-11-24T19:30", "America/Recife"));
        assertFalse(late.allowed());
        assertEquals(at("2026-11-25T08:00", "America/Recife"), late.nextEligible());
        assertEquals(List.of(ZoneId.of("America/Recife"), ZoneId.of("America/Noronha")), late.zones());
        assertEquals("next call 2026-11-25 08:00 America/Recife (09:00 America/Noronha) on phone #1: outside calling window"
                + " (BR: Tue 08–20 in every zone of [America/Recife, America/Noronha])", late.explain());
    }

    @Test
    void westernAmazonasIsUtcMinusFive() {
        var eirunepe = debtor().region("AM").account(DUE).phone("+5597999990000").build();
        // 08:30 Manaus is 07:30 Eirunepé.
        Decision d = br.decide(eirunepe, at("2026-11-24T08:30", "America/Manaus"));
        assertEquals(at("2026-11-24T09:00", "America/Manaus"), d.nextEligible());
    }

    @Test
    void usDstSpringForwardDay() {
        // 2026-03-08: 02:00 EST jumps to 03:00 EDT. The window still opens at 08:00 wall clock.
        var ny = debtor().region("NY").account(DUE_MARCH).phone("+12125550123").build();
        Decision d = us.decide(ny, at("2026-03-08T01:30", "America/New_York"));
        assertEquals(at("2026-03-08T08:00", "America/New_York"), d.nextEligible());
        assertEquals("2026-03-08T12:00:00Z", d.nextEligible().toString());
        Decision before = us.decide(ny, at("2026-03-07T23:00", "America/New_York"));
        assertEquals("2026-03-08T12:00:00Z", before.nextEligible().toString());
    }

    @Test
    void usDstFallBackDay() {
        // 2026-11-01: 02:00 EDT falls back to 01:00 EST; 08:00 EST is 13:00Z.
        var ny = debtor().region("NY").account(LocalDate.of(2026, 10, 20)).phone("+12125550123").build();
        Decision d = us.decide(ny, at("2026-10-31T21:30", "America/New_York"));
        assertEquals("2026-11-01T13:00:00Z", d.nextEligible().toString());
        // Closing: 21:00 EST is 02:00Z next day; 20:59 EST allowed.
        assertTrue(us.decide(ny, java.time.Instant.parse("2026-11-02T01:59:00Z")).allowed());
        assertFalse(us.decide(ny, java.time.Instant.parse("2026-11-02T02:00:00Z")).allowed());
    }

    @Test
    void usAreaCodeAcrossZonesUsesBoth() {
        // 850 (Florida panhandle) spans Central and Eastern: 08:00 Central is 09:00 Eastern.
        var panhandle = debtor().region("FL").account(DUE).phone("+18505550123").build();
        Decision d = us.decide(panhandle, at("2026-11-24T08:30", "America/New_York"));
        assertEquals(at("2026-11-24T08:00", "America/Chicago"), d.nextEligible());
        // Closing: 21:00 Eastern is 20:00 Central, so 20:30 Central is out.
        assertFalse(us.decide(panhandle, at("2026-11-24T20:30", "America/Chicago")).allowed());
    }

    @Test
    void arizonaNoDstButNavajoNationDoes() {
        var phoenix = debtor().region("AZ").account(DUE_JULY).phone("+16025550123").build();
        // July: Phoenix is UTC-7 all year; 08:00 MST = 15:00Z.
        assertEquals("2026-07-14T15:00:00Z",
                us.decide(phoenix, java.time.Instant.parse("2026-07-14T10:00:00Z")).nextEligible().toString());
    }

    @Test
    void ukFollowsBritishSummerTime() {
        var london = debtor().account(DUE_MARCH).phone("+442079460123").build();
        // 2026-03-29 is a Sunday: BST begins; Monday 08:00 BST = 07:00Z.
        Decision d = uk.decide(london, java.time.Instant.parse("2026-03-29T12:00:00Z"));
        assertEquals("2026-03-30T07:00:00Z", d.nextEligible().toString());
    }

    @Test
    void zoneOverrideWins() {
        var moved = debtor().region("SP").zoneOverride(ZoneId.of("America/Manaus")).account(DUE)
                .phone("+5511987654321").build();
        Decision d = br.decide(moved, at("2026-11-24T08:30", "America/Sao_Paulo"));
        assertEquals(at("2026-11-24T08:00", "America/Manaus"), d.nextEligible());
        assertEquals(List.of(ZoneId.of("America/Manaus")), d.zones());
    }

    @Test
    void zonesWhoseWindowsNeverOverlapAreReportedNotSearchedForever() {
        Policy narrow = PresetLoader.builtIn("BR").tighten(new Policy.Overrides(
                CallingWindow.of(java.util.Map.of(java.time.DayOfWeek.MONDAY, List.of(DailyRange.parse("08:00-09:00")))),
                null, null, null, null, java.util.Set.of())).policy();
        var engine = new ComplianceEngine(narrow, DoNotCallList.NONE);
        // Debtor from Acre (UTC-5) on a Recife/Noronha phone (UTC-3/-2): 08–09 never coincides.
        var split = debtor().region("AC").account(DUE).phone("+5581999990000").build();
        Decision d = engine.decide(split, at("2026-11-24T10:00", "America/Sao_Paulo"));
        assertEquals(SkipReason.NO_COMMON_WINDOW, d.reason(), d.explain());
        assertTrue(d.never());
        assertTrue(d.explain().contains("America/Rio_Branco"), d.explain());
    }
}

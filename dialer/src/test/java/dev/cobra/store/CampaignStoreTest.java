package dev.cobra.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Campaign rows: the V4 dialing columns round-trip, status switches, and bad settings never reach the table. */
@ExtendWith(MariaDbExtension.class)
class CampaignStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-24T13:00:00Z");
    private final CampaignStore store;
    private final Database db;

    CampaignStoreTest(Database db) {
        this.db = db;
        this.store = new CampaignStore(db);
    }

    @Test
    void aNewCampaignHasTheColumnDefaults() {
        Campaign c = store.ensure("defaults", "Defaults", "BR", NOW);
        assertEquals("draft", c.status());
        assertEquals(Campaign.Dialing.defaults(), c.dialing());
        assertFalse(c.dialing().agents());
    }

    @Test
    void dialingSettingsRoundTripAndStatusSwitches() {
        store.ensure("pred", "Predictive", "BR", NOW);
        Campaign.Dialing d = new Campaign.Dialing("predictive", "collection", 40, new BigDecimal("2.00"),
                new BigDecimal("0.0250"), 30, true, "+551140042000");
        Campaign updated = store.update("pred", "Predictive SP", "BR-SP", d, NOW).orElseThrow();
        assertEquals(d, updated.dialing());
        assertEquals("BR-SP", updated.preset());
        assertTrue(updated.dialing().agents());

        assertTrue(store.setStatus("pred", "running", NOW));
        assertEquals(List.of("pred"), store.withStatus("running").stream().map(Campaign::code).toList());
        assertFalse(store.setStatus("nosuch", "running", NOW));
        assertTrue(store.update("nosuch", "x", "BR", d, NOW).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> store.setStatus("pred", "exploded", NOW));
    }

    @Test
    void settingsOutsideTheirRangesAreRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Campaign.Dialing("ivr",
                "collection", 10, new BigDecimal("1.5"), new BigDecimal("0.05"), 25, false, null));
        assertTrue(e.getMessage().startsWith("abandonTarget: 0.0500"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Campaign.Dialing("robocall",
                "collection", 10, new BigDecimal("1.5"), new BigDecimal("0.03"), 25, false, null));
        assertTrue(e.getMessage().startsWith("mode: 'robocall'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Campaign.Dialing("ivr",
                "collection", 10, new BigDecimal("1.5"), new BigDecimal("0.03"), 10, false, null));
        assertTrue(e.getMessage().startsWith("ringTimeoutSeconds: 10"), e.getMessage());
    }

    @Test
    void liveAnswersAndAbandonsAreCountedPerMinuteForTheAbandonWindow() {
        long campaign = store.ensure("window", "Window", "UK", NOW).id();
        Fixtures.bulkDebtors(db, campaign, "window-", 1, NOW);
        long[] dp = Fixtures.debtorAndPhone(db, "window-1");
        AttemptStore attempts = new AttemptStore(db);
        String[][] calls = {{"w1", "answered_human", "0"}, {"w2", "abandoned", "10"}, {"w3", "answered_human", "130"},
                {"w4", "no_answer", "140"}, {"w5", "abandoned", "86500"}};
        for (String[] call : calls) {
            Instant end = NOW.plusSeconds(Long.parseLong(call[2]));
            attempts.open(call[0], campaign, dp[0], dp[1], "node-1", "ast-1", end.minusSeconds(30));
            attempts.close(call[0], end, call[1], 16);
        }
        assertEquals(List.of(new CampaignStats.LiveMinute(NOW, 2, 1), new CampaignStats.LiveMinute(NOW.plusSeconds(120), 1, 0)),
                new CampaignStats(db).liveAnswersByMinute(campaign, NOW.minusSeconds(60), NOW.plusSeconds(3600)));
    }
}

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

    CampaignStoreTest(Database db) {
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
}

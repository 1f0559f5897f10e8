package dev.cobra.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.ivr.plan.InstallmentPlanner;
import dev.cobra.ivr.plan.InstallmentPolicy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MariaDbExtension.class)
class DebtorScreenStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-24T14:00:00Z");
    private final Database db;

    DebtorScreenStoreTest(Database db) {
        this.db = db;
    }

    @Test
    void theScreenOfACallItemisesTheDebtTheHistoryAndThePlans() {
        long campaign = new CampaignStore(db).ensure("screen", "Screen", "BR", NOW).id();
        Fixtures.bulkDebtors(db, campaign, "SCR-", 1, NOW.minus(Duration.ofDays(1)));
        long[] debtorAndPhone = Fixtures.debtorAndPhone(db, "SCR-1");
        AttemptStore attempts = new AttemptStore(db);
        attempts.open("old-1", campaign, debtorAndPhone[0], debtorAndPhone[1], "n1", "ast-1", NOW.minus(Duration.ofDays(2)));
        attempts.setDisposition("old-1", "refused");
        attempts.close("old-1", NOW.minus(Duration.ofDays(2)).plusSeconds(40), "answered_human", 16);
        attempts.open("call-1", campaign, debtorAndPhone[0], debtorAndPhone[1], "n1", "ast-1", NOW);
        attempts.setIvrProgress("call-1", "confirm_identity");
        InstallmentPlanner planner = new InstallmentPlanner(new InstallmentPolicy(6, new BigDecimal("100.00"), BigDecimal.ZERO,
                new BigDecimal("0.10"), BigDecimal.ZERO, 5, RoundingMode.HALF_EVEN, true), d -> true);
        DebtorScreenStore store = new DebtorScreenStore(db, Clock.fixed(NOW, ZoneOffset.UTC), ZoneId.of("America/Sao_Paulo"), planner);

        DebtorScreen s = store.forCall("call-1").orElseThrow();
        assertEquals("Debtor 1", s.debtor().name());
        assertFalse(s.phoneMasked().matches(".*\\d{6}.*"), "the phone is masked: " + s.phoneMasked());
        assertEquals(1, s.debts().size());
        DebtorScreen.Debt d = s.debts().get(0);
        assertEquals(new BigDecimal("1000.00"), d.principal());
        assertEquals(new BigDecimal("1025.00"), d.total());
        assertEquals(new BigDecimal("1025.00"), s.totalOwed());
        assertEquals("confirm_identity", s.call().ivrProgress());
        assertEquals(2, s.attempts().size());
        assertEquals("call-1", s.attempts().get(0).callId(), "newest first");
        assertEquals("refused", s.attempts().get(1).disposition());
        assertEquals("full", s.plans().get(0).kind());
        // Late fee 5.00 is under the 2% CDC cap (20.00), so the full payment is 1025.00 less 10%.
        assertEquals(new BigDecimal("922.50"), s.plans().get(0).total());
        assertTrue(s.plans().size() > 1, "installment plans are offered too");
        assertTrue(store.forCall("no-such-call").isEmpty());

        // Preview: the same screen before any call, for the phone the dialer would call.
        DebtorScreen p = store.forDebtor(campaign, debtorAndPhone[0], "+5511987654321").orElseThrow();
        assertEquals(null, p.callId());
        assertEquals(null, p.call());
        assertEquals(s.debts(), p.debts());
        assertEquals(s.attempts(), p.attempts());
        assertFalse(p.phoneMasked().contains("87654"), "masked: " + p.phoneMasked());
        assertTrue(store.forDebtor(campaign, -1, "+5511987654321").isEmpty());
    }
}

package dev.cobra.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.calls.Disposition;
import dev.cobra.compliance.ComplianceEngine;
import dev.cobra.compliance.Decision;
import dev.cobra.compliance.PresetLoader;
import dev.cobra.compliance.SkipReason;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An agent's disposition changes what the compliance engine decides next for the debtor. */
@ExtendWith(MariaDbExtension.class)
class DispositionsTest {
    /** Tuesday 2026-11-24 11:00 in São Paulo. */
    private static final Instant NOW = LocalDateTime.of(2026, 11, 24, 14, 0).toInstant(ZoneOffset.UTC);

    private final Database db;
    private final Dispositions dispositions;
    private final DebtorFactsStore facts;
    private final long campaign;

    DispositionsTest(Database db) {
        this.db = db;
        this.dispositions = new Dispositions(db, Clock.fixed(NOW, ZoneOffset.UTC));
        this.facts = new DebtorFactsStore(db);
        this.campaign = new CampaignStore(db).ensure("disp", "disp", "BR", NOW).id();
    }

    /** A debtor with one phone and one finished call (a conversation that ended 10 minutes ago). */
    private long[] calledDebtor(String name) {
        Fixtures.bulkDebtors(db, campaign, name, 1, NOW);
        long[] ids = Fixtures.debtorAndPhone(db, name + "1");
        AttemptStore attempts = new AttemptStore(db);
        attempts.open("call-" + name, campaign, ids[0], ids[1], "node", "ast", NOW.minusSeconds(900));
        attempts.mark("call-" + name, AttemptStore.Milestone.ANSWERED, NOW.minusSeconds(890));
        attempts.close("call-" + name, NOW.minusSeconds(600), "answered_human", 16);
        return ids;
    }

    private Decision decide(long debtorId) {
        return new ComplianceEngine(PresetLoader.builtIn("BR"), facts.doNotCallList()).decide(facts.load(debtorId, NOW).orElseThrow(), NOW);
    }

    @Test
    void aPromisePausesCallsUntilItsDate() {
        long[] ids = calledDebtor("promise-");
        assertTrue(dispositions.record("call-promise-", Disposition.PROMISE_TO_PAY, LocalDate.of(2026, 12, 10), null));
        Decision d = decide(ids[0]);
        assertEquals(SkipReason.PROMISE_PENDING, d.reason(), d.explain());
        assertFalse(d.next().orElseThrow().isBefore(LocalDate.of(2026, 12, 10).atStartOfDay().toInstant(ZoneOffset.ofHours(-3))),
                d.explain());
    }

    @Test
    void wrongPartyDoNotCallAndDisputeStopTheCalls() {
        long[] wrong = calledDebtor("wrong-");
        dispositions.record("call-wrong-", Disposition.WRONG_PARTY, null, null);
        assertTrue(decide(wrong[0]).never(), decide(wrong[0]).explain());
        assertEquals(SkipReason.NO_CALLABLE_PHONE, decide(wrong[0]).reason());

        long[] dnc = calledDebtor("dnc-");
        dispositions.record("call-dnc-", Disposition.DO_NOT_CALL, null, null);
        assertEquals(SkipReason.DEBTOR_DO_NOT_CALL, decide(dnc[0]).reason(), decide(dnc[0]).explain());
        assertTrue(decide(dnc[0]).never());

        long[] dispute = calledDebtor("dispute-");
        dispositions.record("call-dispute-", Disposition.DISPUTE, null, null);
        assertEquals(SkipReason.NO_OPEN_DEBT, decide(dispute[0]).reason(), decide(dispute[0]).explain());
    }

    @Test
    void aCallbackIsKeptOnTheAttemptAndRulesTheNextCall() {
        long[] ids = calledDebtor("callback-");
        // Thursday 14:00 in São Paulo: past the preset's one-day pause after a conversation, inside the window.
        Instant at = NOW.plusSeconds(2 * 86_400 + 3 * 3600);
        dispositions.record("call-callback-", Disposition.CALLBACK, null, at);
        Decision d = decide(ids[0]);
        assertFalse(d.allowed(), d.explain());
        assertEquals(at, d.next().orElseThrow(), d.explain());
        assertEquals("callback", new AttemptStore(db).find("call-callback-") == null ? null : db.withConnection(c -> {
            try (var ps = c.prepareStatement("SELECT disposition FROM call_attempts WHERE call_id = 'call-callback-'");
                 var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }));
    }

    @Test
    void refusesIncompleteDispositionsAndUnknownCalls() {
        calledDebtor("bad-");
        assertThrows(IllegalArgumentException.class, () -> dispositions.record("call-bad-", Disposition.PROMISE_TO_PAY, null, null));
        assertThrows(IllegalArgumentException.class, () -> dispositions.record("call-bad-", Disposition.CALLBACK, null, null));
        assertFalse(dispositions.record("no-such-call", Disposition.REFUSED, null, null));
        assertNull(db.withConnection(c -> {
            try (var ps = c.prepareStatement("SELECT disposition FROM call_attempts WHERE call_id = 'call-bad-'"); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }), "nothing half-written");
    }
}

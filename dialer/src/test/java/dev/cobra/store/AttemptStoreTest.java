package dev.cobra.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MariaDbExtension.class)
class AttemptStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

    private final Database db;
    private final AttemptStore attempts;

    AttemptStoreTest(Database db) {
        this.db = db;
        this.attempts = new AttemptStore(db);
    }

    private long[] debtorAndPhone(String prefix) {
        long campaign = new CampaignStore(db).ensure(prefix, prefix, "BR", T0).id();
        Fixtures.bulkDebtors(db, campaign, prefix, 1, T0);
        long[] ids = Fixtures.debtorAndPhone(db, prefix + "1");
        return new long[] {campaign, ids[0], ids[1]};
    }

    @Test
    void writeAheadThenMilestonesThenExactlyOneClose() {
        long[] ids = debtorAndPhone("att-");
        attempts.open("c-1", ids[0], ids[1], ids[2], "node-a", "ast-1", T0);
        assertEquals(List.of("c-1"), attempts.openAttempts("node-a").stream().map(Attempt::callId).toList(),
                "the row exists before the originate is sent");
        attempts.mark("c-1", AttemptStore.Milestone.ORIGINATED, T0.plusMillis(5));
        attempts.mark("c-1", AttemptStore.Milestone.ANSWERED, T0.plusSeconds(4));
        attempts.mark("c-1", AttemptStore.Milestone.ANSWERED, T0.plusSeconds(9));
        assertTrue(attempts.close("c-1", T0.plusSeconds(60), "answered_human", 16));
        assertFalse(attempts.close("c-1", T0.plusSeconds(61), "unknown", 0), "a replayed or reconciled close loses");
        Attempt a = attempts.find("c-1");
        assertEquals(T0.plusMillis(5), a.originatedAt());
        assertEquals(T0.plusSeconds(4), a.answeredAt(), "the first answer time stays");
        assertEquals(T0.plusSeconds(60), a.endedAt());
        assertEquals("answered_human", a.outcome());
        assertEquals(List.of(), attempts.openAttempts("node-a"));
        assertNull(attempts.find("nope"));
    }

    @Test
    void startUpRecoveryClosesWhatACrashedNodeLeftOpenAndNothingElse() {
        long[] ids = debtorAndPhone("orph-");
        attempts.open("o-ringing", ids[0], ids[1], ids[2], "node-crashed", "ast-1", T0);
        attempts.open("o-talking", ids[0], ids[1], ids[2], "node-crashed", "ast-1", T0);
        attempts.mark("o-talking", AttemptStore.Milestone.ANSWERED, T0.plusSeconds(5));
        attempts.open("o-other-node", ids[0], ids[1], ids[2], "node-alive", "ast-1", T0);
        attempts.open("o-done", ids[0], ids[1], ids[2], "node-crashed", "ast-1", T0);
        attempts.close("o-done", T0.plusSeconds(3), "busy", 17);

        assertEquals(2, attempts.closeOrphans("node-crashed", T0.plusSeconds(600)));
        assertEquals("unknown", attempts.find("o-ringing").outcome());
        assertEquals("dropped", attempts.find("o-talking").outcome());
        assertEquals("busy", attempts.find("o-done").outcome(), "closed attempts keep their outcome");
        assertNull(attempts.find("o-other-node").outcome(), "another node's live attempt is untouched");
        assertEquals(0, attempts.closeOrphans("node-crashed", T0.plusSeconds(601)));
    }
}

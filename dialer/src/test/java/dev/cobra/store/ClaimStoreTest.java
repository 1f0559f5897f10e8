package dev.cobra.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MariaDbExtension.class)
class ClaimStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

    private final Database db;
    private final ClaimStore claims;
    private final CampaignStore campaigns;

    ClaimStoreTest(Database db) {
        this.db = db;
        this.claims = new ClaimStore(db);
        this.campaigns = new CampaignStore(db);
    }

    @Test
    void claimsOnlyDueDebtorsOldestFirstAndLeaseHidesThem() {
        long c = campaigns.ensure("order", "order", "BR", T0).id();
        Fixtures.bulkDebtors(db, c, "late-", 3, T0.plusSeconds(60));
        Fixtures.bulkDebtors(db, c, "early-", 3, T0.minusSeconds(60));

        List<Claim> first = claims.claimDue(c, 10, T0, "node-a");
        assertEquals(3, first.size(), "only the 3 debtors due before T0");
        assertTrue(first.stream().allMatch(cl -> cl.leaseExpiresAt().equals(T0.plus(ClaimStore.DEFAULT_LEASE))));
        assertEquals(List.of(), claims.claimDue(c, 10, T0, "node-b"), "leased debtors are not due");

        List<Claim> later = claims.claimDue(c, 10, T0.plusSeconds(61), "node-b");
        assertEquals(3, later.size(), "the later ones become due in their turn");
        Set<Long> all = new HashSet<>();
        first.forEach(cl -> all.add(cl.debtorId()));
        later.forEach(cl -> all.add(cl.debtorId()));
        assertEquals(6, all.size());
    }

    @Test
    void releaseSetsNextEligibleTimeAndRetireStopsDialing() {
        long c = campaigns.ensure("release", "release", "BR", T0).id();
        Fixtures.bulkDebtors(db, c, "rel-", 2, T0);
        List<Claim> got = claims.claimDue(c, 2, T0, "node-a");
        assertTrue(claims.release(got.get(0), T0.plus(Duration.ofHours(2)), "no answer: retry in 2 h"));
        assertTrue(claims.retire(got.get(1), false, "agreement"));

        assertEquals(0, claims.countDue(c, T0.plus(Duration.ofHours(1))));
        List<Claim> again = claims.claimDue(c, 5, T0.plus(Duration.ofHours(2)), "node-b");
        assertEquals(1, again.size());
        assertEquals(got.get(0).debtorId(), again.get(0).debtorId());
        List<Claim> muchLater = claims.claimDue(c, 5, T0.plus(Duration.ofDays(365)), "node-c");
        assertEquals(List.of(got.get(0).debtorId()), muchLater.stream().map(Claim::debtorId).toList(),
                "only the released debtor (its new lease expired) comes back; the retired one never does");
    }

    @Test
    void crashedNodesLeasesExpireAndAreReclaimedAndTheStaleNodeCannotRelease() {
        long c = campaigns.ensure("crash", "crash", "BR", T0).id();
        Fixtures.bulkDebtors(db, c, "crash-", 5, T0);
        Duration lease = Duration.ofSeconds(30);
        List<Claim> crashed = claims.claimDue(c, 5, T0, "node-a", lease);
        assertEquals(5, crashed.size());
        // node-a "crashes": it never releases.
        assertEquals(List.of(), claims.claimDue(c, 5, T0.plusSeconds(29), "node-b", lease), "still leased");

        List<Claim> reclaimed = claims.claimDue(c, 5, T0.plus(lease), "node-b", lease);
        assertEquals(5, reclaimed.size(), "expired leases are due again");

        assertFalse(claims.release(crashed.get(0), T0.plusSeconds(3600), "stale"), "node-a lost its lease");
        assertFalse(claims.extend(crashed.get(1), T0.plusSeconds(3600)), "node-a cannot extend either");
        assertTrue(claims.release(reclaimed.get(0), T0.plusSeconds(7200), "retry"));
        assertTrue(claims.extend(reclaimed.get(1), T0.plusSeconds(600)));
        assertEquals(List.of(), claims.claimDue(c, 5, T0.plusSeconds(599), "node-c", lease).stream()
                .filter(cl -> cl.debtorId() == reclaimed.get(1).debtorId()).toList(), "an extended lease stays exclusive");
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> claims.claimDue(1, 0, T0, "n"));
        assertThrows(IllegalArgumentException.class, () -> claims.claimDue(1, ClaimStore.MAX_BATCH + 1, T0, "n"));
        assertThrows(IllegalArgumentException.class, () -> claims.claimDue(1, 1, T0, "n", Duration.ZERO));
    }

    /**
     * 4 independent pools (as 4 dialer processes) x 8 threads claim from 10,000 due debtors until none is
     * left: every debtor must be handed out exactly once.
     */
    @Test
    void concurrentClaimersNeverShareADebtorAndLoseNone(DbSettings settings) throws Exception {
        long c = campaigns.ensure("concurrent", "concurrent", "BR", T0).id();
        int debtors = 10_000;
        Fixtures.bulkDebtors(db, c, "conc-", debtors, T0);
        int pools = 4;
        int threadsPerPool = 8;
        ConcurrentHashMap<Long, String> owner = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> duplicates = new ConcurrentLinkedQueue<>();
        List<Database> dbs = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(pools * threadsPerPool);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int p = 0; p < pools; p++) {
                Database node = new Database(settings.withPoolSize(threadsPerPool), "node-" + p);
                dbs.add(node);
                ClaimStore store = new ClaimStore(node);
                for (int t = 0; t < threadsPerPool; t++) {
                    String name = "node-" + p + "/t" + t;
                    futures.add(pool.submit(() -> {
                        start.await();
                        int got = 0;
                        while (true) {
                            List<Claim> batch = store.claimDue(c, 25, T0, name);
                            if (batch.isEmpty()) {
                                return got;
                            }
                            for (Claim cl : batch) {
                                String prev = owner.putIfAbsent(cl.debtorId(), name);
                                if (prev != null) {
                                    duplicates.add(cl.debtorId() + " to " + prev + " and " + name);
                                }
                            }
                            got += batch.size();
                        }
                    }));
                }
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : futures) {
                total += f.get(5, TimeUnit.MINUTES);
            }
            assertEquals(List.of(), new ArrayList<>(duplicates), "no debtor handed out twice");
            assertEquals(debtors, owner.size(), "every debtor handed out");
            assertEquals(debtors, total);
            assertEquals(0, claims.countDue(c, T0));
        } finally {
            pool.shutdownNow();
            dbs.forEach(Database::close);
        }
    }
}

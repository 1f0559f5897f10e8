package dev.cobra.bench;

import dev.cobra.store.CampaignStore;
import dev.cobra.store.Claim;
import dev.cobra.store.ClaimStore;
import dev.cobra.store.Database;
import dev.cobra.store.DbSettings;
import dev.cobra.store.EmbeddedMariaDb;
import dev.cobra.store.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Claim throughput: claims per second from a campaign of N due debtors (default 1,000,000) with 1 and 4
 * concurrent claimers (each with its own pool, as separate dialer processes would be), for several batch
 * sizes, counting duplicates (must be zero). Runs against an embedded MariaDB in
 * {@code dialer/target/bench-mariadb}. Run with {@code bench/run claims [--debtors N] [--seconds S]}.
 */
public final class ClaimBenchmark {
    public static void main(String[] args) throws Exception {
        int debtors = intArg(args, "--debtors", 1_000_000);
        int seconds = intArg(args, "--seconds", 10);
        Instant t0 = Instant.parse("2026-11-24T12:00:00Z");
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(Path.of("dialer/target/bench-mariadb").toAbsolutePath())) {
            DbSettings base = server.settings();
            String name = "cobra_bench";
            try (Connection c = DriverManager.getConnection(base.withDatabase("").jdbcUrl(), base.user(), base.password());
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name);
                s.execute("CREATE DATABASE " + name);
            }
            DbSettings settings = base.withDatabase(name);
            try (Database db = new Database(settings.withPoolSize(4), "bench-setup")) {
                db.migrate();
                long campaign = new CampaignStore(db).ensure("bench", "bench", "BR", t0).id();
                long load = System.nanoTime();
                for (int done = 0; done < debtors; done += 250_000) {
                    Fixtures.bulkDebtors(db, campaign, "B" + done + "-", Math.min(250_000, debtors - done), t0);
                }
                System.out.printf(Locale.ROOT, "loaded %,d due debtors (with accounts and phones) in %.1f s%n", debtors,
                        (System.nanoTime() - load) / 1e9);
                System.out.printf(Locale.ROOT, "%-9s %-6s %12s %10s %10s %10s %11s%n", "claimers", "batch", "claims", "claims/s",
                        "p50 ms", "p99 ms", "duplicates");
                ConcurrentHashMap<Long, Boolean> seen = new ConcurrentHashMap<>();
                for (int claimers : new int[] {1, 4}) {
                    for (int batch : new int[] {1, 10, 50}) {
                        run(settings, campaign, claimers, batch, Duration.ofSeconds(seconds), t0, seen);
                    }
                }
                System.out.printf(Locale.ROOT, "distinct debtors claimed over all runs: %,d (each at most once)%n", seen.size());
            }
        }
    }

    private static void run(DbSettings settings, long campaign, int claimers, int batch, Duration length, Instant now,
                            ConcurrentHashMap<Long, Boolean> seen) throws Exception {
        AtomicLong duplicates = new AtomicLong();
        List<Database> pools = new ArrayList<>();
        ExecutorService exec = Executors.newFixedThreadPool(claimers);
        try {
            List<Future<long[]>> results = new ArrayList<>();
            long end = System.nanoTime() + length.toNanos();
            for (int i = 0; i < claimers; i++) {
                Database db = new Database(settings.withPoolSize(2), "bench-" + i);
                pools.add(db);
                ClaimStore store = new ClaimStore(db);
                String node = "node-" + i;
                results.add(exec.submit(() -> {
                    long[] latencies = new long[1 << 20];
                    int n = 0;
                    long claimed = 0;
                    while (System.nanoTime() < end && n < latencies.length) {
                        long start = System.nanoTime();
                        List<Claim> got = store.claimDue(campaign, batch, now, node);
                        latencies[n++] = System.nanoTime() - start;
                        if (got.isEmpty()) {
                            break;
                        }
                        for (Claim c : got) {
                            if (seen.putIfAbsent(c.debtorId(), Boolean.TRUE) != null) {
                                duplicates.incrementAndGet();
                            }
                        }
                        claimed += got.size();
                    }
                    long[] out = Arrays.copyOf(latencies, n + 1);
                    out[n] = claimed;
                    return out;
                }));
            }
            long start = System.nanoTime();
            long claimed = 0;
            List<Long> all = new ArrayList<>();
            for (Future<long[]> f : results) {
                long[] r = f.get();
                claimed += r[r.length - 1];
                for (int i = 0; i < r.length - 1; i++) {
                    all.add(r[i]);
                }
            }
            double secs = Math.max(length.toNanos(), System.nanoTime() - start) / 1e9;
            all.sort(null);
            System.out.printf(Locale.ROOT, "%-9d %-6d %,12d %,10.0f %10.2f %10.2f %11d%n", claimers, batch, claimed, claimed / secs,
                    all.get(all.size() / 2) / 1e6, all.get((int) (all.size() * 0.99)) / 1e6, duplicates.get());
        } finally {
            exec.shutdownNow();
            pools.forEach(Database::close);
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}

package dev.cobra.app;

import dev.cobra.accounts.DemoFileGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code cobra import} of a large generated file, end to end through the CLI (progress lines included): a fresh
 * embedded MariaDB in {@code dialer/target/bench-import-data}, N fictional debtors (default 100,000; about 1.3 debts
 * and 2 phones each), imported twice (all new, then the idempotent re-import). Run with
 * {@code bench/run import [--debtors N]}; prints wall times and rows/s.
 */
public final class ImportBenchmark {
    public static void main(String[] args) throws Exception {
        int debtors = args.length == 2 && args[0].equals("--debtors") ? Integer.parseInt(args[1]) : 100_000;
        Path data = Path.of("dialer/target/bench-import-data").toAbsolutePath();
        deleteTree(data);
        Path file = Path.of("dialer/target/bench-accounts-" + debtors + ".csv").toAbsolutePath();
        long t0 = System.nanoTime();
        String csv = DemoFileGenerator.csv(debtors, 7);
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        long rows = csv.lines().count() - 1;
        System.out.printf(Locale.ROOT, "generated %s: %,d debtors, %,d rows, %,d bytes in %.1f s%n", file.getFileName(), debtors, rows,
                Files.size(file), (System.nanoTime() - t0) / 1e9);
        Map<String, String> env = Map.of("COBRA_DATA_DIR", data.toString());
        Main main = new Main(System.out, System.err, env::get, Clock.systemUTC());
        main.run(List.of("migrate")); // starts the embedded server once, so the timings below are the import's own
        for (String pass : List.of("fresh", "re-import")) {
            long start = System.nanoTime();
            int code = main.run(List.of("import", "--campaign", "bench", file.toString()));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%-9s exit %d: %,d rows in %.1f s = %,.0f rows/s (including embedded server start/stop)%n",
                    pass, code, rows, seconds, rows / seconds);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}

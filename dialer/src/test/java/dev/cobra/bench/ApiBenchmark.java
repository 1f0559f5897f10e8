package dev.cobra.bench;

import dev.cobra.accounts.DemoFileGenerator;
import dev.cobra.http.ApiRoutes;
import dev.cobra.http.Authenticator;
import dev.cobra.http.HttpServer;
import dev.cobra.http.Principal;
import dev.cobra.http.Role;
import dev.cobra.store.Database;
import dev.cobra.store.DbSettings;
import dev.cobra.store.EmbeddedMariaDb;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The REST API on a real socket and an embedded MariaDB ({@code dialer/target/bench-mariadb}): an account import of
 * the demo file copied {@code --copies} times (default 100: 41,500 rows, 6.3 MiB) as one CSV upload (rows/s),
 * then {@code --requests} (default 2,000) sequential reads of each kind (debtor, history, why, attempts) with their
 * p50/p99 latency. Run with {@code bench/run api [--copies N] [--requests N]}.
 */
public final class ApiBenchmark {
    private static final String TOKEN = "bench-admin-token-0123456789";

    public static void main(String[] args) throws Exception {
        int copies = intArg(args, "--copies", 100);
        int requests = intArg(args, "--requests", 2_000);
        String demo = DemoFileGenerator.generate();
        int eol = demo.indexOf('\n');
        String header = demo.substring(0, eol + 1);
        String rows = demo.substring(eol + 1);
        StringBuilder csv = new StringBuilder(header);
        for (int k = 0; k < copies; k++) {
            // every debtor and account id made unique per copy; documents and numbers repeat, which import allows
            csv.append(rows.replaceAll("(?m)^D", "K" + k + "D").replaceAll(";C(\\d{6});", ";K" + k + "C$1;"));
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        long lines = csv.chars().filter(c -> c == '\n').count() - 1;
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(Path.of("dialer/target/bench-mariadb").toAbsolutePath())) {
            DbSettings base = server.settings();
            try (Connection c = DriverManager.getConnection(base.withDatabase("").jdbcUrl(), base.user(), base.password());
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS cobra_api_bench");
                s.execute("CREATE DATABASE cobra_api_bench");
            }
            try (Database db = new Database(base.withDatabase("cobra_api_bench").withPoolSize(8), "bench-api")) {
                db.migrate();
                Authenticator auth = new Authenticator(Map.of(TOKEN, new Principal("bench", Role.ADMIN, null)), Clock.systemUTC());
                try (HttpServer http = HttpServer.start("127.0.0.1", 0, ApiRoutes.routes(db, Clock.systemUTC()), auth, 64 * 1024, 4)) {
                    HttpClient client = HttpClient.newHttpClient();
                    String root = "http://127.0.0.1:" + http.port();
                    send(client, HttpRequest.newBuilder(URI.create(root + "/api/campaigns")).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"code\": \"bench\"}")), 201);
                    long t0 = System.nanoTime();
                    send(client, HttpRequest.newBuilder(URI.create(root + "/api/campaigns/bench/import")).header("Content-Type", "text/csv")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(file)), 200);
                    double s = (System.nanoTime() - t0) / 1e9;
                    System.out.printf(Locale.ROOT, "import: %,d rows (%.1f MiB) in %.2f s = %,.0f rows/s over HTTP%n", lines,
                            file.length / 1048576.0, s, lines / s);
                    for (String path : new String[] {"/api/debtors/K7D00003", "/api/debtors/K7D00003/history",
                            "/api/debtors/K7D00003/why", "/api/attempts?limit=50", "/api/campaigns/bench/stats"}) {
                        long[] ns = new long[requests];
                        for (int i = 0; i < requests; i++) {
                            long t = System.nanoTime();
                            send(client, HttpRequest.newBuilder(URI.create(root + path)).GET(), 200);
                            ns[i] = System.nanoTime() - t;
                        }
                        Arrays.sort(ns);
                        System.out.printf(Locale.ROOT, "GET %-32s p50 %6.2f ms  p99 %6.2f ms  (%d sequential requests)%n", path,
                                ns[requests / 2] / 1e6, ns[requests * 99 / 100] / 1e6, requests);
                    }
                }
            }
        }
    }

    private static void send(HttpClient client, HttpRequest.Builder b, int expected) throws Exception {
        HttpResponse<String> r = client.send(b.header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(300)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(r.request().uri() + ": " + r.statusCode() + " " + r.body().substring(0, Math.min(500, r.body().length())));
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

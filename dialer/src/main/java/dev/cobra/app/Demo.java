package dev.cobra.app;

import dev.cobra.accounts.AccountFile;
import dev.cobra.calls.CallOutcome;
import dev.cobra.calls.Destination;
import dev.cobra.campaign.CampaignRunner;
import dev.cobra.campaign.CallBudget;
import dev.cobra.campaign.RunnerLoop;
import dev.cobra.campaign.RunnerSettings;
import dev.cobra.campaign.RunnerStats;
import dev.cobra.compliance.ComplianceEngine;
import dev.cobra.compliance.PresetLoader;
import dev.cobra.config.CobraConfig;
import dev.cobra.http.Authenticator;
import dev.cobra.http.HttpServer;
import dev.cobra.http.OpsRoutes;
import dev.cobra.ivr.flow.FlowApplication;
import dev.cobra.ivr.flow.FlowLibrary;
import dev.cobra.ivr.flow.IvrSettings;
import dev.cobra.ivr.plan.InstallmentPolicy;
import dev.cobra.metrics.CampaignMeters;
import dev.cobra.metrics.CobraMeters;
import dev.cobra.pbx.asterisk.AsteriskPbx;
import dev.cobra.pbx.asterisk.AsteriskServer;
import dev.cobra.pbx.asterisk.AsteriskSettings;
import dev.cobra.pbx.asterisk.DialString;
import dev.cobra.pbx.asterisk.RecordingSettings;
import dev.cobra.pbx.asterisk.agi.FastAgiServer;
import dev.cobra.pbx.asterisk.agi.FastAgiServerConfig;
import dev.cobra.pbxsim.PbxSim;
import dev.cobra.pbxsim.agi.DebtorScript;
import dev.cobra.pbxsim.agi.FastAgiDialplan;
import dev.cobra.pbxsim.agi.FastAgiSimClient;
import dev.cobra.pbxsim.agi.PromptLengths;
import dev.cobra.pbxsim.scenario.CustomerMix;
import dev.cobra.pbxsim.scenario.Scenario;
import dev.cobra.pix.PixKey;
import dev.cobra.store.AccountImportStore;
import dev.cobra.store.AttemptStore;
import dev.cobra.store.Campaign;
import dev.cobra.store.CampaignAttempts;
import dev.cobra.store.CampaignDebtors;
import dev.cobra.store.CampaignStore;
import dev.cobra.store.ClaimStore;
import dev.cobra.store.Database;
import dev.cobra.store.DbSettings;
import dev.cobra.store.DebtorFactsStore;
import dev.cobra.store.ImportSummary;
import dev.cobra.store.IvrStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code cobra demo}: a whole collections campaign on one machine, with nothing to configure. A fresh demo
 * database ({@code cobra_demo}, on the embedded MariaDB unless one is configured) gets the demo accounts; pbx-sim
 * plays Asterisk (AMI for call control, its dialplan running AMD and then FastAGI into Cobra's IVR) with a
 * seeded population of debtor phones; the campaign runner dials within the BR preset; simulated debtors who
 * answer go through the shipped collection flow, and some make agreements. A progress line every few seconds,
 * {@code /health/ready} and {@code /metrics} on HTTP, and a summary at the end ({@code --minutes N}, or Ctrl-C).
 *
 * <p>The demo's clock starts on Tuesday 2026-11-24 at 10:00 in São Paulo and runs at normal speed, so the
 * calling-window rules allow dialing whatever the hour where it runs; the output says so.
 */
final class Demo {
    /** Tuesday 2026-11-24 10:00 in São Paulo (not a holiday): inside every Brazilian calling window. */
    static final Instant DEMO_START = LocalDateTime.of(2026, 11, 24, 13, 0).toInstant(ZoneOffset.UTC);
    static final String DATABASE = "cobra_demo";
    private static final InstallmentPolicy POLICY = new InstallmentPolicy(6, new BigDecimal("100.00"), new BigDecimal("0.0199"),
            new BigDecimal("0.10"), BigDecimal.ZERO, 5, RoundingMode.HALF_EVEN, true);

    private final PrintStream out;
    private final Function<String, String> env;

    Demo(PrintStream out, Function<String, String> env) {
        this.out = out;
        this.env = env;
    }

    int run(double minutes, int concurrency, long seed, int httpPort) throws Exception {
        CobraConfig config = CobraConfig.defaults(env);
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), DEMO_START));
        out.println("Cobra demo: a collections campaign against a simulated Asterisk, " + fmt(minutes) + " minute(s), seed " + seed);
        out.println("demo time starts Tue 2026-11-24 10:00 America/Sao_Paulo (inside the BR calling window), then runs at normal speed");
        try (StoreRuntime base = StoreRuntime.open(config)) {
            DbSettings settings = freshDatabase(base, config);
            try (CobraMeters meters = new CobraMeters(); Database db = new Database(settings, "demo", meters.registry())) {
                db.migrate();
                Campaign campaign = new CampaignStore(db).ensure("demo", "Demo campaign (IVR)", "BR", clock.instant());
                ImportSummary imported = importDemo(db, campaign, clock.instant());
                out.println("database  " + base.description + ", demo data in database " + DATABASE);
                out.println("accounts  " + imported);
                return runCampaign(db, meters, campaign, clock, minutes, concurrency, seed, httpPort);
            }
        }
    }

    private int runCampaign(Database db, CobraMeters meters, Campaign campaign, Clock clock, double minutes, int concurrency,
                            long seed, int httpPort) throws Exception {
        FlowLibrary flows = FlowLibrary.shipped(Demo.class.getClassLoader(), List.of("ivr-flows/collection.yaml"));
        flows.reload();
        IvrSettings ivr = new IvrSettings(POLICY, false, false, true, "1140042000",
                Optional.of(new IvrSettings.PixPayee(PixKey.parse("cobranca@example.com"), "Cobra Demo", "Sao Paulo")));
        FlowApplication app = new FlowApplication(flows, "collection", new IvrStore(db, clock, ZoneId.of("America/Sao_Paulo")),
                c -> ivr, date -> true, clock);
        try (FastAgiServer agi = new FastAgiServer(FastAgiServerConfig.defaults().withPort(0).withSessions(64, 256)
                .withCallIdVariable("COBRA_CALL_ID"), Map.of("collection", app));
             FastAgiSimClient agiClient = FastAgiSimClient.forTests()) {
            InetSocketAddress agiAddress = agi.start();
            SplittableRandom keys = new SplittableRandom(seed);
            FastAgiDialplan dialplan = new FastAgiDialplan(agiClient, agiAddress, "collection", "pt_BR",
                    call -> debtorScript(keys), PromptLengths.uniform(Duration.ofMillis(10)));
            try (PbxSim sim = PbxSim.builder().scenario(Scenario.builder(seed).customers(CustomerMix.typical()).build())
                         .answeredCallHandler(dialplan).start();
                 AsteriskPbx pbx = new AsteriskPbx(new AsteriskServer("sim", "127.0.0.1", sim.amiPort(), "dialer", "secret",
                         Math.max(10, concurrency * 2), 50),
                         AsteriskSettings.defaults(new DialString("Local/{number}@customers", DialString.NumberFormat.NATIONAL, "55"),
                                 "\"Cobra Demo\" <1140042000>", RecordingSettings.defaults()), clock, new SplittableRandom(seed));
                 RunnerLoop loop = new RunnerLoop(clock)) {
                pbx.setListener(loop);
                pbx.start().get(10, TimeUnit.SECONDS);
                out.println("pbx       pbx-sim on 127.0.0.1:" + sim.amiPort() + " (AMI; its dialplan runs AMD, then FastAGI into Cobra on "
                        + agiAddress.getPort() + ")");
                RunnerSettings settings = new RunnerSettings(campaign.id(), "demo", "+551140042000", Duration.ofSeconds(20),
                        new Destination.Ivr("collection"), Duration.ofMinutes(15), false);
                Draining pacer = new Draining(CallBudget.fixed(concurrency));
                CampaignRunner runner = new CampaignRunner(settings,
                        new CampaignDebtors(campaign.id(), "demo-node", settings.lease(), new ClaimStore(db), new DebtorFactsStore(db)),
                        new CampaignAttempts(campaign.id(), "demo-node", pbx.name(), new AttemptStore(db)),
                        new ComplianceEngine(PresetLoader.builtIn("BR"), new DebtorFactsStore(db).doNotCallList()), pbx, pacer, loop);
                CampaignMeters.bind(meters.registry(), campaign.code(), runner.stats(), runner::inFlight);
                Map<String, Supplier<OpsRoutes.Check>> ready = new LinkedHashMap<>();
                ready.put("database", () -> new OpsRoutes.Check(db.withConnection(c -> c.isValid(2)), DATABASE));
                ready.put("pbx:" + pbx.name(), () -> new OpsRoutes.Check(pbx.available(), pbx.available() ? "AMI session up" : "AMI down"));
                try (HttpServer http = startHttp(httpPort, ready, meters)) {
                    out.println("http      http://127.0.0.1:" + http.port() + "/metrics   http://127.0.0.1:" + http.port() + "/health/ready");
                    out.println("dialing   up to " + concurrency + " calls at once; progress every 5 s (Ctrl-C stops cleanly)");
                    out.println();
                    loop.start(runner, Duration.ofMillis(250));
                    waitForEnd(loop, runner, db, campaign, minutes);
                    pacer.drain();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
                    while (loop.call(runner::inFlight, Duration.ofSeconds(5)) > 0 && System.nanoTime() < deadline) {
                        TimeUnit.MILLISECONDS.sleep(200);
                    }
                    int closed = new AttemptStore(db).closeOrphans("demo-node", clock.instant());
                    summary(loop.call(() -> runner.stats().snapshot(), Duration.ofSeconds(5)), db, campaign, closed);
                }
            }
        }
        return 0;
    }

    /** Blocks until the demo's time is up or the process is asked to stop (Ctrl-C), printing progress. */
    private void waitForEnd(RunnerLoop loop, CampaignRunner runner, Database db, Campaign campaign, double minutes) throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cobra-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        long end = System.nanoTime() + (long) (minutes * 60e9);
        long started = System.nanoTime();
        try {
            while (System.nanoTime() < end && !stop.await(Math.min(5_000_000_000L, Math.max(1, end - System.nanoTime())), TimeUnit.NANOSECONDS)) {
                progress((System.nanoTime() - started) / 1e9, loop.call(() -> runner.stats().snapshot(), Duration.ofSeconds(5)),
                        loop.call(runner::inFlight, Duration.ofSeconds(5)), db, campaign);
            }
        } finally {
            if (stop.getCount() == 0) {
                out.println("stopping: letting live calls finish (up to 40 s)...");
            }
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already stopping (Ctrl-C): the hook waits for this cleanup to finish.
            }
        }
    }

    private void progress(double seconds, RunnerStats.Snapshot s, int inFlight, Database db, Campaign campaign) {
        long[] agreements = agreements(db, campaign);
        long live = s.outcome(CallOutcome.ANSWERED_HUMAN) + s.outcome(CallOutcome.ABANDONED);
        out.printf(Locale.ROOT, "%5.0fs placed %4d  in flight %3d  answered %4d  machines %3d  busy %3d  no answer %3d  failed %3d"
                        + "  abandoned %.1f%%  agreements %3d (%s)%n",
                seconds, s.placed(), inFlight, s.outcome(CallOutcome.ANSWERED_HUMAN), s.outcome(CallOutcome.ANSWERED_MACHINE),
                s.outcome(CallOutcome.BUSY), s.outcome(CallOutcome.NO_ANSWER),
                s.outcome(CallOutcome.FAILED) + s.outcome(CallOutcome.INVALID_NUMBER),
                live == 0 ? 0.0 : 100.0 * s.outcome(CallOutcome.ABANDONED) / live, agreements[0], money(agreements[1]));
    }

    private void summary(RunnerStats.Snapshot s, Database db, Campaign campaign, int closedAtStop) {
        long[] agreements = agreements(db, campaign);
        out.println();
        out.println("summary");
        out.printf(Locale.ROOT, "  calls placed %d, ended %d%s%n", s.placed(), s.ended(),
                closedAtStop == 0 ? "" : " (" + closedAtStop + " still live at the stop, closed as unknown/dropped)");
        for (CallOutcome o : CallOutcome.values()) {
            if (s.outcome(o) > 0) {
                out.printf(Locale.ROOT, "  %-17s %5d%n", o.code(), s.outcome(o));
            }
        }
        s.skips().forEach((reason, n) -> out.printf(Locale.ROOT, "  not called now: %s %d%n", reason.tag(), n));
        out.printf(Locale.ROOT, "  agreements made in the IVR: %d, total %s (installment plans with Pix codes, in table agreements)%n",
                agreements[0], money(agreements[1]));
        out.println("  every debtor called was given back with its next eligible time and the reason"
                + " (table campaign_debtors in database " + DATABASE + "; next_stage = more than 90 days overdue, handed on)");
    }

    /** Count and total (in cents) of the campaign's agreements. */
    private static long[] agreements(Database db, Campaign campaign) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(g.total), 0) FROM agreements g"
                    + " JOIN call_attempts a ON a.id = g.attempt_id WHERE a.campaign_id = ?")) {
                ps.setLong(1, campaign.id());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new long[] {rs.getLong(1), rs.getBigDecimal(2).movePointRight(2).longValueExact()};
                }
            }
        });
    }

    /**
     * What a simulated debtor does in the IVR, one key every 2 s of call time: most confirm who they are; of those,
     * some take installments, some pay in full, some ask for an agent; a few are the wrong person or say nothing.
     */
    static DebtorScript debtorScript(SplittableRandom r) {
        double p = r.nextDouble();
        String[] keys;
        if (p < 0.10) {
            keys = new String[] {"2"};                                               // wrong person
        } else if (p < 0.18) {
            keys = new String[0];                                                    // says nothing
        } else if (p < 0.58) {
            keys = new String[] {"1", "2", Integer.toString(2 + r.nextInt(5)), "1"};  // installments
        } else if (p < 0.78) {
            keys = new String[] {"1", "1", "1"};                                      // pays in full
        } else if (p < 0.88) {
            keys = new String[] {"1", "0"};                                           // asks for an agent
        } else {
            keys = new String[] {"1", "5", "7"};                                      // wrong keys, then silence
        }
        DebtorScript.Builder b = DebtorScript.builder();
        for (int i = 0; i < keys.length; i++) {
            b.pressAt(Duration.ofSeconds(2L * (i + 1)), keys[i]);
        }
        return b.build();
    }

    /** A fresh demo database on the same server, so every run starts from the same accounts and history. */
    private static DbSettings freshDatabase(StoreRuntime base, CobraConfig config) {
        DbSettings server = (base.embedded != null ? base.embedded.settings() : config.database()).withDatabase("");
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE);
            s.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new dev.cobra.store.StoreException("cannot create the demo database " + DATABASE
                    + " (the database user needs CREATE and DROP on it): " + e.getMessage(), e);
        }
        return server.withDatabase(DATABASE).withPoolSize(12);
    }

    private static ImportSummary importDemo(Database db, Campaign campaign, Instant now) throws IOException {
        try (InputStream in = Demo.class.getResourceAsStream("/demo/accounts-demo.csv")) {
            if (in == null) {
                throw new IOException("demo accounts missing from the jar (/demo/accounts-demo.csv)");
            }
            return new AccountImportStore(db).write(campaign.id(),
                    AccountFile.parse("accounts-demo.csv", AccountFile.decode(in.readAllBytes()), null), now);
        }
    }

    private static HttpServer startHttp(int port, Map<String, Supplier<OpsRoutes.Check>> ready, CobraMeters meters) {
        Authenticator noTokens = new Authenticator(Map.of(), Clock.systemUTC());
        try {
            return HttpServer.start("127.0.0.1", port, OpsRoutes.routes(ready, meters), noTokens, 64 * 1024, 2);
        } catch (IllegalStateException busy) {
            return HttpServer.start("127.0.0.1", 0, OpsRoutes.routes(ready, meters), noTokens, 64 * 1024, 2);
        }
    }

    private static String money(long cents) {
        NumberFormat f = NumberFormat.getNumberInstance(Locale.forLanguageTag("pt-BR"));
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        return "R$ " + f.format(BigDecimal.valueOf(cents, 2));
    }

    private static String fmt(double minutes) {
        return minutes == Math.rint(minutes) ? Long.toString((long) minutes) : Double.toString(minutes);
    }

    /** The demo's pacer: a fixed number of calls in flight, until it is told to drain (place nothing more). */
    private static final class Draining implements CallBudget {
        private final CallBudget inner;
        private volatile boolean draining;

        Draining(CallBudget inner) {
            this.inner = inner;
        }

        void drain() {
            draining = true;
        }

        @Override
        public int callsToPlace(int inFlight) {
            return draining ? 0 : inner.callsToPlace(inFlight);
        }
    }
}

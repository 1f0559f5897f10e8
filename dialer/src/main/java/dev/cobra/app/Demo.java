package dev.cobra.app;

import dev.cobra.accounts.AccountFile;
import dev.cobra.accounts.ImportRecords;
import dev.cobra.agents.AgentState;
import dev.cobra.config.CobraConfig;
import dev.cobra.metrics.AgentMeters;
import dev.cobra.metrics.MeterNames;
import dev.cobra.pbxsim.PbxSim;
import dev.cobra.pbxsim.agi.DebtorScript;
import dev.cobra.pbxsim.agi.FastAgiDialplan;
import dev.cobra.pbxsim.agi.FastAgiSimClient;
import dev.cobra.pbxsim.agi.PromptLengths;
import dev.cobra.pbxsim.scenario.AgentProfile;
import dev.cobra.pbxsim.scenario.CustomerMix;
import dev.cobra.pbxsim.scenario.Distribution;
import dev.cobra.pbxsim.scenario.Scenario;
import dev.cobra.store.AccountImportStore;
import dev.cobra.store.Campaign;
import dev.cobra.store.CampaignStore;
import dev.cobra.store.Database;
import dev.cobra.store.DbSettings;
import dev.cobra.store.ImportSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.security.SecureRandom;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * {@code cobra demo}: a production node ({@link Server}) on one machine, with nothing to configure, dialing two
 * campaigns against pbx-sim while simulated agents work the console's API.
 *
 * <p>What it owns, in start order: a fresh demo database ({@code cobra_demo}, on the embedded MariaDB unless one is
 * configured); pbx-sim (AMI, its dialplan running AMD and then FastAGI into Cobra's IVR, a seeded population of debtor
 * phones, agent phones {@code Local/3XX@agents} answered at once); a node started by {@link Server#start} from a
 * configuration built here (that pbx-sim, FastAGI and HTTP on free ports, random tokens for an admin, a supervisor and
 * each agent, agents' endpoint {@code Local/{ext}@agents}); the demo accounts split between two campaigns set
 * running, {@code demo-ivr} (mode ivr, the shipped collection flow) and {@code demo-agents} (mode predictive);
 * {@link DemoAgent} bots logged in through the API; one agent left for a person at {@code /console}. It prints a
 * progress line every {@link #PROGRESS_EVERY} and a summary after {@link Server#shutdown()} (at the end of
 * {@code --minutes}, on Ctrl-C, or on {@link #stop()}).
 *
 * <p>The demo's clock starts on Tuesday 2026-11-24 at 10:00 in São Paulo and runs at normal speed, so the calling
 * window allows dialing whatever the hour where it runs; the output says so. Threading: {@link #run} blocks the
 * calling thread; {@link #stop()} may be called from any thread. The output carries counts and money only: no
 * debtor's name, document or number.
 */
final class Demo {
    /** Tuesday 2026-11-24 10:00 in São Paulo (not a holiday): inside every Brazilian calling window. */
    static final Instant DEMO_START = LocalDateTime.of(2026, 11, 24, 13, 0).toInstant(ZoneOffset.UTC);
    static final String DATABASE = "cobra_demo";
    static final String IVR_CAMPAIGN = "demo-ivr";
    static final String AGENT_CAMPAIGN = "demo-agents";
    static final String NODE = "demo";
    /** The agent left for a person at /console, and its phone on pbx-sim. */
    static final String HUMAN_AGENT = "1000";
    static final String HUMAN_EXTENSION = "300";
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    /**
     * What to run.
     *
     * @param ivrLines      calls at once in the IVR campaign
     * @param agents        simulated agents (bots) in the predictive campaign; one more is left for a person
     * @param httpPort      0 for a free port; a busy port falls back to a free one
     * @param shutdownGrace how long live calls may finish at the end before they are hung up
     */
    record Options(double minutes, int ivrLines, int agents, long seed, int httpPort, Duration shutdownGrace) {
        Options {
            // Agents' phones are pbx-sim's Local/3XX@agents: 300 is the person's, 301..389 the simulated ones.
            if (!(minutes > 0) || ivrLines < 1 || agents < 1 || agents > 89 || httpPort < 0 || httpPort > 65535) {
                throw new IllegalArgumentException("minutes: " + minutes + ", ivrLines: " + ivrLines + ", agents: " + agents
                        + ", httpPort: " + httpPort + " (expected: minutes > 0, ivrLines >= 1, agents 1..89, port 0..65535)");
            }
        }
    }

    private final PrintStream out;
    private final Function<String, String> env;
    private final Accounts accounts;
    private final CountDownLatch stop = new CountDownLatch(1);
    /** The simulated agents of the run (added on the running thread, counted from any). */
    private final List<DemoAgent> bots = new java.util.concurrent.CopyOnWriteArrayList<>();

    Demo(PrintStream out, Function<String, String> env) {
        this(out, env, Demo::demoAccounts);
    }

    /** @param accounts the debtors to split between the two campaigns (the hand-off benchmark gives a larger file) */
    Demo(PrintStream out, Function<String, String> env, Accounts accounts) {
        this.out = out;
        this.env = env;
        this.accounts = accounts;
    }

    /** Where the demo's debtors come from. */
    @FunctionalInterface
    interface Accounts {
        ImportRecords load() throws IOException;
    }

    /** Ends the run early, as Ctrl-C does: dialing stops, live calls finish, the summary is printed. */
    void stop() {
        stop.countDown();
    }

    /** Requests of the simulated agents that the node refused or that failed, so far (none expected while it runs). */
    long agentRequestFailures() {
        return bots.stream().mapToLong(DemoAgent::failures).sum();
    }

    /** Breaks the simulated agents have taken so far. */
    long breaksTaken() {
        return bots.stream().mapToLong(DemoAgent::breaks).sum();
    }

    int run(Options o) throws Exception {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(90, TimeUnit.SECONDS); // Ctrl-C: the JVM waits for the clean stop and the summary
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cobra-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return runNode(o);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already stopping (Ctrl-C); the hook returns now that the summary is out.
            }
        }
    }

    private int runNode(Options o) throws Exception {
        CobraConfig base = CobraConfig.defaults(env);
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), DEMO_START));
        out.println("Cobra demo: one Cobra node dialing two campaigns against a simulated Asterisk (pbx-sim), "
                + fmt(o.minutes()) + " minute(s), seed " + o.seed());
        out.println("demo time starts Tue 2026-11-24 10:00 America/Sao_Paulo (inside the BR calling window), then runs at normal speed");
        try (StoreRuntime server = StoreRuntime.open(base)) {
            DbSettings demoDb = freshDatabase(server, base);
            out.println("database  " + server.description + ", demo data in database " + DATABASE);
            SplittableRandom keys = new SplittableRandom(o.seed());
            try (FastAgiSimClient agiClient = FastAgiSimClient.forTests();
                 PbxSim sim = PbxSim.builder().scenario(scenario(o.seed())).start()) {
                Tokens tokens = Tokens.random(o.agents());
                AtomicReference<Server.Services> services = new AtomicReference<>();
                Server node = Server.start(config(base, demoDb, sim, o, tokens), clock, List.of(s -> {
                    services.set(s);
                    return List.of();
                }));
                Server.Stopped stopped;
                Report report;
                ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "cobra-demo-agent-timers");
                    t.setDaemon(true);
                    return t;
                });
                try {
                    // Answered IVR calls go from pbx-sim's dialplan to the node's FastAGI server, each debtor with a script.
                    sim.answeredCallHandler(new FastAgiDialplan(agiClient, node.agiAddress(), "collection", "pt_BR",
                            call -> debtorScript(keys), PromptLengths.uniform(Duration.ofMillis(10))));
                    Database db = services.get().db();
                    Map<String, Campaign> campaigns = campaigns(db, clock.instant(), o);
                    printStart(node, sim, o, tokens);
                    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                    for (int i = 0; i < o.agents(); i++) {
                        DemoAgent bot = new DemoAgent(botId(i), Integer.toString(301 + i), tokens.agents().get(i),
                                List.of(campaignOf(i, o.agents())), node.httpPort(), http, timers, o.seed() * 31 + i);
                        bots.add(bot);
                        bot.start();
                    }
                    waitForEnd(o.minutes(), services.get(), campaigns);
                    out.println("stopping: no new calls; live calls may finish (up to " + o.shutdownGrace().toSeconds() + " s)...");
                    Timer handOffs = services.get().meters().registry().find(MeterNames.HANDOFF).tag("campaign", AGENT_CAMPAIGN).timer();
                    stopped = node.shutdown();
                    report = new Report(campaigns, handOffs, skips(services.get(), campaigns), bots);
                } finally {
                    node.shutdown();
                    bots.forEach(DemoAgent::stop);
                    timers.shutdownNow();
                }
                try (Database db = new Database(demoDb.withPoolSize(2), "demo-summary")) {
                    summary(db, report, stopped);
                }
            }
        }
        return 0;
    }

    /** What the summary needs from the run besides the database. */
    private record Report(Map<String, Campaign> campaigns, Timer handOffs, Map<String, String> skips, List<DemoAgent> bots) {}

    /** Per campaign, "reason n, ..." of the claimed debtors the compliance engine kept from being called (cobra_compliance_skips). */
    private static Map<String, String> skips(Server.Services services, Map<String, Campaign> campaigns) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String code : campaigns.keySet()) {
            StringBuilder b = new StringBuilder();
            services.meters().registry().find(MeterNames.COMPLIANCE_SKIPS).tag("campaign", code).functionCounters().forEach(c -> {
                if (c.count() > 0) {
                    b.append(b.length() == 0 ? "" : ", ").append(c.getId().getTag("reason")).append(' ').append((long) c.count());
                }
            });
            out.put(code, b.length() == 0 ? "none" : b.toString());
        }
        return out;
    }

    /** The random bearer tokens of this run (never reused: each run has its own). */
    record Tokens(String admin, String supervisor, String human, List<String> agents) {
        static Tokens random(int agents) {
            SecureRandom r = new SecureRandom();
            List<String> bots = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                bots.add(token(r));
            }
            return new Tokens(token(r), token(r), token(r), List.copyOf(bots));
        }

        private static String token(SecureRandom r) {
            byte[] b = new byte[18];
            r.nextBytes(b);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        }
    }

    static String botId(int i) {
        return Integer.toString(1001 + i);
    }

    /**
     * Debtor phones, seeded: about the typical collections mix (45% people, 15% machines, the rest busy, no answer or
     * failed), but people stay 12 to 45 s (long enough for the IVR's agreement, short enough that agents take several
     * calls a minute); agents' nailed-up phones stay up for the whole demo.
     */
    static Scenario scenario(long seed) {
        CustomerMix mix = new CustomerMix(0.45, 0.15, 0.12, 0.16, 0.06, 0.06, 0.05,
                Distribution.uniform(Duration.ofSeconds(1), Duration.ofSeconds(10)),
                Distribution.uniform(Duration.ofSeconds(12), Duration.ofSeconds(45)),
                Distribution.uniform(Duration.ofSeconds(8), Duration.ofSeconds(25)), 0.0, List.of());
        return Scenario.builder(seed).customers(mix)
                .agents(new AgentProfile(Distribution.fixed(Duration.ofSeconds(1)), Distribution.fixed(Duration.ofSeconds(10)),
                        Duration.ofHours(10)))
                .build();
    }

    /** The node's configuration: what an operator would write in cobra.yaml, pointed at pbx-sim and the demo database. */
    private static CobraConfig config(CobraConfig base, DbSettings db, PbxSim sim, Options o, Tokens tokens) {
        StringBuilder y = new StringBuilder();
        y.append("node: ").append(NODE).append('\n');
        y.append("dataDir: '").append(base.dataDir()).append("'\n");
        y.append("database: {url: '").append(db.jdbcUrl()).append("', user: '${DEMO_DB_USER}', password: '${DEMO_DB_PASSWORD}', poolSize: 16}\n");
        y.append("pbx:\n  asterisk:\n");
        y.append("    - {name: pbx-sim, host: 127.0.0.1, port: ").append(sim.amiPort())
                .append(", username: dialer, secret: secret, maxConcurrentCalls: 80, maxOriginatesPerSecond: 20,\n");
        y.append("       callerId: '\"Cobra Demo\" <1140042000>',\n");
        y.append("       dialString: {template: 'Local/{number}@customers', numberFormat: national, countryCode: '55'}}\n");
        y.append("fastagi: {port: 0, sessions: 64}\n");
        y.append("http:\n  port: ").append(httpPort(o.httpPort())).append("\n  tokens:\n");
        y.append("    - {token: '").append(tokens.admin()).append("', role: admin, name: demo-admin}\n");
        y.append("    - {token: '").append(tokens.supervisor()).append("', role: supervisor, name: demo-supervisor}\n");
        y.append("    - {token: '").append(tokens.human()).append("', role: agent, agent: '").append(HUMAN_AGENT).append("'}\n");
        for (int i = 0; i < o.agents(); i++) {
            y.append("    - {token: '").append(tokens.agents().get(i)).append("', role: agent, agent: '").append(botId(i)).append("'}\n");
        }
        y.append("agents: {endpoint: 'Local/{ext}@agents', wrapUpSeconds: 30, pauseReasons: [break, lunch, training]}\n");
        y.append("ivr:\n  installments: {maxInstallments: 6, minInstallmentAmount: 100.00, monthlyInterestRate: 0.0199,"
                + " lumpSumDiscountRate: 0.10, downPaymentRate: 0, firstDueOffsetDays: 5}\n");
        y.append("  pix: {key: cobranca@example.com, merchantName: Cobra Demo, merchantCity: Sao Paulo}\n");
        y.append("dialing: {tickMillis: 250, pollSeconds: 1, shutdownGraceSeconds: ").append(o.shutdownGrace().toSeconds()).append("}\n");
        Map<String, String> secrets = Map.of("DEMO_DB_USER", db.user(), "DEMO_DB_PASSWORD", db.password());
        return CobraConfig.load("(cobra demo)", y.toString(), secrets::get);
    }

    /** The port asked for if it is free now, else 0 (a free one). */
    private static int httpPort(int wanted) {
        if (wanted == 0) {
            return 0;
        }
        try (ServerSocket probe = new ServerSocket(wanted, 1, InetAddress.getByName("127.0.0.1"))) {
            return wanted;
        } catch (IOException busy) {
            return 0;
        }
    }

    /**
     * Both campaigns, set running: two debtors in three go to the IVR (it gets through them faster than six agents
     * do), the third to the agents.
     */
    private Map<String, Campaign> campaigns(Database db, Instant now, Options o) throws IOException {
        CampaignStore store = new CampaignStore(db);
        ImportRecords all = accounts.load();
        List<ImportRecords.Debtor> ivrHalf = new ArrayList<>();
        List<ImportRecords.Debtor> agentHalf = new ArrayList<>();
        for (int i = 0; i < all.debtors().size(); i++) {
            (i % 3 != 2 ? ivrHalf : agentHalf).add(all.debtors().get(i));
        }
        Map<String, Campaign> out = new LinkedHashMap<>();
        out.put(IVR_CAMPAIGN, campaign(db, store, IVR_CAMPAIGN, "Demo: IVR with agreements by keypad", ivrHalf, all, now,
                new Campaign.Dialing("ivr", "collection", o.ivrLines(), new BigDecimal("1.5"), new BigDecimal("0.03"), 20, false,
                        "+551140042000")));
        out.put(AGENT_CAMPAIGN, campaign(db, store, AGENT_CAMPAIGN, "Demo: predictive dialing to agents", agentHalf, all, now,
                new Campaign.Dialing("predictive", "collection", 3 * (o.agents() + 1), new BigDecimal("1.5"),
                        new BigDecimal("0.03"), 20, false, "+551140042000")));
        for (String code : out.keySet()) {
            store.setStatus(code, "running", now);
        }
        return out;
    }

    private Campaign campaign(Database db, CampaignStore store, String code, String name, List<ImportRecords.Debtor> debtors,
                              ImportRecords all, Instant now, Campaign.Dialing dialing) {
        Campaign c = store.ensure(code, name, "BR", now);
        store.update(code, name, "BR", dialing, now);
        int rows = debtors.stream().mapToInt(d -> d.accounts().size()).sum();
        ImportSummary imported = new AccountImportStore(db).write(c.id(), new ImportRecords(all.format(), rows, debtors), now);
        out.println("campaign  " + code + " (" + dialing.mode() + "): " + imported);
        return c;
    }

    private static ImportRecords demoAccounts() throws IOException {
        try (InputStream in = Demo.class.getResourceAsStream("/demo/accounts-demo.csv")) {
            if (in == null) {
                throw new IOException("demo accounts missing from the jar (/demo/accounts-demo.csv)");
            }
            return AccountFile.parse("accounts-demo.csv", AccountFile.decode(in.readAllBytes()), null);
        }
    }

    /**
     * The campaign bot {@code i} of {@code n} serves: with two or more, the last one takes the IVR's "0: talk to an
     * agent" transfers and the others the predictive campaign. Kept apart so a transfer never takes an agent the
     * predictive pacer counted on (that would abandon one of its answers).
     */
    static String campaignOf(int i, int n) {
        return n >= 2 && i == n - 1 ? IVR_CAMPAIGN : AGENT_CAMPAIGN;
    }

    private void printStart(Server node, PbxSim sim, Options o, Tokens tokens) {
        String url = "http://127.0.0.1:" + node.httpPort();
        out.println("pbx       pbx-sim on 127.0.0.1:" + sim.amiPort() + " (AMI; its dialplan runs AMD, then FastAGI into Cobra on "
                + node.agiAddress().getPort() + "; agents' phones Local/3XX@agents answer at once)");
        out.println("agents    " + o.agents() + " simulated agents (" + botId(0) + ".." + botId(o.agents() - 1)
                + ") log in over the API, take calls, post dispositions, sometimes take a break"
                + (o.agents() >= 2 ? "; " + botId(o.agents() - 1) + " takes the IVR's \"0: talk to an agent\" calls" : ""));
        out.println();
        out.println("  Take calls yourself: open " + url + "/console");
        out.println("    agent " + HUMAN_AGENT + ", token " + tokens.human() + ", extension " + HUMAN_EXTENSION
                + ", campaign " + AGENT_CAMPAIGN);
        out.println("  Supervisor view: the same page with token " + tokens.supervisor());
        out.println("  Metrics (Prometheus): " + url + "/metrics    readiness: " + url + "/health/ready    API: " + url + "/api/openapi.yaml");
        out.println();
        out.println("dialing   " + IVR_CAMPAIGN + ": up to " + o.ivrLines() + " calls into the IVR; " + AGENT_CAMPAIGN
                + ": predictive for the ready agents; progress every " + PROGRESS_EVERY.toSeconds() + " s (Ctrl-C stops cleanly)");
        out.println("          answered = a person picked up; machines = answering machines (AMD); ringing = placed, not answered yet;"
                + " abandoned = a person no agent took within 2 s (the regulators' count)");
    }

    /** Blocks until the demo's time is up, {@link #stop()} or Ctrl-C, printing progress. */
    private void waitForEnd(double minutes, Server.Services services, Map<String, Campaign> campaigns) throws Exception {
        long started = System.nanoTime();
        long end = started + (long) (minutes * 60e9);
        while (System.nanoTime() < end
                && !stop.await(Math.min(PROGRESS_EVERY.toNanos(), Math.max(1, end - System.nanoTime())), TimeUnit.NANOSECONDS)) {
            progress(Duration.ofNanos(System.nanoTime() - started), services, campaigns);
        }
    }

    private void progress(Duration elapsed, Server.Services services, Map<String, Campaign> campaigns) throws Exception {
        Map<AgentState, Integer> agents = services.core().call(() -> AgentMeters.countByState(services.agents().agents()),
                Duration.ofSeconds(5));
        Calls ivr = Calls.of(services.db(), campaigns.get(IVR_CAMPAIGN));
        Calls desk = Calls.of(services.db(), campaigns.get(AGENT_CAMPAIGN));
        long[] agreements = agreements(services.db(), campaigns.get(IVR_CAMPAIGN));
        long s = elapsed.toSeconds();
        out.printf(Locale.ROOT, "%3d:%02d %-11s placed %4d  ringing %3d  answered %4d  machines %3d  agreements %d (%s)%n",
                s / 60, s % 60, IVR_CAMPAIGN, ivr.placed, ivr.ringing, ivr.people, ivr.machines, agreements[0], money(agreements[1]));
        out.printf(Locale.ROOT, "       %-11s placed %4d  ringing %3d  answered %4d  machines %3d  abandoned %.1f%%  agents: %s%n",
                AGENT_CAMPAIGN, desk.placed, desk.ringing, desk.people, desk.machines, desk.abandonedPercent(), agentStates(agents));
    }

    static String agentStates(Map<AgentState, Integer> byState) {
        Map<AgentState, Integer> m = new EnumMap<>(AgentState.class);
        m.putAll(byState);
        return String.format(Locale.ROOT, "%d on call, %d ready, %d wrap-up, %d paused, %d logged out",
                m.getOrDefault(AgentState.ON_CALL, 0), m.getOrDefault(AgentState.READY, 0), m.getOrDefault(AgentState.WRAP_UP, 0),
                m.getOrDefault(AgentState.PAUSED, 0), m.getOrDefault(AgentState.LOGGED_OUT, 0));
    }

    /**
     * One campaign's calls as the attempts table has them: placed, ringing now (placed, not answered, not ended),
     * answered by a person (live now or ended as a person's answer or an abandon), machines, abandoned, joined to an agent.
     */
    record Calls(long placed, long ringing, long people, long machines, long abandoned, long bridged) {
        static Calls of(Database db, Campaign c) {
            return db.withConnection(conn -> {
                try (PreparedStatement ps = conn.prepareStatement("SELECT COUNT(*),"
                        + " COALESCE(SUM(ended_at IS NULL AND answered_at IS NULL), 0),"
                        + " COALESCE(SUM(outcome IN ('answered_human', 'abandoned') OR (ended_at IS NULL AND answered_at IS NOT NULL"
                        + "   AND COALESCE(amd_result, '') <> 'machine')), 0),"
                        + " COALESCE(SUM(outcome = 'answered_machine'), 0), COALESCE(SUM(outcome = 'abandoned'), 0),"
                        + " COALESCE(SUM(bridged_at IS NOT NULL), 0) FROM call_attempts WHERE campaign_id = ?")) {
                    ps.setLong(1, c.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return new Calls(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
                    }
                }
            });
        }

        /** Abandoned over live answers, as the regulators count it. */
        double abandonedPercent() {
            return people == 0 ? 0.0 : 100.0 * abandoned / people;
        }
    }

    private void summary(Database db, Report r, Server.Stopped stopped) {
        out.println();
        out.println("summary");
        out.printf(Locale.ROOT, "  stopped cleanly: %d live call(s) at the stop, %d hung up after the grace, %d attempt(s) closed"
                + " at shutdown, %d lease(s) released%n", stopped.liveAtStop(), stopped.hungUp(), stopped.attemptsClosed(),
                stopped.leasesReleased());
        for (Campaign c : r.campaigns().values()) {
            Calls calls = Calls.of(db, c);
            out.printf(Locale.ROOT, "  %s: %d calls placed, %d answered by a person, %d machines%n", c.code(), calls.placed(),
                    calls.people(), calls.machines());
            out.println("    outcomes: " + grouped(db, "outcome", c));
            out.println("    debtors: " + debtors(db, c) + "; not called when claimed (compliance): " + r.skips().get(c.code()));
            if (c.code().equals(IVR_CAMPAIGN)) {
                long[] agreements = agreements(db, c);
                out.printf(Locale.ROOT, "    agreements made in the IVR: %d, total %s (installment plans with Pix codes, table agreements)%n",
                        agreements[0], money(agreements[1]));
                out.println("    how far callers got in the IVR (call_attempts.ivr_progress): " + grouped(db, "ivr_progress", c));
            } else {
                out.printf(Locale.ROOT, "    joined to an agent: %d; abandoned: %d (%.1f%% of live answers; BR limit 3%%)%n",
                        calls.bridged(), calls.abandoned(), calls.abandonedPercent());
                out.println("    hand-off, answer to agent: " + handOff(r.handOffs(), db, c));
                out.println("    agents' dispositions: " + grouped(db, "disposition", c));
                long taken = r.bots().stream().mapToLong(DemoAgent::calls).sum();
                long breaks = r.bots().stream().mapToLong(DemoAgent::breaks).sum();
                long failed = r.bots().stream().mapToLong(DemoAgent::failures).sum();
                out.printf(Locale.ROOT, "    simulated agents took %d calls and %d break(s)%s%n", taken, breaks,
                        failed == 0 ? "" : "; " + failed + " of their requests failed (most likely around the stop)");
            }
        }
        out.println("  where to look: database " + DATABASE + " (tables call_attempts, agreements, campaign_debtors: each debtor called"
                + " is back with its next eligible time and the reason); /metrics while it runs (cobra_calls_*, cobra_agents,"
                + " cobra_handoff_seconds, cobra_agreements_*)");
    }

    /** p50 and p95 from the attempts' timestamps, and the share within 2 s from the cobra_handoff meter's buckets. */
    private static String handOff(Timer timer, Database db, Campaign c) {
        List<Long> millis = db.withConnection(conn -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement("SELECT TIMESTAMPDIFF(MICROSECOND, answered_at, bridged_at) DIV 1000"
                    + " FROM call_attempts WHERE campaign_id = ? AND bridged_at IS NOT NULL AND answered_at IS NOT NULL"
                    + " ORDER BY 1")) {
                ps.setLong(1, c.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
            }
            return out;
        });
        if (millis.isEmpty()) {
            return "no call was joined to an agent";
        }
        String text = String.format(Locale.ROOT, "p50 %d ms, p95 %d ms over %d calls (call_attempts answered_at to bridged_at)",
                percentile(millis, 0.50), percentile(millis, 0.95), millis.size());
        if (timer != null) {
            long within2s = 0;
            for (CountAtBucket b : timer.takeSnapshot().histogramCounts()) {
                if (b.bucket(TimeUnit.SECONDS) == 2.0) {
                    within2s = (long) b.count();
                }
            }
            text += String.format(Locale.ROOT, "; cobra_handoff_seconds: %d of %d within 2 s", within2s, timer.count());
        }
        return text;
    }

    static long percentile(List<Long> sorted, double q) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
    }

    /** The campaign's debtors by what happened to them (table campaign_debtors). */
    private static String debtors(Database db, Campaign c) {
        return db.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT COUNT(*), COALESCE(SUM(claims > 0 AND state = 'active'), 0),"
                    + " COALESCE(SUM(state = 'next_stage'), 0), COALESCE(SUM(state = 'done'), 0), COALESCE(SUM(claims = 0), 0)"
                    + " FROM campaign_debtors WHERE campaign_id = ?")) {
                ps.setLong(1, c.id());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return String.format(Locale.ROOT, "%d in the campaign, %d called or looked at and back with their next"
                            + " eligible time, %d handed on to the next stage (over 90 days overdue), %d done, %d not reached yet",
                            rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
                }
            }
        });
    }

    /** "code n, code n" of a column's values over the campaign's attempts (nulls left out). */
    private static String grouped(Database db, String column, Campaign c) {
        String text = db.withConnection(conn -> {
            StringBuilder b = new StringBuilder();
            try (PreparedStatement ps = conn.prepareStatement("SELECT " + column + ", COUNT(*) FROM call_attempts WHERE campaign_id = ?"
                    + " AND " + column + " IS NOT NULL GROUP BY " + column + " ORDER BY 2 DESC, 1")) {
                ps.setLong(1, c.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        b.append(b.length() == 0 ? "" : ", ").append(rs.getString(1)).append(' ').append(rs.getLong(2));
                    }
                }
            }
            return b.toString();
        });
        return text.isEmpty() ? "none" : text;
    }

    /** Count and total (in cents) of the campaign's agreements. */
    static long[] agreements(Database db, Campaign campaign) {
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
        return server.withDatabase(DATABASE).withPoolSize(16);
    }

    static String money(long cents) {
        NumberFormat f = NumberFormat.getNumberInstance(Locale.forLanguageTag("pt-BR"));
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        return "R$ " + f.format(BigDecimal.valueOf(cents, 2));
    }

    private static String fmt(double minutes) {
        return minutes == Math.rint(minutes) ? Long.toString((long) minutes) : Double.toString(minutes);
    }
}

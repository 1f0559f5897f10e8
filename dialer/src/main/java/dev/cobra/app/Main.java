package dev.cobra.app;

import dev.cobra.accounts.AccountFile;
import dev.cobra.accounts.ImportFormat;
import dev.cobra.accounts.ImportRecords;
import dev.cobra.accounts.ImportRejected;
import dev.cobra.accounts.Mask;
import dev.cobra.compliance.AccountStatus;
import dev.cobra.compliance.DebtorFacts;
import dev.cobra.config.AsteriskConfig;
import dev.cobra.config.CobraConfig;
import dev.cobra.http.Role;
import dev.cobra.ivr.flow.Flow;
import dev.cobra.config.ConfigException;
import dev.cobra.store.AccountImportStore;
import dev.cobra.store.Campaign;
import dev.cobra.store.CampaignStore;
import dev.cobra.store.DebtorStanding;
import dev.cobra.store.DueReport;
import dev.cobra.store.ImportSummary;
import dev.cobra.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Cobra's command line. Exit codes: 0 done, 1 refused or failed (the message says why), 2 usage mistake.
 */
public final class Main {
    static final String DEMO_CAMPAIGN = "demo";
    /** How often a long import shows its progress line. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);
    private static final String USAGE = String.join(System.lineSeparator(),
            "usage: cobra [VERB] [OPTIONS]",
            "",
            "  (no verb)                          embedded database + demo accounts: migrate, import, show what is due",
            "  demo         [--minutes N] [--calls N] [--agents N] [--seed S] [--http-port P]",
            "                                     a whole node against a simulated Asterisk (pbx-sim): an IVR campaign and a",
            "                                     predictive one with simulated agents (log in at /console too), live progress",
            "  serve        --config F            run a dialer node: campaigns set 'running', IVR, agents, HTTP (SIGTERM stops cleanly)",
            "  migrate      [--config F]          apply the schema migrations",
            "  import       --campaign ID [--format br|iso] [--preset P] [--config F] FILE.csv",
            "                                     load debtors, debts and phones (all or nothing; re-import is safe)",
            "  due          --campaign ID [--limit N] [--config F]",
            "                                     list the debtors a campaign would dial now",
            "  why          DEBTOR [--config F]   why a debtor (the creditor's id) was or was not called, and when it will be",
            "  simulate     [--agents N --answer-rate P --hours H --seed S | --sweep [--seeds K]]",
            "                                     a shift in simulated time: every pacing policy side by side",
            "  check-flow   FILE                  validate an IVR flow (errors name file, line and node)",
            "  check-config FILE                  validate a cobra.yaml (and its IVR flows): every problem, or what would run",
            "  help                               this text",
            "",
            "Without --config, Cobra uses an embedded MariaDB in ./data (or COBRA_DB_URL/USER/PASSWORD).");

    private final PrintStream out;
    private final PrintStream err;
    private final Function<String, String> env;
    private final Clock clock;

    Main(PrintStream out, PrintStream err, Function<String, String> env, Clock clock) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.clock = clock;
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        int code = new Main(System.out, System.err, env::get, Clock.systemUTC()).run(Arrays.asList(args));
        System.exit(code);
    }

    int run(List<String> words) {
        String verb = words.isEmpty() ? "" : words.get(0);
        List<String> rest = words.isEmpty() ? List.of() : words.subList(1, words.size());
        try {
            switch (verb) {
                case "":
                    return overview();
                case "demo":
                    return demo(new Args(rest, Set.of("minutes", "calls", "agents", "seed", "http-port"), Set.of()));
                case "serve":
                    return serve(new Args(rest, Set.of("config"), Set.of()));
                case "migrate":
                    return migrate(new Args(rest, Set.of("config"), Set.of()));
                case "import":
                    return importFile(new Args(rest, Set.of("config", "campaign", "format", "preset"), Set.of()));
                case "due":
                    return due(new Args(rest, Set.of("config", "campaign", "limit"), Set.of()));
                case "why":
                    return why(new Args(rest, Set.of("config"), Set.of()));
                case "simulate":
                    return dev.cobra.simulate.SimulateCommand.run(rest, out, err);
                case "check-flow":
                    return dev.cobra.ivr.flow.CheckFlowCommand.run(rest, out, err);
                case "check-config":
                    return checkConfig(new Args(rest, Set.of(), Set.of()));
                case "help": case "--help": case "-h":
                    out.println(USAGE);
                    return 0;
                default:
                    throw new Args.UsageException("unknown verb '" + verb + "'");
            }
        } catch (Args.UsageException e) {
            err.println("cobra " + verb + ": " + e.getMessage());
            err.println();
            err.println(USAGE);
            return 2;
        } catch (ConfigException e) {
            err.println("cobra: configuration refused, " + e.getMessage());
            return 1;
        } catch (ImportRejected e) {
            err.println(e.getMessage());
            return 1;
        } catch (StoreException e) {
            err.println("cobra: database error: " + e.getMessage());
            return 1;
        } catch (java.io.UncheckedIOException e) {
            err.println("cobra: " + e.getMessage() + (e.getCause() != null ? ": " + e.getCause().getMessage() : ""));
            return 1;
        }
    }

    private CobraConfig config(Args args) {
        String file = args.option("config");
        return file == null ? CobraConfig.defaults(env) : CobraConfig.load(Path.of(file), env);
    }

    /** The default job: embedded database, demo accounts, what is due. */
    private int overview() {
        CobraConfig config = CobraConfig.defaults(env);
        out.println("Cobra: collections dialer and IVR server");
        try (StoreRuntime store = StoreRuntime.open(config)) {
            out.println("database  " + store.description + ", schema migrated");
            Instant now = clock.instant();
            Campaign campaign = new CampaignStore(store.db).ensure(DEMO_CAMPAIGN, "Demo campaign", "BR", now);
            String text;
            try (InputStream in = Main.class.getResourceAsStream("/demo/accounts-demo.csv")) {
                if (in == null) {
                    throw new IllegalStateException("demo accounts missing from the jar (/demo/accounts-demo.csv)");
                }
                text = AccountFile.decode(in.readAllBytes());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("reading the demo accounts failed", e);
            }
            ImportRecords records = AccountFile.parse("accounts-demo.csv", text, null);
            ImportSummary summary = new AccountImportStore(store.db).write(campaign.id(), records, now);
            out.println("import    accounts-demo.csv into campaign '" + campaign.code() + "': " + summary);
            printDue(store, campaign, 15);
            out.println();
            out.println("Next: ./cobra import --campaign " + DEMO_CAMPAIGN + " FILE.csv   (your own accounts; ./cobra help lists every verb)");
            return 0;
        }
    }

    private int demo(Args args) {
        noPositional(args);
        double minutes;
        try {
            minutes = args.option("minutes") == null ? 2.0 : Double.parseDouble(args.option("minutes"));
        } catch (NumberFormatException e) {
            throw new Args.UsageException("--minutes '" + args.option("minutes") + "' is not a number");
        }
        if (!(minutes > 0 && minutes <= 480)) {
            throw new Args.UsageException("--minutes " + args.option("minutes") + " (expected: more than 0, at most 480)");
        }
        int calls = args.intOption("calls", 10, 1, 500);
        int agents = args.intOption("agents", 6, 1, 20);
        int port = args.intOption("http-port", 8080, 0, 65535);
        long seed = args.intOption("seed", 1, 0, Integer.MAX_VALUE);
        try {
            return new Demo(out, env).run(new Demo.Options(minutes, calls, agents, seed, port, Duration.ofSeconds(15)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("cobra demo: interrupted");
            return 1;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            err.println("cobra demo: the simulated PBX did not come up: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            if (e instanceof RuntimeException) {
                throw (RuntimeException) e;
            }
            err.println("cobra demo: " + e.getMessage());
            return 1;
        }
    }

    private int migrate(Args args) {
        noPositional(args);
        try (StoreRuntime store = StoreRuntime.open(config(args), this::migrationStarts)) {
            out.println("schema migrated: " + store.description);
            return 0;
        }
    }

    private int importFile(Args args) {
        String code = args.required("campaign");
        if (args.positional().size() != 1) {
            throw new Args.UsageException("give exactly one FILE.csv");
        }
        Path file = Path.of(args.positional().get(0));
        ImportFormat format = args.option("format") == null ? null : parseFormat(args.option("format"));
        String preset = args.option("preset") == null ? "BR" : args.option("preset");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            err.println("cobra import: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        // Validate everything before touching the database: a bad file writes nothing. Progress goes to stderr, so
        // stdout keeps only the result.
        ProgressLine progress = new ProgressLine(err, clock, PROGRESS_EVERY);
        ImportRecords records = AccountFile.parse(file.getFileName().toString(), AccountFile.decode(bytes), format, progress);
        try (StoreRuntime store = StoreRuntime.open(config(args), this::migrationStarts)) {
            Instant now = clock.instant();
            CampaignStore campaigns = new CampaignStore(store.db);
            boolean existed = campaigns.find(code).isPresent();
            Campaign campaign = campaigns.ensure(code, code, preset, now);
            if (!existed) {
                out.println("created campaign '" + code + "' (preset " + campaign.preset() + ")");
            }
            ImportSummary summary = new AccountImportStore(store.db).write(campaign.id(), records, now, progress);
            out.println("imported " + file.getFileName() + " (" + records.format().name() + " format) into campaign '" + code + "': " + summary);
            return 0;
        }
    }

    private void migrationStarts(String step) {
        err.println("migrating  " + step);
    }

    private static ImportFormat parseFormat(String s) {
        try {
            return ImportFormat.parse(s);
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
    }

    private int due(Args args) {
        noPositional(args);
        String code = args.required("campaign");
        int limit = args.intOption("limit", 20, 1, 1000);
        try (StoreRuntime store = StoreRuntime.open(config(args))) {
            Campaign campaign = new CampaignStore(store.db).find(code).orElse(null);
            if (campaign == null) {
                err.println("cobra due: no campaign '" + code + "' (import accounts into it first)");
                return 1;
            }
            printDue(store, campaign, limit);
            return 0;
        }
    }

    /** Explains, in plain words, a debtor's standing in each of its campaigns, from the compliance engine. */
    private int why(Args args) {
        if (args.positional().size() != 1) {
            throw new Args.UsageException("give exactly one DEBTOR (the creditor's debtor id, as imported)");
        }
        String external = args.positional().get(0);
        try (StoreRuntime store = StoreRuntime.open(config(args))) {
            Instant now = clock.instant();
            DebtorStanding.Report report = new DebtorStanding(store.db).explain(external, null, now).orElse(null);
            if (report == null) {
                err.println("cobra why: no debtor '" + external + "'");
                return 1;
            }
            DebtorFacts debtor = report.facts();
            long open = debtor.accounts().stream().filter(a -> a.status() == AccountStatus.OPEN).count();
            out.println("debtor " + external + ": state " + (debtor.region() == null ? "unknown" : debtor.region()) + ", " + open
                    + " open debt(s), " + debtor.phones().size() + " phone(s), " + debtor.history().size() + " past attempt(s)");
            if (report.campaigns().isEmpty()) {
                out.println("  not in any campaign: import it with --campaign to dial it");
            }
            for (DebtorStanding.InCampaign in : report.campaigns()) {
                DueReport.Membership m = in.membership();
                if (in.decision() == null) {
                    out.println("  campaign '" + m.campaign() + "': preset " + m.preset() + " cannot be loaded: " + in.presetError());
                    continue;
                }
                out.println("  campaign '" + m.campaign() + "' (preset " + m.preset() + "), " + m.state() + ", claimed " + m.claims() + " time(s)");
                if (m.leaseNode() != null && m.leaseExpiresAt() != null && m.leaseExpiresAt().isAfter(now)) {
                    out.println("    in a call now: leased by node " + m.leaseNode() + " until " + m.leaseExpiresAt());
                }
                if (m.lastReason() != null) {
                    out.println("    last decision: " + m.lastReason());
                }
                out.println("    now: " + in.decision().explain());
            }
            return 0;
        }
    }

    private int checkConfig(Args args) {
        if (args.positional().size() != 1) {
            throw new Args.UsageException("give exactly one FILE");
        }
        String file = args.positional().get(0);
        CobraConfig config = CobraConfig.load(Path.of(file), env);
        List<Flow> flows = Server.loadFlows(config.ivr());
        out.println(file + ": OK");
        describe(config, flows).forEach(line -> out.println("  " + line));
        return 0;
    }

    /** What a node with this configuration would run, one line per part; never a secret. */
    static List<String> describe(CobraConfig c, List<Flow> flows) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("node      " + c.node());
        lines.add("database  " + (c.database() == null ? "embedded MariaDB in " + c.dataDir().resolve("mariadb") : c.database().jdbcUrl()));
        if (c.asterisk().isEmpty()) {
            lines.add("pbx       none: nothing will be dialed");
        }
        for (AsteriskConfig a : c.asterisk()) {
            lines.add("pbx       " + a.server().describe() + ", up to " + a.server().maxConcurrentCalls() + " calls, "
                    + a.server().maxOriginatesPerSecond() + "/s, dialing " + a.settings().dialString().template());
        }
        lines.add("fastagi   " + c.fastAgi().bindHost() + ":" + c.fastAgi().port() + ", " + c.fastAgi().sessionThreads() + " IVR sessions");
        Map<Role, Long> roles = new java.util.TreeMap<>();
        c.http().tokens().forEach(t -> roles.merge(t.role(), 1L, Long::sum));
        lines.add("http      " + c.http().bindHost() + ":" + c.http().port() + ", tokens "
                + (roles.isEmpty() ? "none (only /health and /metrics answer)" : roles.toString().toLowerCase(Locale.ROOT)));
        lines.add("ivr       flows " + flows.stream().map(Flow::name).toList() + (c.ivr().flows().isEmpty() ? " (shipped)" : "")
                + ", up to " + c.ivr().policy().maxInstallments() + " installments" + (c.ivr().pix().isPresent() ? ", Pix" : ""));
        lines.add("agents    " + c.agents().endpointTemplate() + ", wrap-up " + c.agents().wrapUp().toSeconds() + " s, pause reasons "
                + new java.util.TreeSet<>(c.agents().pauseReasons()));
        lines.add("dialing   campaigns with status 'running', read every " + c.dialing().poll().toSeconds() + " s; shutdown grace "
                + c.dialing().shutdownGrace().toSeconds() + " s");
        return lines;
    }

    /** Runs a node until SIGTERM (or Ctrl-C): then it stops dialing, lets calls finish, and closes everything. */
    private int serve(Args args) {
        noPositional(args);
        String file = args.required("config");
        CobraConfig config = CobraConfig.load(Path.of(file), env);
        List<Flow> flows = Server.loadFlows(config.ivr());
        out.println("cobra serve: " + file);
        describe(config, flows).forEach(line -> out.println("  " + line));
        Server server;
        try {
            server = Server.start(config, clock, List.of());
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            // A port in use, a PBX setting Asterisk refuses at start...: what was started is stopped again.
            err.println("cobra serve: could not start: " + e.getMessage());
            return 1;
        }
        Thread hook = new Thread(server::shutdown, "cobra-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("serving: http://" + config.http().bindHost() + ":" + server.httpPort() + "/health/ready   (SIGTERM or Ctrl-C stops)");
        server.awaitShutdown();
        return 0;
    }

    private void printDue(StoreRuntime store, Campaign campaign, int limit) {
        Instant now = clock.instant();
        DueReport report = new DueReport(store.db);
        DueReport.Totals totals = report.totals(campaign.id(), now);
        out.println("due now   " + totals.debtors() + " debtors in campaign '" + campaign.code() + "', "
                + money(totals.owed()) + " open (names and numbers masked)");
        List<DueReport.Row> rows = report.next(campaign.id(), now, limit);
        if (rows.isEmpty()) {
            return;
        }
        out.println();
        out.printf(Locale.ROOT, "  %-10s %-28s %-2s %5s %16s %10s %5s %6s%n", "debtor", "name", "UF", "debts", "owed", "oldest due",
                "late", "phones");
        var today = now.atZone(ZoneOffset.UTC).toLocalDate();
        for (DueReport.Row r : rows) {
            long late = r.oldestDue() == null ? 0 : Math.max(0, ChronoUnit.DAYS.between(r.oldestDue(), today));
            out.printf(Locale.ROOT, "  %-10s %-28s %-2s %5d %16s %10s %4dd %6d%n", r.externalId(), cut(Mask.name(r.name()), 28),
                    r.state() == null ? "--" : r.state(), r.openAccounts(), money(r.owed()),
                    r.oldestDue() == null ? "-" : r.oldestDue().toString(), late, r.phones());
        }
        if (totals.debtors() > rows.size()) {
            out.println("  ... and " + (totals.debtors() - rows.size()) + " more");
        }
    }

    private static String money(BigDecimal v) {
        NumberFormat f = NumberFormat.getNumberInstance(Locale.forLanguageTag("pt-BR"));
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        return "R$ " + f.format(v);
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    private static void noPositional(Args args) {
        if (!args.positional().isEmpty()) {
            throw new Args.UsageException("unexpected '" + args.positional().get(0) + "'");
        }
    }
}

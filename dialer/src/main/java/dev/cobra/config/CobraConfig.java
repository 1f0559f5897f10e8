package dev.cobra.config;

import dev.cobra.pbx.asterisk.agi.FastAgiServerConfig;
import dev.cobra.store.DbSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The server's configuration ({@code cobra.yaml}; every key is documented in {@code config/cobra.example.yaml}).
 * Loading validates the whole document and lists every problem at once, with file, line and dotted field
 * ({@link ConfigException}); unknown keys are problems too, so a typo never passes silently. Values built from other
 * packages' records (Asterisk servers, dial strings, contexts, recording, FastAGI, installment policy) are checked by
 * those records' own constructors, and their refusals are reported at the key that fed them. Secrets (passwords, AMI
 * secrets, tokens) are never part of a problem's message nor of any {@code toString}.
 *
 * @param node     this dialer process's id, written on leases and attempts (default: the host name)
 * @param dataDir  where the embedded database and other local state live (default {@code ./data})
 * @param database an external MariaDB, or null for the embedded default
 * @param asterisk the Asterisk servers calls are placed on (empty: {@code cobra serve} starts without dialing)
 * @param fastAgi  where Asterisk's dialplan connects for the IVR
 * @param http     the HTTP server and its tokens
 * @param agents   agent endpoints, wrap-up and pause reasons
 * @param ivr      flows and what they offer
 * @param dialing  campaign supervision and shutdown timings
 * @param logging  log levels per package
 */
public record CobraConfig(String node, Path dataDir, DbSettings database, List<AsteriskConfig> asterisk,
                          FastAgiServerConfig fastAgi, HttpConfig http, AgentsConfig agents, IvrConfig ivr,
                          DialingConfig dialing, LoggingConfig logging) {
    private static final Set<String> TOP = Set.of("node", "dataDir", "database", "pbx", "fastagi", "http", "agents", "ivr",
            "dialing", "logging");
    private static final Set<String> DATABASE = Set.of("url", "user", "password", "poolSize");

    public CobraConfig {
        asterisk = List.copyOf(asterisk);
    }

    /** The configuration with no file: embedded database in {@code ./data}, environment overrides applied. */
    public static CobraConfig defaults(Function<String, String> env) {
        return load("(defaults)", "", env);
    }

    public static CobraConfig load(Path file, Function<String, String> env) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigException.Problem(file.toString(), 1, "", "cannot be read: " + e.getMessage())));
        }
        return load(file.toString(), text, env);
    }

    /**
     * Parses and validates a whole document.
     *
     * @throws ConfigException listing every problem found
     */
    public static CobraConfig load(String fileName, String text, Function<String, String> env) {
        YamlTree tree = YamlTree.parse(fileName, text);
        List<ConfigException.Problem> problems = new ArrayList<>();
        Section root = Section.root(tree, problems, env);
        root.rejectUnknown(TOP);
        String node = root.string("node", defaultNode(env));
        if (node != null && !node.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            root.problem("node", "'" + node + "' (expected: 1-64 letters, digits, '_', '.', '-')");
        }
        String dataDir = firstNonNull(env.apply("COBRA_DATA_DIR"), root.string("dataDir", "data"));
        DbSettings db = database(root, env, problems);
        List<AsteriskConfig> asterisk = ConfigSections.pbx(root.section("pbx"));
        FastAgiServerConfig fastAgi = ConfigSections.fastAgi(root.section("fastagi"));
        HttpConfig http = ConfigSections.http(root.section("http"));
        AgentsConfig agents = ConfigSections.agents(root.section("agents"));
        IvrConfig ivr = ConfigSections.ivr(root.section("ivr"));
        DialingConfig dialing = ConfigSections.dialing(root.section("dialing"));
        LoggingConfig logging = ConfigSections.logging(root.section("logging"));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new CobraConfig(node, Path.of(dataDir), db, asterisk, fastAgi, http, agents, ivr, dialing, logging);
    }

    private static DbSettings database(Section root, Function<String, String> env, List<ConfigException.Problem> problems) {
        Section d = root.section("database");
        String envUrl = env.apply("COBRA_DB_URL");
        if (d == null && envUrl == null) {
            return null;
        }
        if (d != null) {
            d.rejectUnknown(DATABASE);
        }
        String url = firstNonNull(envUrl, d == null ? null : d.requiredString("url"));
        String user = firstNonNull(env.apply("COBRA_DB_USER"), d == null ? "cobra" : d.string("user", "cobra"));
        String password = firstNonNull(env.apply("COBRA_DB_PASSWORD"), d == null ? "" : d.string("password", ""));
        int pool = d == null ? 10 : d.integer("poolSize", 10, 1, 200);
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            return new DbSettings(url, user, password, pool);
        } catch (IllegalArgumentException e) {
            if (d != null) {
                d.problem("url", e.getMessage());
            } else {
                problems.add(new ConfigException.Problem("COBRA_DB_URL", 0, "", e.getMessage()));
            }
            return null;
        }
    }

    private static String defaultNode(Function<String, String> env) {
        String host = env.apply("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "node";
            }
        }
        String cleaned = host.replaceAll("[^A-Za-z0-9_.-]", "-");
        return cleaned.isEmpty() ? "node" : cleaned.substring(0, Math.min(64, cleaned.length()));
    }

    private static <T> T firstNonNull(T a, T b) {
        return a != null ? a : b;
    }
}

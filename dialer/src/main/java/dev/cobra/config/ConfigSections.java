package dev.cobra.config;

import dev.cobra.http.Role;
import dev.cobra.ivr.flow.IvrSettings;
import dev.cobra.ivr.plan.InstallmentPolicy;
import dev.cobra.pbx.asterisk.AsteriskServer;
import dev.cobra.pbx.asterisk.AsteriskSettings;
import dev.cobra.pbx.asterisk.DialString;
import dev.cobra.pbx.asterisk.DialplanContexts;
import dev.cobra.pbx.asterisk.RecordingSettings;
import dev.cobra.pbx.asterisk.agi.FastAgiServerConfig;
import dev.cobra.pix.PixKey;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Readers of {@code cobra.yaml}'s sections beyond node, dataDir and database. Each takes its {@link Section} (null when
 * the section is absent: defaults), records every problem in it, and returns a value built with fallbacks so that the
 * rest of the file is still checked. Not instantiable; stateless.
 */
final class ConfigSections {
    private static final Set<String> PBX = Set.of("asterisk", "recording");
    private static final Set<String> ASTERISK = Set.of("name", "host", "port", "username", "secret", "maxConcurrentCalls",
            "maxOriginatesPerSecond", "callerId", "dialString", "contexts");
    private static final Set<String> DIAL_STRING = Set.of("template", "numberFormat", "countryCode");
    private static final Set<String> CONTEXTS = Set.of("landing", "ivrExten", "holdExten", "agent", "abandon");
    private static final Set<String> RECORDING = Set.of("directory", "fileTemplate", "format", "retentionDays");
    private static final Set<String> FASTAGI = Set.of("bindHost", "port", "sessions", "sessionQueue", "commandTimeoutSeconds",
            "promptPrefix");
    private static final Set<String> HTTP = Set.of("bindHost", "port", "maxBodyBytes", "workerThreads", "tokens");
    private static final Set<String> TOKEN = Set.of("token", "role", "name", "agent");
    private static final Set<String> AGENTS = Set.of("endpoint", "wrapUpSeconds", "pauseReasons", "previewSeconds", "previewSkipMinutes");
    private static final Set<String> IVR = Set.of("flows", "zone", "verifyDocument", "leaveMachineMessage", "callbackNumber",
            "installments", "pix");
    private static final Set<String> INSTALLMENTS = Set.of("maxInstallments", "minInstallmentAmount", "monthlyInterestRate",
            "lumpSumDiscountRate", "downPaymentRate", "firstDueOffsetDays", "roundingMode", "capLateFeeAtCdcCeiling");
    private static final Set<String> PIX = Set.of("key", "merchantName", "merchantCity");
    private static final Set<String> DIALING = Set.of("tickMillis", "pollSeconds", "shutdownGraceSeconds", "leaseMinutes");
    private static final Set<String> LOGGING = Set.of("level", "packages");
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";

    private ConfigSections() {}

    static List<AsteriskConfig> pbx(Section s) {
        if (s == null) {
            return List.of();
        }
        s.rejectUnknown(PBX);
        RecordingSettings recording = recording(s.section("recording"));
        List<AsteriskConfig> out = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (Section a : s.list("asterisk")) {
            a.rejectUnknown(ASTERISK);
            String name = a.requiredString("name");
            String host = a.requiredString("host");
            int port = a.integer("port", 5038, 1, 65535);
            String username = a.requiredString("username");
            String secret = a.requiredString("secret");
            int maxCalls = a.integer("maxConcurrentCalls", 30, 1, 10_000);
            int perSecond = a.integer("maxOriginatesPerSecond", 10, 1, 10_000);
            String callerId = a.requiredString("callerId");
            DialString dial = dialString(a);
            DialplanContexts contexts = contexts(a.section("contexts"));
            if (name != null && names.putIfAbsent(name, a.path()) != null) {
                a.problem("name", "'" + name + "' is also the name of " + names.get(name) + " (expected: unique names)");
            }
            if (name == null || host == null || username == null || secret == null || callerId == null || dial == null
                    || contexts == null || recording == null) {
                continue;
            }
            AsteriskServer server = a.build(() -> new AsteriskServer(name, host, port, username, secret, maxCalls, perSecond),
                    Map.of());
            AsteriskSettings settings = a.build(() -> AsteriskSettings.defaults(dial, callerId, recording), Map.of());
            if (server != null && settings != null) {
                out.add(new AsteriskConfig(server, new AsteriskSettings(dial, contexts, callerId, recording,
                        settings.connectTimeout(), settings.actionTimeout(), settings.reconnectMin(), settings.reconnectMax(),
                        settings.originateGrace(), settings.failureSettle(), settings.auditInterval(), settings.maxPendingActions())));
            }
        }
        return out;
    }

    private static DialString dialString(Section a) {
        Section d = a.section("dialString");
        if (d == null) {
            a.problem("dialString", "required (template, numberFormat, countryCode)");
            return null;
        }
        d.rejectUnknown(DIAL_STRING);
        String template = d.requiredString("template");
        String format = d.choice("numberFormat", "national", List.of("national", "e164"));
        String country = d.string("countryCode", "55");
        if (template == null) {
            return null;
        }
        return d.build(() -> new DialString(template, DialString.NumberFormat.valueOf(format.toUpperCase(Locale.ROOT)), country),
                Map.of());
    }

    private static DialplanContexts contexts(Section c) {
        DialplanContexts defaults = DialplanContexts.defaults();
        if (c == null) {
            return defaults;
        }
        c.rejectUnknown(CONTEXTS);
        String landing = c.string("landing", defaults.landing());
        String ivr = c.string("ivrExten", defaults.ivrExten());
        String hold = c.string("holdExten", defaults.holdExten());
        String agent = c.string("agent", defaults.agent());
        String abandon = c.string("abandon", defaults.abandon());
        return c.build(() -> new DialplanContexts(landing, ivr, hold, agent, abandon), Map.of());
    }

    private static RecordingSettings recording(Section r) {
        RecordingSettings defaults = RecordingSettings.defaults();
        if (r == null) {
            return defaults;
        }
        r.rejectUnknown(RECORDING);
        String directory = r.string("directory", defaults.directory());
        String template = r.string("fileTemplate", defaults.fileTemplate());
        String format = r.string("format", defaults.format());
        int days = r.integer("retentionDays", defaults.retentionDays(), 1, 3650);
        return r.build(() -> new RecordingSettings(directory, template, format, days), Map.of());
    }

    static FastAgiServerConfig fastAgi(Section s) {
        FastAgiServerConfig defaults = FastAgiServerConfig.defaults().withCallIdVariable("COBRA_CALL_ID");
        if (s == null) {
            return defaults;
        }
        s.rejectUnknown(FASTAGI);
        String host = s.string("bindHost", defaults.bindHost());
        int port = s.integer("port", defaults.port(), 0, 65535);
        int sessions = s.integer("sessions", defaults.sessionThreads(), 1, 4096);
        int queue = s.integer("sessionQueue", defaults.sessionQueue(), 0, 4096);
        int timeout = s.integer("commandTimeoutSeconds", (int) defaults.commandTimeout().toSeconds(), 1, 300);
        String prefix = s.string("promptPrefix", defaults.promptPrefix());
        FastAgiServerConfig built = s.build(() -> new FastAgiServerConfig(host, port, defaults.ioThreads(), sessions, queue,
                Duration.ofSeconds(timeout), defaults.maxPromptLength(), defaults.callIdVariable(), prefix, defaults.limits()),
                Map.of("sessionThreads", "sessions", "commandTimeout", "commandTimeoutSeconds"));
        return built == null ? defaults : built;
    }

    static HttpConfig http(Section s) {
        HttpConfig defaults = HttpConfig.defaults();
        if (s == null) {
            return defaults;
        }
        s.rejectUnknown(HTTP);
        String host = s.string("bindHost", defaults.bindHost());
        int port = s.integer("port", defaults.port(), 0, 65535);
        int maxBody = s.integer("maxBodyBytes", defaults.maxBodyBytes(), 1024, 64 << 20);
        int workers = s.integer("workerThreads", defaults.workerThreads(), 1, 256);
        List<HttpConfig.Token> tokens = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Section t : s.list("tokens")) {
            t.rejectUnknown(TOKEN);
            String token = t.requiredString("token");
            String role = t.choice("role", null, List.of("admin", "supervisor", "agent"));
            if (!t.has("role")) {
                t.problem("role", "required (admin, supervisor or agent)");
            }
            String agent = t.string("agent", null);
            if ("agent".equals(role) && (agent == null || !agent.matches(NAME))) {
                t.problem("agent", agent == null ? "required for an agent token (the agent id it acts as)"
                        : "'" + agent + "' (expected: 1-64 letters, digits, '_', '.', '-')");
            } else if (role != null && !"agent".equals(role) && agent != null) {
                t.problem("agent", "only agent tokens act as an agent (this one is " + role + ")");
            }
            String name = t.string("name", role == null ? "token" : "agent".equals(role) ? "agent-" + agent : role);
            if (token != null && !token.isBlank() && token.length() < HttpConfig.MIN_TOKEN_CHARS) {
                // The value is a secret: say how long it is, never what it is.
                t.problem("token", token.length() + " characters (expected: at least " + HttpConfig.MIN_TOKEN_CHARS + ")");
            } else if (token != null && seen.putIfAbsent(token, t.path()) != null) {
                t.problem("token", "the same token as " + seen.get(token) + " (expected: one token per holder)");
            } else if (token != null && !token.isBlank() && role != null) {
                tokens.add(new HttpConfig.Token(token, Role.valueOf(role.toUpperCase(Locale.ROOT)), name,
                        "agent".equals(role) ? agent : null));
            }
        }
        return new HttpConfig(host, port, maxBody, workers, tokens);
    }

    static AgentsConfig agents(Section s) {
        AgentsConfig defaults = AgentsConfig.defaults();
        if (s == null) {
            return defaults;
        }
        s.rejectUnknown(AGENTS);
        String endpoint = s.string("endpoint", defaults.endpointTemplate());
        if (endpoint != null && (!endpoint.contains("{ext}") || !endpoint.contains("/") || endpoint.matches(".*[\\r\\n,&].*"))) {
            s.problem("endpoint", "'" + endpoint + "' (expected: TECH/...{ext}..., e.g. PJSIP/{ext})");
        }
        int wrapUp = s.integer("wrapUpSeconds", (int) defaults.wrapUp().toSeconds(), 0, 3600);
        List<String> reasons = s.strings("pauseReasons", List.copyOf(defaults.pauseReasons()));
        for (int i = 0; i < reasons.size(); i++) {
            if (!reasons.get(i).matches("[a-z0-9][a-z0-9_-]{0,31}")) {
                s.problem("pauseReasons[" + i + "]", "'" + reasons.get(i) + "' (expected: 1-32 of a-z, 0-9, '_', '-')");
            }
        }
        int preview = s.integer("previewSeconds", (int) defaults.preview().toSeconds(), 5, 3600);
        int skip = s.integer("previewSkipMinutes", (int) defaults.previewSkipDelay().toMinutes(), 0, 10_080);
        return new AgentsConfig(endpoint, Duration.ofSeconds(wrapUp), new LinkedHashSet<>(reasons), Duration.ofSeconds(preview),
                Duration.ofMinutes(skip));
    }

    static IvrConfig ivr(Section s) {
        IvrConfig defaults = IvrConfig.defaults();
        if (s == null) {
            return defaults;
        }
        s.rejectUnknown(IVR);
        List<Path> flows = new ArrayList<>();
        List<String> listed = s.strings("flows", List.of());
        for (int i = 0; i < listed.size(); i++) {
            Path p = Path.of(listed.get(i));
            if (!Files.exists(p)) {
                s.problem("flows[" + i + "]", "'" + listed.get(i) + "' does not exist (expected: a flow file or a directory of them)");
            } else {
                flows.add(p);
            }
        }
        ZoneId zone = defaults.zone();
        String zoneName = s.string("zone", null);
        if (zoneName != null) {
            try {
                zone = ZoneId.of(zoneName);
            } catch (DateTimeException e) {
                s.problem("zone", "'" + zoneName + "' (expected: a time zone such as America/Sao_Paulo)");
            }
        }
        String callback = s.string("callbackNumber", defaults.callbackNumber());
        if (!callback.matches("[0-9]{0,15}")) {
            s.problem("callbackNumber", "'" + callback + "' (expected: digits only, at most 15)");
        }
        return new IvrConfig(flows, zone, installments(s.section("installments")), s.bool("verifyDocument", false),
                s.bool("leaveMachineMessage", defaults.leaveMachineMessage()), callback, pix(s.section("pix")));
    }

    private static InstallmentPolicy installments(Section s) {
        InstallmentPolicy d = IvrConfig.defaultPolicy();
        if (s == null) {
            return d;
        }
        s.rejectUnknown(INSTALLMENTS);
        BigDecimal one = BigDecimal.ONE;
        int max = s.integer("maxInstallments", d.maxInstallments(), 1, InstallmentPolicy.MAX_INSTALLMENTS_LIMIT);
        BigDecimal min = s.decimal("minInstallmentAmount", d.minInstallmentAmount(), BigDecimal.ZERO, new BigDecimal("1000000"));
        BigDecimal interest = s.decimal("monthlyInterestRate", d.monthlyInterestRate(), BigDecimal.ZERO, one);
        BigDecimal discount = s.decimal("lumpSumDiscountRate", d.lumpSumDiscountRate(), BigDecimal.ZERO, one);
        BigDecimal down = s.decimal("downPaymentRate", d.downPaymentRate(), BigDecimal.ZERO, one);
        int offset = s.integer("firstDueOffsetDays", d.firstDueOffsetDays(), 0, InstallmentPolicy.MAX_FIRST_DUE_OFFSET_DAYS);
        String rounding = s.choice("roundingMode", "half_even", List.of("half_even", "half_up"));
        boolean cap = s.bool("capLateFeeAtCdcCeiling", d.capLateFeeAtCdcCeiling());
        InstallmentPolicy built = s.build(() -> new InstallmentPolicy(max, min, interest, discount, down, offset,
                RoundingMode.valueOf(rounding.toUpperCase(Locale.ROOT)), cap), Map.of());
        return built == null ? d : built;
    }

    private static Optional<IvrSettings.PixPayee> pix(Section s) {
        if (s == null) {
            return Optional.empty();
        }
        s.rejectUnknown(PIX);
        String key = s.requiredString("key");
        String name = s.requiredString("merchantName");
        String city = s.requiredString("merchantCity");
        if (name != null && name.length() > 25) {
            s.problem("merchantName", name.length() + " characters (expected: at most 25, the BR Code's limit)");
        }
        if (city != null && city.length() > 15) {
            s.problem("merchantCity", city.length() + " characters (expected: at most 15, the BR Code's limit)");
        }
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new IvrSettings.PixPayee(PixKey.parse(key), name, city));
        } catch (IllegalArgumentException e) {
            s.problem("key", e.getMessage()); // PixKey's messages name the length, never the key
            return Optional.empty();
        }
    }

    static DialingConfig dialing(Section s) {
        DialingConfig d = DialingConfig.defaults();
        if (s == null) {
            return d;
        }
        s.rejectUnknown(DIALING);
        return new DialingConfig(Duration.ofMillis(s.integer("tickMillis", (int) d.tick().toMillis(), 50, 1000)),
                Duration.ofSeconds(s.integer("pollSeconds", (int) d.poll().toSeconds(), 1, 60)),
                Duration.ofSeconds(s.integer("shutdownGraceSeconds", (int) d.shutdownGrace().toSeconds(), 0, 600)),
                Duration.ofMinutes(s.integer("leaseMinutes", (int) d.lease().toMinutes(), 1, 240)));
    }

    static LoggingConfig logging(Section s) {
        if (s == null) {
            return LoggingConfig.defaults();
        }
        s.rejectUnknown(LOGGING);
        String root = level(s, "level");
        Map<String, String> levels = new LinkedHashMap<>();
        Section packages = s.section("packages");
        if (packages != null) {
            for (String logger : packages.keys()) {
                if (!logger.matches("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)*")) {
                    packages.problem(logger, "not a package or class name");
                    continue;
                }
                String level = level(packages, logger);
                if (level != null) {
                    levels.put(logger, level);
                }
            }
        }
        return new LoggingConfig(root, levels);
    }

    private static String level(Section s, String key) {
        String v = s.string(key, null);
        if (v == null) {
            return null;
        }
        String upper = v.trim().toUpperCase(Locale.ROOT);
        if (!LoggingConfig.LEVELS.contains(upper)) {
            s.problem(key, "'" + v + "' (expected one of: " + String.join(", ", LoggingConfig.LEVELS).toLowerCase(Locale.ROOT) + ")");
            return null;
        }
        return upper;
    }
}

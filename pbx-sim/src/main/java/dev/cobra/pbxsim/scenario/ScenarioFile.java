package dev.cobra.pbxsim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@link Scenario} from YAML (see {@code scenarios/collections-demo.yaml} in the jar for a
 * commented example). Durations are written {@code 500ms}, {@code 2s}, {@code 1m} or ISO-8601
 * ({@code PT2S}); distributions as {@code {fixed: 2s}}, {@code {uniform: [1s, 8s]}} or
 * {@code {exponential: 45s, max: 300s}}. Every problem is collected and reported at once, each
 * naming the file and the field path. Unknown keys are errors (a typo must not silently fall
 * back to a default).
 */
public final class ScenarioFile {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");
    private static final Set<String> TOP = Set.of("seed", "traceNumbers", "customers", "numbers", "agents");
    private static final Set<String> CUSTOMER_KEYS = Set.of("answer", "machine", "busy", "noAnswer", "congestion",
            "unallocated", "notSure", "ringTime", "talkTime", "machineTime", "dtmfShare", "dtmf");
    private static final Set<String> NUMBER_KEYS = Set.of("outcome", "ringTime", "talkTime", "amd", "dtmf");
    private static final Set<String> AGENT_KEYS = Set.of("ringTime", "talkTime", "nailedUpTime");

    private final List<String> errors = new ArrayList<>();

    private ScenarioFile() {}

    /** Thrown when a scenario file does not validate; the message lists every problem. */
    public static final class InvalidScenarioException extends IllegalArgumentException {
        private final List<String> problems;

        InvalidScenarioException(String source, List<String> problems) {
            super(source + ": " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    public static Scenario read(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    /**
     * @param source file name for messages
     * @throws InvalidScenarioException listing every problem found
     */
    public static Scenario parse(String yaml, String source) {
        ScenarioFile f = new ScenarioFile();
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new InvalidScenarioException(source, List.of(where + "not valid YAML: " + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidScenarioException(source, List.of("(root): expected a mapping"));
        }
        Scenario s = f.scenario(root);
        if (!f.errors.isEmpty()) {
            throw new InvalidScenarioException(source, f.errors);
        }
        return s;
    }

    private Scenario scenario(JsonNode root) {
        unknownKeys(root, TOP, "");
        long seed = root.has("seed") ? longValue(root.get("seed"), "seed") : 1L;
        boolean traces = !root.has("traceNumbers") || bool(root.get("traceNumbers"), "traceNumbers");
        Scenario.Builder b = Scenario.builder(seed).traceNumbers(traces);
        if (root.has("customers")) {
            CustomerMix mix = customers(root.get("customers"));
            if (mix != null) {
                b.customers(mix);
            }
        }
        if (root.has("agents")) {
            AgentProfile agents = agents(root.get("agents"));
            if (agents != null) {
                b.agents(agents);
            }
        }
        JsonNode numbers = root.get("numbers");
        if (numbers != null) {
            if (!numbers.isObject()) {
                error("numbers", numbers, "a mapping of number → behaviour");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = numbers.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    PhoneBehaviour p = number(e.getValue(), "numbers." + e.getKey(), e.getKey());
                    if (p != null) {
                        b.number(e.getKey(), p);
                    }
                }
            }
        }
        return b.build();
    }

    private CustomerMix customers(JsonNode n) {
        if (!n.isObject()) {
            error("customers", n, "a mapping");
            return null;
        }
        unknownKeys(n, CUSTOMER_KEYS, "customers.");
        CustomerMix d = CustomerMix.typical();
        double answer = share(n, "answer", d.answer());
        double machine = share(n, "machine", d.machine());
        double busy = share(n, "busy", d.busy());
        double noAnswer = share(n, "noAnswer", d.noAnswer());
        double congestion = share(n, "congestion", d.congestion());
        double unallocated = share(n, "unallocated", d.unallocated());
        double notSure = share(n, "notSure", d.notSure());
        double dtmfShare = share(n, "dtmfShare", d.dtmfShare());
        Distribution ring = distribution(n.get("ringTime"), "customers.ringTime", d.ringTime());
        Distribution talk = distribution(n.get("talkTime"), "customers.talkTime", d.talkTime());
        Distribution mt = distribution(n.get("machineTime"), "customers.machineTime", d.machineTime());
        List<DtmfPress> dtmf = dtmf(n.get("dtmf"), "customers.dtmf");
        try {
            return new CustomerMix(answer, machine, busy, noAnswer, congestion, unallocated, notSure, ring, talk, mt,
                    dtmfShare, dtmf);
        } catch (IllegalArgumentException e) {
            errors.add("customers: " + e.getMessage());
            return null;
        }
    }

    private AgentProfile agents(JsonNode n) {
        if (!n.isObject()) {
            error("agents", n, "a mapping");
            return null;
        }
        unknownKeys(n, AGENT_KEYS, "agents.");
        AgentProfile d = AgentProfile.traces();
        Distribution ring = distribution(n.get("ringTime"), "agents.ringTime", d.ringTime());
        Distribution talk = distribution(n.get("talkTime"), "agents.talkTime", d.talkTime());
        Duration nailed = n.has("nailedUpTime") ? duration(n.get("nailedUpTime"), "agents.nailedUpTime")
                : d.nailedUpTime();
        return new AgentProfile(ring, talk, nailed == null ? d.nailedUpTime() : nailed);
    }

    private PhoneBehaviour number(JsonNode n, String path, String number) {
        if (!number.matches("[0-9]+")) {
            errors.add(path + ": '" + number + "' (expected: digits only, as dialed in Local/N@customers)");
        }
        if (!n.isObject()) {
            error(path, n, "a mapping with outcome, ringTime, talkTime, amd, dtmf");
            return null;
        }
        unknownKeys(n, NUMBER_KEYS, path + ".");
        PhoneOutcome outcome = enumValue(PhoneOutcome.class, n.get("outcome"), path + ".outcome");
        if (!n.has("outcome")) {
            errors.add(path + ".outcome: missing (expected: one of " + List.of(PhoneOutcome.values()) + ")");
        }
        Duration ring = n.has("ringTime") ? duration(n.get("ringTime"), path + ".ringTime") : Duration.ZERO;
        Duration talk = n.has("talkTime") ? duration(n.get("talkTime"), path + ".talkTime") : Duration.ofSeconds(30);
        if (outcome == null || ring == null || talk == null) {
            return null;
        }
        PhoneBehaviour p;
        if (outcome == PhoneOutcome.ANSWER) {
            p = PhoneBehaviour.answers(ring, talk);
        } else if (outcome == PhoneOutcome.MACHINE) {
            p = PhoneBehaviour.machine(ring, talk);
        } else {
            p = PhoneBehaviour.fails(outcome, ring);
        }
        if (n.has("amd")) {
            AmdVerdict v = enumValue(AmdVerdict.class, n.get("amd"), path + ".amd");
            if (v != null) {
                p = p.withAmd(v);
            }
        }
        List<DtmfPress> dtmf = dtmf(n.get("dtmf"), path + ".dtmf");
        return p.withDtmf(dtmf).withLabel("customer " + number + ": " + outcome.name().toLowerCase(Locale.ROOT));
    }

    private List<DtmfPress> dtmf(JsonNode n, String path) {
        List<DtmfPress> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (!n.isArray()) {
            error(path, n, "a list of {after: 5s, digits: \"1\"}");
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            String p = path + "[" + i + "]";
            Duration after = e.has("after") ? duration(e.get("after"), p + ".after") : null;
            if (!e.has("after")) {
                errors.add(p + ".after: missing (expected: a duration)");
            }
            String digits = e.path("digits").asText("");
            try {
                if (after != null) {
                    out.add(new DtmfPress(after, digits));
                }
            } catch (IllegalArgumentException ex) {
                errors.add(p + ": " + ex.getMessage());
            }
        }
        return out;
    }

    private Distribution distribution(JsonNode n, String path, Distribution fallback) {
        if (n == null) {
            return fallback;
        }
        if (!n.isObject() || n.size() == 0) {
            error(path, n, "{fixed: 2s} | {uniform: [1s, 8s]} | {exponential: 45s, max: 300s}");
            return fallback;
        }
        try {
            if (n.has("fixed")) {
                Duration d = duration(n.get("fixed"), path + ".fixed");
                return d == null ? fallback : Distribution.fixed(d);
            }
            if (n.has("uniform")) {
                JsonNode r = n.get("uniform");
                if (!r.isArray() || r.size() != 2) {
                    error(path + ".uniform", r, "[min, max]");
                    return fallback;
                }
                Duration a = duration(r.get(0), path + ".uniform[0]");
                Duration b = duration(r.get(1), path + ".uniform[1]");
                return a == null || b == null ? fallback : Distribution.uniform(a, b);
            }
            if (n.has("exponential")) {
                Duration mean = duration(n.get("exponential"), path + ".exponential");
                Duration max = n.has("max") ? duration(n.get("max"), path + ".max") : null;
                if (mean == null) {
                    return fallback;
                }
                return Distribution.exponential(mean, max != null ? max : mean.multipliedBy(10));
            }
        } catch (IllegalArgumentException e) {
            errors.add(path + ": " + e.getMessage());
            return fallback;
        }
        error(path, n, "{fixed: 2s} | {uniform: [1s, 8s]} | {exponential: 45s, max: 300s}");
        return fallback;
    }

    private Duration duration(JsonNode n, String path) {
        String text = n == null ? "" : n.asText().trim();
        Matcher m = DURATION.matcher(text);
        if (m.matches()) {
            double v = Double.parseDouble(m.group(1));
            double ms = v * (m.group(2).equals("ms") ? 1 : m.group(2).equals("s") ? 1000
                    : m.group(2).equals("m") ? 60_000 : 3_600_000);
            return Duration.ofMillis(Math.round(ms));
        }
        try {
            Duration d = Duration.parse(text);
            if (!d.isNegative()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        error(path, n, "a duration like 500ms, 2s, 1.5m, 1h or PT2S");
        return null;
    }

    private double share(JsonNode parent, String key, double fallback) {
        JsonNode n = parent.get(key);
        if (n == null) {
            return fallback;
        }
        if (!n.isNumber() || n.asDouble() < 0 || n.asDouble() > 1) {
            error("customers." + key, n, "a number between 0 and 1");
            return fallback;
        }
        return n.asDouble();
    }

    private long longValue(JsonNode n, String path) {
        if (!n.canConvertToLong()) {
            error(path, n, "an integer");
            return 1L;
        }
        return n.asLong();
    }

    private boolean bool(JsonNode n, String path) {
        if (!n.isBoolean()) {
            error(path, n, "true or false");
            return true;
        }
        return n.asBoolean();
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, JsonNode n, String path) {
        if (n == null) {
            return null;
        }
        String text = n.asText().trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(text)) {
                return e;
            }
        }
        error(path, n, "one of " + List.of(type.getEnumConstants()));
        return null;
    }

    private void unknownKeys(JsonNode n, Set<String> known, String prefix) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                errors.add(prefix + k + ": unknown key (expected one of " + new java.util.TreeSet<>(known) + ")");
            }
        }
    }

    private void error(String path, JsonNode n, String expected) {
        String shown = n == null ? "" : n.isValueNode() ? n.asText() : n.toString();
        errors.add(path + ": '" + shown + "' (expected: " + expected + ")");
    }

}

package dev.cobra.compliance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cobra.calls.CallOutcome;
import dev.cobra.calls.Disposition;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a jurisdiction preset (YAML, see {@code config/compliance/}) into a {@link Policy}.
 * A preset may name another with {@code extends: BR}: its maps are merged over the base's, key
 * by key (the window and lists are replaced whole). Unknown keys are errors (a typo in a
 * compliance file must not pass silently). Every problem is collected and reported at once with
 * file, line and field.
 *
 * <p>The only I/O is reading the given reader; {@link #builtIn} opens the presets shipped in the
 * jar under {@code /compliance/}.
 */
public final class PresetLoader {
    /** A YAML value with the line it was read from: a map, a list, a scalar's text, or null. */
    private record Node(Object value, int line, String file) {}

    private PresetLoader() {}

    /** A preset shipped in the jar: "BR", "BR-SP", "BR-RJ", "US", "UK". */
    public static Policy builtIn(String name) {
        return parse(name + ".yaml", open(name), PresetLoader::open);
    }

    private static Reader open(String name) {
        InputStream in = PresetLoader.class.getResourceAsStream("/compliance/" + name + ".yaml");
        if (in == null) {
            throw new IllegalArgumentException("preset: " + name + " (expected one of the shipped presets: BR, BR-SP, BR-RJ, US, UK)");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /**
     * Parses one preset. {@code bases} opens the preset named by {@code extends}; the caller's
     * reader is closed when done.
     *
     * @throws PresetException listing every problem found
     */
    public static Policy parse(String fileName, Reader reader, Function<String, Reader> bases) {
        Map<String, Node> root = resolve(fileName, reader, bases, 0);
        var errors = new ArrayList<String>();
        var fields = new Fields(fileName, root, "", 1, errors);
        Policy policy = null;
        try {
            policy = build(fields);
        } catch (RuntimeException e) {
            if (errors.isEmpty()) {
                errors.add(fileName + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new PresetException(fileName, errors, null);
        }
        return policy;
    }

    private static Map<String, Node> resolve(String fileName, Reader reader, Function<String, Reader> bases, int depth) {
        Node node;
        try (reader; JsonParser p = new YAMLFactory().createParser(reader)) {
            p.nextToken();
            node = read(p, fileName);
        } catch (IOException e) {
            throw new PresetException(fileName, List.of(fileName + ": " + e.getMessage()), e);
        }
        if (!(node.value() instanceof Map)) {
            throw new PresetException(fileName, List.of(fileName + ":" + node.line() + ": expected a map at the top"), null);
        }
        @SuppressWarnings("unchecked")
        Map<String, Node> map = (Map<String, Node>) node.value();
        Node base = map.remove("extends");
        if (base == null) {
            return map;
        }
        if (depth > 4 || !(base.value() instanceof String)) {
            throw new PresetException(fileName, List.of(fileName + ":" + base.line() + ": extends: expected a preset name, at most 4 deep"), null);
        }
        String baseName = (String) base.value();
        Map<String, Node> merged = resolve(baseName + ".yaml", bases.apply(baseName), bases, depth + 1);
        merge(merged, map);
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Node> into, Map<String, Node> over) {
        for (var e : over.entrySet()) {
            Node old = into.get(e.getKey());
            if (old != null && old.value() instanceof Map && e.getValue().value() instanceof Map && !e.getKey().equals("window")) {
                merge((Map<String, Node>) old.value(), (Map<String, Node>) e.getValue().value());
            } else {
                into.put(e.getKey(), e.getValue());
            }
        }
    }

    private static Node read(JsonParser p, String file) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            var map = new LinkedHashMap<String, Node>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                map.put(key, read(p, file));
            }
            return new Node(map, line, file);
        }
        if (token == JsonToken.START_ARRAY) {
            var list = new ArrayList<Node>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                list.add(read(p, file));
            }
            return new Node(list, line, file);
        }
        return new Node(token == JsonToken.VALUE_NULL ? null : p.getText(), line, file);
    }

    /** Typed access to one map of the tree, recording problems instead of throwing. */
    private static final class Fields {
        final String file;
        final Map<String, Node> map;
        final String path;
        final int line;
        final List<String> errors;
        final Set<String> used = new HashSet<>();
        /** A missing section was reported once; its fields are not reported again. */
        boolean silent;

        Fields(String file, Map<String, Node> map, String path, int line, List<String> errors) {
            this.file = file;
            this.map = map;
            this.path = path;
            this.line = line;
            this.errors = errors;
        }

        void error(Node at, String key, String problem) {
            if (silent) {
                return;
            }
            String where = at != null ? at.file() + ":" + at.line() : file + ":" + line;
            errors.add(where + ": " + path + key + ": " + problem);
        }

        Node node(String key, boolean required) {
            used.add(key);
            Node n = map.get(key);
            if ((n == null || n.value() == null) && required) {
                error(null, key, "missing");
                return null;
            }
            return n == null || n.value() == null ? null : n;
        }

        String text(String key, String fallback) {
            Node n = node(key, fallback == null);
            if (n == null) {
                return fallback;
            }
            if (!(n.value() instanceof String)) {
                error(n, key, "expected a single value");
                return fallback;
            }
            return (String) n.value();
        }

        <T> T parsed(String key, String fallback, Function<String, T> parser, T onError) {
            String t = text(key, fallback);
            if (t == null) {
                return onError;
            }
            try {
                return parser.apply(t);
            } catch (RuntimeException e) {
                error(map.get(key), key, e.getMessage());
                return onError;
            }
        }

        int count(String key, String fallback) {
            return parsed(key, fallback, t -> t.equalsIgnoreCase("unlimited") ? Integer.MAX_VALUE : positiveInt(t), 1);
        }

        Duration duration(String key, String fallback) {
            return parsed(key, fallback, Durations::parse, Duration.ZERO);
        }

        Fields child(String key, boolean required) {
            Node n = node(key, required);
            if (n != null && !(n.value() instanceof Map)) {
                error(n, key, "expected a map");
                n = null;
            }
            @SuppressWarnings("unchecked")
            Map<String, Node> m = n == null ? Map.of() : (Map<String, Node>) n.value();
            var child = new Fields(file, m, path + key + ".", n == null ? line : n.line(), errors);
            child.silent = n == null;
            return child;
        }

        List<Node> list(String key) {
            Node n = node(key, false);
            if (n == null) {
                return List.of();
            }
            if (n.value() instanceof List) {
                @SuppressWarnings("unchecked")
                List<Node> l = (List<Node>) n.value();
                return l;
            }
            return List.of(n);
        }

        void rejectUnknown() {
            for (var e : map.entrySet()) {
                if (!used.contains(e.getKey())) {
                    error(e.getValue(), e.getKey(), "unknown key");
                }
            }
        }
    }

    private static int positiveInt(String t) {
        int n = Integer.parseInt(t.trim());
        if (n < 0) {
            throw new IllegalArgumentException(n + " (expected: >= 0)");
        }
        return n;
    }

    private static Policy build(Fields f) {
        String name = f.text("name", null);
        Jurisdiction jurisdiction = f.parsed("jurisdiction", null,
                t -> Jurisdiction.valueOf(t.trim().toUpperCase(Locale.ROOT)), Jurisdiction.BR);
        CallingWindow window = window(f.child("window", true));
        HolidayCalendar holidays = holidays(f.child("holidays", false));
        Caps caps = caps(f.child("caps", true));
        Cadence cadence = cadence(f.child("cadence", true));
        TelecomRules telecom = telecom(f.child("telecom", true));
        f.rejectUnknown();
        if (!f.errors.isEmpty()) {
            return null;
        }
        return new Policy(name, jurisdiction, window, holidays, caps, cadence, telecom);
    }

    private static CallingWindow window(Fields f) {
        var ranges = new EnumMap<DayOfWeek, List<DailyRange>>(DayOfWeek.class);
        for (String key : f.map.keySet()) {
            List<DayOfWeek> days;
            try {
                days = days(key);
            } catch (IllegalArgumentException e) {
                f.error(f.map.get(key), key, e.getMessage());
                continue;
            }
            for (Node n : f.list(key)) {
                try {
                    DailyRange r = DailyRange.parse(String.valueOf(n.value()));
                    for (DayOfWeek d : days) {
                        ranges.computeIfAbsent(d, x -> new ArrayList<>()).add(r);
                    }
                } catch (IllegalArgumentException e) {
                    f.error(n, key, e.getMessage());
                }
            }
        }
        try {
            return CallingWindow.of(ranges);
        } catch (IllegalArgumentException e) {
            f.error(null, "", e.getMessage());
            return CallingWindow.of(Map.of());
        }
    }

    /** "mon", "mon-fri", "sat". */
    private static List<DayOfWeek> days(String key) {
        String[] ends = key.trim().toLowerCase(Locale.ROOT).split("-");
        DayOfWeek from = day(ends[0], key);
        DayOfWeek to = ends.length > 1 ? day(ends[1], key) : from;
        if (ends.length > 2 || to.compareTo(from) < 0) {
            throw new IllegalArgumentException("expected a day or a range of days such as mon-fri");
        }
        var out = new ArrayList<DayOfWeek>();
        for (int d = from.ordinal(); d <= to.ordinal(); d++) {
            out.add(DayOfWeek.values()[d]);
        }
        return out;
    }

    private static DayOfWeek day(String abbreviation, String key) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().toLowerCase(Locale.ROOT).startsWith(abbreviation) && abbreviation.length() >= 3) {
                return d;
            }
        }
        throw new IllegalArgumentException("expected a day or a range of days such as mon-fri, not " + key);
    }

    private static HolidayCalendar holidays(Fields f) {
        boolean national = f.parsed("brazilNational", "false", Boolean::parseBoolean, false);
        Set<MonthDay> annual = monthDays(f, "annual");
        var dates = new HashSet<LocalDate>();
        for (Node n : f.list("dates")) {
            try {
                dates.add(LocalDate.parse(String.valueOf(n.value())));
            } catch (DateTimeParseException e) {
                f.error(n, "dates", n.value() + " (expected: YYYY-MM-DD)");
            }
        }
        var regional = new HashMap<String, Set<MonthDay>>();
        Fields r = f.child("regional", false);
        for (String region : r.map.keySet()) {
            regional.put(region, monthDays(r, region));
        }
        f.rejectUnknown();
        return new HolidayCalendar(national, annual, dates, regional);
    }

    private static Set<MonthDay> monthDays(Fields f, String key) {
        var out = new HashSet<MonthDay>();
        for (Node n : f.list(key)) {
            try {
                out.add(MonthDay.parse("--" + n.value()));
            } catch (DateTimeParseException e) {
                f.error(n, key, n.value() + " (expected: MM-DD)");
            }
        }
        return out;
    }

    private static Caps caps(Fields f) {
        Caps caps = null;
        try {
            caps = new Caps(
                    f.count("attemptsPerDebtorPerDay", null),
                    f.count("attemptsPerDebtorPer7Days", null),
                    f.count("attemptsPerPhonePerDay", null),
                    f.count("attemptsPerPhonePer7Days", null),
                    f.count("conversationsPer7Days", null),
                    f.duration("gapAfterConversation", "0s"),
                    f.duration("gapAfterAbandoned", "0s"),
                    f.duration("minGapBetweenAttempts", "0s"),
                    f.count("lifetimeAttempts", null));
        } catch (IllegalArgumentException e) {
            f.error(null, "", e.getMessage());
        }
        f.rejectUnknown();
        return caps;
    }

    private static Cadence cadence(Fields f) {
        int first = f.parsed("firstCallAfterDueDays", null, PresetLoader::positiveInt, 0);
        int handOff = f.parsed("handOffAfterDaysOverdue", "0", PresetLoader::positiveInt, 0);
        String nextStage = f.text("nextStage", "none");
        Map<CallOutcome, RetryRule> outcomes = retryRules(f.child("retryAfterOutcome", false), CallOutcome.class);
        Map<Disposition, RetryRule> dispositions = retryRules(f.child("retryAfterDisposition", false), Disposition.class);
        f.rejectUnknown();
        try {
            return new Cadence(first, handOff, nextStage, outcomes, dispositions);
        } catch (IllegalArgumentException e) {
            f.error(null, "", e.getMessage());
            return null;
        }
    }

    private static <E extends Enum<E>> Map<E, RetryRule> retryRules(Fields f, Class<E> type) {
        var out = new EnumMap<E, RetryRule>(type);
        for (String key : f.map.keySet()) {
            E value = f.parsed(key, null, t -> Enum.valueOf(type, key.toUpperCase(Locale.ROOT)), null);
            RetryRule rule = f.parsed(key, null, RetryRule::parse, null);
            if (value != null && rule != null) {
                out.put(value, rule);
            }
        }
        return out;
    }

    private static TelecomRules telecom(Fields f) {
        Duration ring = f.duration("minRingTimeout", null);
        double abandon = f.parsed("maxAbandonRate", null, Double::parseDouble, 0.0);
        Duration abandonWindow = f.duration("abandonRateWindow", null);
        ShortCallRule shortCalls = null;
        if (f.map.containsKey("shortCalls")) {
            Fields s = f.child("shortCalls", true);
            try {
                shortCalls = new ShortCallRule(
                        s.duration("shortCallMax", null),
                        s.parsed("blockAtCallsPerDay", null, Long::parseLong, 0L),
                        s.parsed("blockAtShortShare", null, Double::parseDouble, 0.0),
                        s.parsed("throttleAtCallsPerDay", null, Long::parseLong, 0L),
                        s.parsed("throttleAtShortShare", null, Double::parseDouble, 0.0),
                        s.parsed("dayZone", null, ZoneId::of, ZoneId.of("America/Sao_Paulo")));
            } catch (IllegalArgumentException e) {
                s.error(null, "", e.getMessage());
            }
            s.rejectUnknown();
        }
        f.rejectUnknown();
        try {
            return new TelecomRules(ring, abandon, abandonWindow, shortCalls);
        } catch (RuntimeException e) {
            f.error(null, "", String.valueOf(e.getMessage()));
            return null;
        }
    }

    /** Reads a preset from a stream (e.g. a file given on the command line). */
    public static Policy parse(String fileName, InputStream in) {
        return parse(fileName, new InputStreamReader(in, StandardCharsets.UTF_8), PresetLoader::open);
    }

}

package dev.cobra.ivr.flow;

import dev.cobra.config.ConfigException;
import dev.cobra.config.YamlTree;
import dev.cobra.ivr.Dtmf;
import dev.cobra.ivr.TransferTarget;
import dev.cobra.ivr.speech.SpeechLanguage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads a flow file and validates all of it before anything runs, reporting every problem at once
 * with file, line and node ({@code collection.yaml:42: nodes.menu.options.3: unknown node 'pay'}):
 * unknown node types and settings, references to missing nodes, dangling menu options, nodes no
 * path reaches, prompts with no audio file in a language of the flow, unknown variables and
 * conditions, and debt details reachable before the right-party check (CDC art. 42, LGPD).
 *
 * <p>File layout:
 * <pre>
 * flow: collection
 * languages: [pt-BR, en]
 * start: greeting
 * machine-start: machine        # optional
 * nodes:
 *   greeting:
 *     type: play
 *     prompts: [phrase/company-greeting, $first-name]
 *     next: menu
 * </pre>
 * Stateless and thread-safe.
 */
public final class FlowLoader {
    private static final Pattern NODE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");
    private static final Pattern FIXED_PROMPT = Pattern.compile("[a-z]+/[a-z0-9-]+");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final int DEFAULT_RETRIES = 2;
    private static final Set<String> TOP_KEYS = Set.of("flow", "languages", "start", "machine-start", "nodes");
    private static final Set<String> COMMON = Set.of("type", "when", "otherwise", "right-party");
    private static final Set<String> ASK = Set.of("prompts", "timeout-ms", "retries", "invalid", "no-input", "on-fail");
    private static final Map<String, Set<String>> KEYS_BY_TYPE = Map.ofEntries(
            Map.entry("play", Set.of("prompts", "next")),
            Map.entry("say-money", Set.of("amount", "next")),
            Map.entry("say-date", Set.of("date", "next")),
            Map.entry("menu", union(ASK, Set.of("options"))),
            Map.entry("collect-digits", union(ASK, Set.of("length", "terminator", "check", "next", "on-mismatch"))),
            Map.entry("offer-installments", union(ASK, Set.of("next"))),
            Map.entry("choose-full-payment", Set.of("next")),
            Map.entry("confirm", union(ASK, Set.of("next", "back"))),
            Map.entry("record-agreement", Set.of("next")),
            Map.entry("transfer", Set.of("prompts", "queue", "agent")),
            Map.entry("schedule-callback", Set.of("next")),
            Map.entry("mark-wrong-party", Set.of("next")),
            Map.entry("do-not-call", Set.of("next")),
            Map.entry("hangup", Set.of("prompts")));
    private static final Set<String> MONEY_VARIABLES = Set.of("principal", "interest", "fees", "total", "full-payment");
    private static final Set<String> DATE_VARIABLES = Set.of("due-date", "first-due-date");

    private final Predicate<String> promptExists;

    /**
     * @param promptExists whether a recording exists, by language-qualified name
     *     ({@code pt-BR/phrase/goodbye})
     */
    public FlowLoader(Predicate<String> promptExists) {
        this.promptExists = promptExists;
    }

    /** Prompts as files under {@code root/<lang>/<name>.wav} (e.g. {@code ivr-flows/prompts}). */
    public static Predicate<String> promptFilesUnder(Path root) {
        return name -> Files.isRegularFile(root.resolve(name + ".wav"));
    }

    /** Prompts as resources {@code ivr-flows/prompts/<lang>/<name>.wav} (the dialer jar's copy). */
    public static Predicate<String> promptResources(ClassLoader loader) {
        return name -> loader.getResource("ivr-flows/prompts/" + name + ".wav") != null;
    }

    /** Loads a flow from a file; prompts are looked up in the {@code prompts/} directory next to it. */
    public static Flow loadFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigException.Problem(file.toString(), 1, "", "could not be read: " + e.getMessage())));
        }
        Path dir = file.toAbsolutePath().getParent();
        return new FlowLoader(promptFilesUnder(dir.resolve("prompts"))).load(file.toString(), text);
    }

    /** Loads a flow shipped in the jar ({@code ivr-flows/NAME.yaml}). */
    public static Flow loadResource(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigException(List.of(new ConfigException.Problem(resource, 1, "", "no such resource")));
            }
            return new FlowLoader(promptResources(loader)).load(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigException.Problem(resource, 1, "", "could not be read: " + e.getMessage())));
        }
    }

    /**
     * Parses and validates a whole flow.
     *
     * @throws ConfigException listing every problem (file, line, node and field)
     */
    public Flow load(String file, String text) {
        YamlTree tree = YamlTree.parse(file, text);
        Reader r = new Reader(tree);
        Flow flow = r.flow();
        if (!r.problems.isEmpty()) {
            List<ConfigException.Problem> sorted = new ArrayList<>(r.problems);
            sorted.sort((a, b) -> Integer.compare(a.line(), b.line()));
            throw new ConfigException(sorted);
        }
        return flow;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }

    /** One load: the tree, the problems found so far. */
    private final class Reader {
        final YamlTree tree;
        final List<ConfigException.Problem> problems = new ArrayList<>();
        final List<SpeechLanguage> languages = new ArrayList<>();

        Reader(YamlTree tree) {
            this.tree = tree;
        }

        void problem(String path, String message) {
            problems.add(new ConfigException.Problem(tree.file(), tree.line(path), path, message));
        }

        Flow flow() {
            if (!(tree.root() instanceof Map)) {
                problem("", "expected a mapping with flow, languages, start and nodes");
                return null;
            }
            Map<String, Object> root = map(tree.root());
            unknownKeys("", root, TOP_KEYS);
            String name = string(root, "", "flow", true);
            for (String tag : strings(root, "", "languages")) {
                try {
                    languages.add(SpeechLanguage.fromTag(tag));
                } catch (IllegalArgumentException e) {
                    problem("languages", e.getMessage());
                }
            }
            if (languages.isEmpty() && root.get("languages") != null) {
                problem("languages", "at least one language");
            } else if (root.get("languages") == null) {
                problem("languages", "required");
            }
            String start = string(root, "", "start", true);
            String machineStart = string(root, "", "machine-start", false);
            Map<String, Node> nodes = new LinkedHashMap<>();
            Object rawNodes = root.get("nodes");
            if (!(rawNodes instanceof Map) || map(rawNodes).isEmpty()) {
                problem("nodes", "expected a mapping of node ids to nodes");
            } else {
                for (Map.Entry<String, Object> e : map(rawNodes).entrySet()) {
                    String path = "nodes." + e.getKey();
                    if (!NODE_ID.matcher(e.getKey()).matches()) {
                        problem(path, "node id '" + e.getKey() + "' (expected: lower-case letters, digits and '-', at most 48)");
                    }
                    if (!(e.getValue() instanceof Map)) {
                        problem(path, "expected a mapping with a type");
                        continue;
                    }
                    Node n = node(e.getKey(), path, map(e.getValue()));
                    if (n != null) {
                        nodes.put(e.getKey(), n);
                    }
                }
            }
            checkGraph(nodes, map(rawNodes instanceof Map ? rawNodes : Map.of()).keySet(), start, machineStart);
            if (!problems.isEmpty()) {
                return null;
            }
            return new Flow(tree.file(), name, languages, start, Optional.ofNullable(machineStart), nodes);
        }

        Node node(String id, String path, Map<String, Object> m) {
            String type = string(m, path, "type", true);
            if (type == null) {
                return null;
            }
            Set<String> keys = KEYS_BY_TYPE.get(type);
            if (keys == null) {
                problem(path + ".type", "unknown node type '" + type + "' (known: " + String.join(", ", new TreeSet<>(KEYS_BY_TYPE.keySet())) + ")");
                return null;
            }
            unknownKeys(path, m, union(COMMON, keys));
            Optional<Node.Guard> when = guard(path, m);
            boolean confirms = false;
            String rp = string(m, path, "right-party", false);
            if (rp != null) {
                if (rp.equals("confirmed")) {
                    confirms = true;
                } else {
                    problem(path + ".right-party", "'" + rp + "' (expected: confirmed)");
                }
            }
            String otherwise = string(m, path, "otherwise", false);
            if (otherwise != null && when.isEmpty() && m.get("when") == null) {
                problem(path + ".otherwise", "only meaningful with a when condition");
            }
            if (when.isPresent() && !keys.contains("next") && otherwise == null) {
                problem(path + ".when", "a " + type + " node has no next to skip to: add otherwise");
            }
            Node.Meta meta = new Node.Meta(id, tree.file(), tree.line(path), when, confirms, Optional.ofNullable(otherwise));
            switch (type) {
                case "play":
                    return new Node.Play(meta, prompts(m, path, "prompts", true), target(m, path, "next"));
                case "say-money":
                    return new Node.Play(meta, List.of(variable(m, path, "amount", MONEY_VARIABLES)), target(m, path, "next"));
                case "say-date":
                    return new Node.Play(meta, List.of(variable(m, path, "date", DATE_VARIABLES)), target(m, path, "next"));
                case "menu":
                    return new Node.Menu(meta, ask(m, path), options(m, path));
                case "collect-digits":
                    return collect(meta, m, path);
                case "offer-installments":
                    return new Node.OfferInstallments(meta, ask(m, path), target(m, path, "next"));
                case "choose-full-payment":
                    return new Node.ChooseFullPayment(meta, target(m, path, "next"));
                case "confirm":
                    return new Node.Confirm(meta, ask(m, path), target(m, path, "next"), target(m, path, "back"));
                case "record-agreement":
                    return new Node.RecordAgreement(meta, target(m, path, "next"));
                case "transfer":
                    return transfer(meta, m, path);
                case "schedule-callback":
                    return new Node.ScheduleCallback(meta, target(m, path, "next"));
                case "mark-wrong-party":
                    return new Node.MarkWrongParty(meta, target(m, path, "next"));
                case "do-not-call":
                    return new Node.DoNotCall(meta, target(m, path, "next"));
                case "hangup":
                    return new Node.Hangup(meta, prompts(m, path, "prompts", false));
                default:
                    throw new IllegalStateException("type " + type + " listed but not built");
            }
        }

        Optional<Node.Guard> guard(String path, Map<String, Object> m) {
            String when = string(m, path, "when", false);
            if (when == null) {
                return Optional.empty();
            }
            boolean negated = when.startsWith("not ");
            String key = negated ? when.substring(4).strip() : when.strip();
            Condition c = Condition.byKey(key);
            if (c == null) {
                List<String> known = new ArrayList<>();
                for (Condition k : Condition.values()) {
                    known.add(k.key());
                }
                problem(path + ".when", "unknown condition '" + key + "' (known: " + String.join(", ", known) + ", each optionally after 'not ')");
                return Optional.empty();
            }
            return Optional.of(new Node.Guard(c, negated));
        }

        Node.Ask ask(Map<String, Object> m, String path) {
            return new Node.Ask(prompts(m, path, "prompts", true), timeout(m, path), integer(m, path, "retries", DEFAULT_RETRIES, 0, 5),
                    prompts(m, path, "invalid", false), prompts(m, path, "no-input", false), target(m, path, "on-fail"));
        }

        Map<Dtmf, String> options(Map<String, Object> m, String path) {
            Object raw = m.get("options");
            Map<Dtmf, String> out = new EnumMap<>(Dtmf.class);
            if (!(raw instanceof Map) || map(raw).isEmpty()) {
                problem(path + ".options", "expected a mapping of keys to node ids, e.g. \"1\": pay");
                return out;
            }
            for (Map.Entry<String, Object> e : map(raw).entrySet()) {
                String p = path + ".options." + e.getKey();
                if (e.getKey().length() != 1 || "0123456789*#".indexOf(e.getKey().charAt(0)) < 0) {
                    problem(p, "option key '" + e.getKey() + "' (expected: one of 0-9, *, #)");
                    continue;
                }
                if (!(e.getValue() instanceof String) || ((String) e.getValue()).isBlank()) {
                    problem(p, "dangling option: expected the id of the node it leads to");
                    continue;
                }
                out.put(Dtmf.of(e.getKey().charAt(0)), (String) e.getValue());
            }
            return out;
        }

        Node collect(Node.Meta meta, Map<String, Object> m, String path) {
            Node.Ask ask = ask(m, path);
            int length = integer(m, path, "length", 3, 1, 20);
            Optional<Dtmf> terminator = Optional.empty();
            String t = string(m, path, "terminator", false);
            if (t != null) {
                if (t.length() == 1 && (t.equals("#") || t.equals("*"))) {
                    terminator = Optional.of(Dtmf.of(t.charAt(0)));
                } else {
                    problem(path + ".terminator", "'" + t + "' (expected: # or *)");
                }
            }
            String check = string(m, path, "check", true);
            Node.DigitCheck digitCheck = Node.DigitCheck.DOCUMENT_PREFIX;
            if (check != null && !check.equals(Node.DigitCheck.DOCUMENT_PREFIX.key())) {
                problem(path + ".check", "unknown check '" + check + "' (known: " + Node.DigitCheck.DOCUMENT_PREFIX.key() + ")");
            }
            return new Node.Collect(meta, ask, length, terminator, digitCheck, target(m, path, "next"), target(m, path, "on-mismatch"));
        }

        Node transfer(Node.Meta meta, Map<String, Object> m, String path) {
            String queue = string(m, path, "queue", false);
            String agent = string(m, path, "agent", false);
            List<PromptItem> prompts = prompts(m, path, "prompts", false);
            if ((queue == null) == (agent == null)) {
                problem(path, "a transfer needs exactly one of queue or agent");
                return null;
            }
            try {
                TransferTarget target = queue != null ? new TransferTarget.ToQueue(queue) : new TransferTarget.ToAgent(agent);
                return new Node.Transfer(meta, prompts, target);
            } catch (IllegalArgumentException e) {
                problem(path + (queue != null ? ".queue" : ".agent"), e.getMessage());
                return null;
            }
        }

        Duration timeout(Map<String, Object> m, String path) {
            return Duration.ofMillis(integer(m, path, "timeout-ms", (int) DEFAULT_TIMEOUT.toMillis(), 500, 60_000));
        }

        PromptItem variable(Map<String, Object> m, String path, String key, Set<String> allowed) {
            String v = string(m, path, key, true);
            if (v != null && !allowed.contains(v)) {
                problem(path + "." + key, "'" + v + "' (expected one of: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
            return new PromptItem.Variable(v == null ? "total" : v);
        }

        List<PromptItem> prompts(Map<String, Object> m, String path, String key, boolean required) {
            Object raw = m.get(key);
            if (raw == null) {
                if (required) {
                    problem(path + "." + key, "required: a list of prompts");
                }
                return List.of();
            }
            List<Object> items = raw instanceof List ? list(raw) : List.of(raw);
            List<PromptItem> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String p = path + "." + key + "[" + i + "]";
                if (!(items.get(i) instanceof String)) {
                    problem(p, "expected a prompt name or $variable");
                    continue;
                }
                String item = ((String) items.get(i)).strip();
                if (item.startsWith("$")) {
                    String var = item.substring(1);
                    if (!PromptItem.Variable.KNOWN.contains(var)) {
                        problem(p, "unknown variable '" + item + "' (known: $" + String.join(", $", new TreeSet<>(PromptItem.Variable.KNOWN)) + ")");
                    }
                    out.add(new PromptItem.Variable(var));
                } else if (!FIXED_PROMPT.matcher(item).matches()) {
                    problem(p, "prompt name '" + item + "' (expected: category/name in [a-z0-9-], e.g. phrase/goodbye)");
                } else {
                    for (SpeechLanguage lang : languages) {
                        if (!promptExists.test(lang.tag() + "/" + item)) {
                            problem(p, "missing prompt: no audio file " + lang.tag() + "/" + item + ".wav");
                        }
                    }
                    out.add(new PromptItem.Fixed(item));
                }
            }
            return out;
        }

        String target(Map<String, Object> m, String path, String key) {
            return string(m, path, key, true);
        }

        void checkGraph(Map<String, Node> nodes, Set<String> declared, String start, String machineStart) {
            for (Node n : nodes.values()) {
                for (Map.Entry<String, String> exit : n.allExits().entrySet()) {
                    if (exit.getValue() != null && !declared.contains(exit.getValue())) {
                        problem("nodes." + n.id() + "." + exit.getKey(), "reference to unknown node '" + exit.getValue() + "'");
                    }
                }
            }
            List<String> roots = new ArrayList<>();
            for (String[] entry : new String[][] {{"start", start}, {"machine-start", machineStart}}) {
                if (entry[1] != null) {
                    if (declared.contains(entry[1])) {
                        roots.add(entry[1]);
                    } else {
                        problem(entry[0], "reference to unknown node '" + entry[1] + "'");
                    }
                }
            }
            if (!problems.isEmpty()) {
                return;
            }
            Set<String> reached = reach(nodes, roots, n -> false);
            for (Node n : nodes.values()) {
                if (!reached.contains(n.id())) {
                    problem("nodes." + n.id(), "unreachable node: no path from start" + (machineStart == null ? "" : " or machine-start") + " leads here");
                }
            }
            // No debt detail before the right party confirmed (CDC art. 42, LGPD): walk from the
            // starts without passing a confirming node; nothing reached may disclose.
            Set<String> unconfirmed = reach(nodes, roots, n -> n.meta().confirmsRightParty());
            for (Node n : nodes.values()) {
                if (unconfirmed.contains(n.id()) && discloses(n)) {
                    problem("nodes." + n.id(), "discloses the debt on a path that never passed a node with 'right-party: confirmed'");
                }
            }
        }

        Set<String> reach(Map<String, Node> nodes, List<String> roots, Predicate<Node> stopAt) {
            Set<String> seen = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>(roots);
            while (!todo.isEmpty()) {
                String id = todo.pop();
                Node n = nodes.get(id);
                if (n == null || stopAt.test(n) || !seen.add(id)) {
                    continue;
                }
                for (String next : n.allExits().values()) {
                    if (next != null) {
                        todo.push(next);
                    }
                }
            }
            return seen;
        }

        // ---- small typed readers that record problems instead of throwing ----

        void unknownKeys(String path, Map<String, Object> m, Set<String> known) {
            for (String key : m.keySet()) {
                if (!known.contains(key)) {
                    problem(path.isEmpty() ? key : path + "." + key, "unknown setting (known here: " + String.join(", ", new TreeSet<>(known)) + ")");
                }
            }
        }

        String string(Map<String, Object> m, String path, String key, boolean required) {
            Object v = m.get(key);
            String p = path.isEmpty() ? key : path + "." + key;
            if (v == null) {
                if (required) {
                    problem(p, "required");
                }
                return null;
            }
            if (!(v instanceof String)) {
                problem(p, "expected a single value");
                return null;
            }
            return ((String) v).strip();
        }

        List<String> strings(Map<String, Object> m, String path, String key) {
            Object v = m.get(key);
            if (v == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (Object o : v instanceof List ? list(v) : List.of(v)) {
                if (o instanceof String) {
                    out.add((String) o);
                } else {
                    problem(key, "expected a list of values");
                }
            }
            return out;
        }

        int integer(Map<String, Object> m, String path, String key, int fallback, int min, int max) {
            String v = string(m, path, key, false);
            if (v == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(v);
                if (n < min || n > max) {
                    problem(path + "." + key, n + " (expected: " + min + ".." + max + ")");
                    return fallback;
                }
                return n;
            } catch (NumberFormatException e) {
                problem(path + "." + key, "'" + v + "' is not a whole number");
                return fallback;
            }
        }
    }

    /** Whether a node speaks or acts on the debt (amounts, plans, the agreement). */
    static boolean discloses(Node n) {
        if (n instanceof Node.OfferInstallments || n instanceof Node.ChooseFullPayment || n instanceof Node.Confirm
                || n instanceof Node.RecordAgreement) {
            return true;
        }
        for (PromptItem item : promptsOf(n)) {
            if (item instanceof PromptItem.Variable && PromptItem.Variable.DISCLOSING.contains(((PromptItem.Variable) item).name())) {
                return true;
            }
        }
        return false;
    }

    /** Every prompt item a node can play. */
    static List<PromptItem> promptsOf(Node n) {
        List<PromptItem> out = new ArrayList<>();
        if (n instanceof Node.Play) {
            out.addAll(((Node.Play) n).prompts());
        } else if (n instanceof Node.Transfer) {
            out.addAll(((Node.Transfer) n).prompts());
        } else if (n instanceof Node.Hangup) {
            out.addAll(((Node.Hangup) n).prompts());
        }
        Node.Ask ask = askOf(n);
        if (ask != null) {
            out.addAll(ask.prompts());
            out.addAll(ask.invalid());
            out.addAll(ask.noInput());
        }
        return Collections.unmodifiableList(out);
    }

    static Node.Ask askOf(Node n) {
        if (n instanceof Node.Menu) {
            return ((Node.Menu) n).ask();
        } else if (n instanceof Node.Collect) {
            return ((Node.Collect) n).ask();
        } else if (n instanceof Node.OfferInstallments) {
            return ((Node.OfferInstallments) n).ask();
        } else if (n instanceof Node.Confirm) {
            return ((Node.Confirm) n).ask();
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }
}

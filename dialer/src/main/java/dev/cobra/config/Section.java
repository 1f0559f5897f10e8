package dev.cobra.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mapping inside a {@link YamlTree} being validated: typed getters that record problems instead of
 * throwing, so a load reports every mistake at once; and a check that no unknown key (a typo) slips by.
 */
public final class Section {
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)}");

    private final YamlTree tree;
    private final String path;
    private final Map<String, Object> values;
    private final List<ConfigException.Problem> problems;
    private final Function<String, String> env;

    private Section(YamlTree tree, String path, Map<String, Object> values, List<ConfigException.Problem> problems,
                    Function<String, String> env) {
        this.tree = tree;
        this.path = path;
        this.values = values;
        this.problems = problems;
        this.env = env;
    }

    /** The document's root mapping. */
    public static Section root(YamlTree tree, List<ConfigException.Problem> problems, Function<String, String> env) {
        if (!(tree.root() instanceof Map)) {
            problems.add(new ConfigException.Problem(tree.file(), 1, "", "expected a mapping of keys to values at the top level"));
            return new Section(tree, "", Map.of(), problems, env);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) tree.root();
        return new Section(tree, "", map, problems, env);
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    /** A nested mapping, or null (with a problem recorded if present but not a mapping). */
    public Section section(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map)) {
            problem(key, "expected a mapping (indented keys below it)");
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) v;
        return new Section(tree, child(key), map, problems, env);
    }

    public String string(String key, String fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String)) {
            problem(key, "expected a single value");
            return fallback;
        }
        return expand(key, (String) v);
    }

    public String requiredString(String key) {
        String v = string(key, null);
        if (v == null || v.isBlank()) {
            if (!values.containsKey(key) || values.get(key) == null) {
                problem(key, "required");
            } else {
                problem(key, "must not be empty");
            }
        }
        return v;
    }

    public int integer(String key, int fallback, int min, int max) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                problem(key, n + " (expected: " + min + ".." + max + ")");
                return fallback;
            }
            return n;
        } catch (NumberFormatException e) {
            problem(key, "'" + v + "' is not a whole number");
            return fallback;
        }
    }

    /**
     * A list of mappings ({@code - name: a ...}), one section per item ({@code key[0]}, {@code key[1]} ...); empty when
     * absent, with a problem recorded for anything that is not a list of mappings.
     */
    public List<Section> list(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List)) {
            problem(key, "expected a list (items starting with '- ')");
            return List.of();
        }
        List<Section> out = new ArrayList<>();
        List<?> items = (List<?>) v;
        for (int i = 0; i < items.size(); i++) {
            String itemPath = child(key) + "[" + i + "]";
            if (!(items.get(i) instanceof Map)) {
                problems.add(new ConfigException.Problem(tree.file(), tree.line(itemPath), itemPath, "expected a mapping (key: value lines)"));
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) items.get(i);
            out.add(new Section(tree, itemPath, map, problems, env));
        }
        return out;
    }

    /** A list of single values ({@code [a, b]} or {@code - a} lines), or {@code fallback} when absent. */
    public List<String> strings(String key, List<String> fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof List)) {
            problem(key, "expected a list of values, e.g. [a, b]");
            return fallback;
        }
        List<String> out = new ArrayList<>();
        List<?> items = (List<?>) v;
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof String)) {
                problem(key + "[" + i + "]", "expected a single value");
                continue;
            }
            out.add(expand(key + "[" + i + "]", (String) items.get(i)));
        }
        return out;
    }

    /** {@code true}/{@code false} (also yes/no, on/off). */
    public boolean bool(String key, boolean fallback) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true": case "yes": case "on":
                return true;
            case "false": case "no": case "off":
                return false;
            default:
                problem(key, "'" + v + "' (expected: true or false)");
                return fallback;
        }
    }

    /** A decimal number such as {@code 0.0199} or {@code 100.00}, within {@code [min, max]}. */
    public java.math.BigDecimal decimal(String key, java.math.BigDecimal fallback, java.math.BigDecimal min, java.math.BigDecimal max) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        try {
            java.math.BigDecimal n = new java.math.BigDecimal(v.trim());
            if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
                problem(key, v.trim() + " (expected: " + min.toPlainString() + ".." + max.toPlainString() + ")");
                return fallback;
            }
            return n;
        } catch (NumberFormatException e) {
            problem(key, "'" + v + "' is not a number");
            return fallback;
        }
    }

    /** One of {@code choices} (compared without case), or {@code fallback} when absent. */
    public String choice(String key, String fallback, List<String> choices) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        for (String c : choices) {
            if (c.equalsIgnoreCase(v.trim())) {
                return c;
            }
        }
        problem(key, "'" + v + "' (expected one of: " + String.join(", ", choices) + ")");
        return fallback;
    }

    /**
     * Builds a value whose constructor checks itself (a record with a compact constructor), turning its
     * {@code IllegalArgumentException} ("field: detail") into a problem at the configuration key that fed that field,
     * so checks are written once, in the record. Returns null when the constructor refused.
     *
     * @param keyOfField the configuration key (relative to this section) for each record field whose name differs;
     *                   fields not listed are reported under their own name if this section has that key, else here
     */
    public <T> T build(java.util.function.Supplier<T> constructor, Map<String, String> keyOfField) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            String message = String.valueOf(e.getMessage());
            int colon = message.indexOf(": ");
            if (colon > 0 && message.substring(0, colon).matches("[A-Za-z]+")) {
                String field = message.substring(0, colon);
                String key = keyOfField.getOrDefault(field, field);
                if (values.containsKey(key)) {
                    problem(key, message.substring(colon + 2));
                    return null;
                }
            }
            problem("", message);
            return null;
        }
    }

    /** This mapping's keys, in the file's order. */
    public List<String> keys() {
        return List.copyOf(values.keySet());
    }

    /** The dotted path of this section ({@code pbx.asterisk[0]}). */
    public String path() {
        return path;
    }

    /** Records a problem at {@code key} of this section. */
    public void problem(String key, String message) {
        String p = key.isEmpty() ? path : child(key);
        problems.add(new ConfigException.Problem(tree.file(), tree.line(p), p, message));
    }

    /** Records a problem for every key not in {@code known}. */
    public void rejectUnknown(Set<String> known) {
        List<String> sorted = new ArrayList<>(known);
        Collections.sort(sorted);
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                problem(key, "unknown setting (known here: " + String.join(", ", sorted) + ")");
            }
        }
    }

    private String expand(String key, String value) {
        Matcher m = ENV.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String replacement = env.apply(m.group(1));
            if (replacement == null) {
                problem(key, "environment variable " + m.group(1) + " is not set");
                replacement = "";
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}

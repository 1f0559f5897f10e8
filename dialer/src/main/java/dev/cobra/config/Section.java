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

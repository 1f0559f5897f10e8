package dev.cobra.config;

import java.util.List;

/** A configuration (or flow) file was refused; lists every problem with file, line and field. */
public final class ConfigException extends RuntimeException {
    /** One problem: where ({@code file:line}, dotted field path) and what. */
    public record Problem(String file, int line, String field, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + (field.isEmpty() ? "" : field + ": ") + message;
        }
    }

    private final List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        StringBuilder sb = new StringBuilder(problems.size() == 1 ? "1 problem" : problems.size() + " problems");
        for (Problem p : problems) {
            sb.append(System.lineSeparator()).append("  ").append(p);
        }
        return sb.toString();
    }
}

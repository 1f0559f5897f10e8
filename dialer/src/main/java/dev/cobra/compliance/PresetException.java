package dev.cobra.compliance;

import java.util.List;

/** A preset file that cannot be used; lists every problem as "file:line: field: problem". */
public final class PresetException extends RuntimeException {
    private final List<String> problems;

    public PresetException(String file, List<String> problems, Throwable cause) {
        super("invalid compliance preset " + file + ":\n  " + String.join("\n  ", problems), cause);
        this.problems = List.copyOf(problems);
    }

    /** Each problem, "BR.yaml:12: caps.lifetimeAttempts: 0 (expected: >= 1)". */
    public List<String> problems() {
        return problems;
    }
}

package dev.cobra.accounts;

import java.util.List;

/**
 * An import file was refused as a whole: nothing was written. Carries every problem found, up to a
 * limit, each naming the line, the column and (masked, for personal data) the value.
 */
public final class ImportRejected extends RuntimeException {
    /** One problem: 1-based line, column name (or null for the whole row), masked value, reason. */
    public record Problem(int line, String column, String value, String reason) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("line ").append(line);
            if (column != null) {
                sb.append(", column ").append(column);
            }
            if (value != null) {
                sb.append(", value \"").append(value).append('"');
            }
            return sb.append(": ").append(reason).toString();
        }
    }

    private final String file;
    private final List<Problem> problems;
    private final boolean truncated;

    public ImportRejected(String file, List<Problem> problems, boolean truncated) {
        super(summary(file, problems, truncated));
        this.file = file;
        this.problems = List.copyOf(problems);
        this.truncated = truncated;
    }

    public String file() {
        return file;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** True when more problems existed than were listed. */
    public boolean truncated() {
        return truncated;
    }

    private static String summary(String file, List<Problem> problems, boolean truncated) {
        StringBuilder sb = new StringBuilder(file).append(": rejected, nothing imported; ")
                .append(problems.size()).append(truncated ? "+ problems" : problems.size() == 1 ? " problem" : " problems");
        for (Problem p : problems) {
            sb.append(System.lineSeparator()).append("  ").append(file).append(": ").append(p);
        }
        if (truncated) {
            sb.append(System.lineSeparator()).append("  (more problems not listed; fix these and import again)");
        }
        return sb.toString();
    }
}

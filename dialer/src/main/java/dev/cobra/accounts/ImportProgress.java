package dev.cobra.accounts;

/**
 * Told how far a long import has got, so a terminal can show a progress line. Called on the importing thread, often
 * (every {@value #REPORT_EVERY_ROWS} rows read, every batch written), with {@code done == 0} when a phase starts
 * and {@code done == total} when it ends; implementations must be quick and decide themselves how often to show anything.
 * Only counts are passed: never a row's content.
 */
@FunctionalInterface
public interface ImportProgress {
    /** How many rows the reader parses between two reports. */
    int REPORT_EVERY_ROWS = 1000;

    /** Shows nothing. */
    ImportProgress NONE = (phase, done, total) -> {};

    /** The phases of an import, in order. */
    enum Phase {
        /** Parsing and validating the file; units are CSV rows, the total estimated from the file's line count. */
        READ("reading", "rows"),
        /** Writing to the database in one transaction; units are records (debtors, debts, phones, memberships). */
        WRITE("writing", "records");

        private final String verb;
        private final String unit;

        Phase(String verb, String unit) {
            this.verb = verb;
            this.unit = unit;
        }

        /** What the phase does, for a progress line ({@code reading}, {@code writing}). */
        public String verb() {
            return verb;
        }

        /** What its counts count ({@code rows}, {@code records}). */
        public String unit() {
            return unit;
        }
    }

    /**
     * @param done  units of the phase finished so far
     * @param total units the phase has (an estimate while reading: at least {@code done})
     */
    void advanced(Phase phase, long done, long total);
}

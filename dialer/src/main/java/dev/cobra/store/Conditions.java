package dev.cobra.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A WHERE clause built from optional filters: each condition with one {@code ?} is added only when its value is
 * not null, and the values are bound in order ({@link Instant}s as UTC, see {@link Sql}). Column names come from
 * our code, never from input. Not thread-safe; one per query.
 */
final class Conditions {
    private final List<String> clauses = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    /** Adds {@code clause} (with one {@code ?}) if {@code value} is not null. */
    Conditions add(String clause, Object value) {
        if (value != null) {
            clauses.add(clause);
            values.add(value);
        }
        return this;
    }

    /** " WHERE a AND b", or "" when no filter applies. */
    String where() {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    /** Binds the values from parameter 1; returns the next free index. */
    int bind(PreparedStatement ps) throws SQLException {
        int i = 1;
        for (Object v : values) {
            if (v instanceof Instant) {
                Sql.set(ps, i++, (Instant) v);
            } else {
                ps.setObject(i++, v);
            }
        }
        return i;
    }
}

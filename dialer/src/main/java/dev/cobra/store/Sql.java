package dev.cobra.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Small JDBC helpers: Instant to and from the UTC DATETIME(3) columns (independent of the JVM's and server's zones), and IN-list placeholders. */
final class Sql {
    private Sql() {}

    static void set(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, Types.TIMESTAMP);
        } else {
            ps.setObject(index, LocalDateTime.ofInstant(instant, ZoneOffset.UTC).withNano(instant.getNano() / 1_000_000 * 1_000_000));
        }
    }

    static Instant get(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    /** The zone a {@code time_zone} column names, or {@code fallback} when it is empty or not a zone id. */
    static java.time.ZoneId zoneOr(String id, java.time.ZoneId fallback) {
        if (id == null || id.isBlank()) {
            return fallback;
        }
        try {
            return java.time.ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            return fallback;
        }
    }

    /** "?,?,?" for an IN list of n values. */
    static String placeholders(int n) {
        StringBuilder sb = new StringBuilder(n * 2);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "?" : ",?");
        }
        return sb.toString();
    }

    /** Sets a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Runs one bound INSERT/UPDATE/DELETE on the connection and returns the rows it touched. */
    static int update(java.sql.Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }
}

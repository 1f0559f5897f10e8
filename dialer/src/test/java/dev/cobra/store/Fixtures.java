package dev.cobra.store;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Bulk test data written with MariaDB's SEQUENCE engine: fast enough for a million rows. */
public final class Fixtures {
    private Fixtures() {}

    /**
     * Inserts {@code n} debtors (external ids {@code prefix1..prefixN}) each with one account and one phone,
     * all members of the campaign and due at {@code dueAt}.
     */
    public static void bulkDebtors(Database db, long campaignId, String prefix, int n, Instant dueAt) {
        LocalDateTime due = LocalDateTime.ofInstant(dueAt, ZoneOffset.UTC);
        db.inTransaction(c -> {
            long before;
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM debtors")) {
                rs.next();
                before = rs.getLong(1);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO debtors (external_id, name, document, document_type, state, created_at, updated_at)"
                            + " SELECT CONCAT(?, seq), CONCAT('Debtor ', seq), LPAD(? + seq, 11, '0'), 'cpf', 'SP', ?, ?"
                            + " FROM seq_1_to_" + n)) {
                // Documents are unique across batches (a do-not-call entry by document must hit one debtor only).
                ps.setString(1, prefix);
                ps.setLong(2, before);
                ps.setObject(3, due);
                ps.setObject(4, due);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO accounts (debtor_id, external_id, principal, interest, fees, currency, due_date, status, created_at, updated_at)"
                            + " SELECT id, CONCAT('A-', external_id), 1000.00, 20.00, 5.00, 'BRL', '2026-10-01', 'open', ?, ?"
                            + " FROM debtors WHERE id > ?")) {
                ps.setObject(1, due);
                ps.setObject(2, due);
                ps.setLong(3, before);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO phones (debtor_id, e164, type, priority, status, created_at, updated_at)"
                            + " SELECT id, CONCAT('+55119', LPAD(id MOD 100000000, 8, '0')), 'mobile', 1, 'valid', ?, ? FROM debtors WHERE id > ?")) {
                ps.setObject(1, due);
                ps.setObject(2, due);
                ps.setLong(3, before);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO campaign_debtors (campaign_id, debtor_id, state, next_eligible_at, created_at)"
                            + " SELECT ?, id, 'active', ?, ? FROM debtors WHERE id > ?")) {
                ps.setLong(1, campaignId);
                ps.setObject(2, due);
                ps.setObject(3, due);
                ps.setLong(4, before);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The ids {@code {debtorId, phoneId}} of a debtor made by {@link #bulkDebtors}, by external id. */
    public static long[] debtorAndPhone(Database db, String externalId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT d.id, p.id FROM debtors d JOIN phones p ON p.debtor_id = d.id"
                    + " WHERE d.external_id = ?")) {
                ps.setString(1, externalId);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return new long[] {rs.getLong(1), rs.getLong(2)};
                }
            }
        });
    }

    /** The first row of a one-parameter query, as {@code columns} values (empty if no row). */
    public static java.util.List<Object> row(Database db, String sql, Object key, int columns) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, key);
                try (var rs = ps.executeQuery()) {
                    java.util.List<Object> out = new java.util.ArrayList<>();
                    if (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            out.add(rs.getObject(i));
                        }
                    }
                    return out;
                }
            }
        });
    }
}

package dev.cobra.store;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one debtor for people (the API's debtor lookup and history): the debtor, its debts itemised, its phones,
 * and whether an agent handled any of its calls. Personal data is raw here: the HTTP edge masks documents and
 * numbers, and nothing here is logged. Read-only and thread-safe.
 */
public final class DebtorQueries {
    /** A debt (account row) itemised; {@code promiseUntil} is a promise to pay that pauses calls, or null. */
    public record Debt(String account, BigDecimal principal, BigDecimal interest, BigDecimal fees, String currency,
                       LocalDate dueDate, String status, LocalDate promiseUntil) {
        public BigDecimal total() {
            return principal.add(interest).add(fees);
        }
    }

    /** A phone; {@code id} is what attempts refer to. */
    public record Phone(long id, String e164, String type, int priority, String status) {}

    /** A debtor with its debts (oldest due first) and phones (by priority). */
    public record Debtor(long id, String externalId, String name, String document, String documentType, String state,
                         String timeZone, String segment, List<Debt> debts, List<Phone> phones) {
        public Debtor {
            debts = List.copyOf(debts);
            phones = List.copyOf(phones);
        }
    }

    private final Database db;

    public DebtorQueries(Database db) {
        this.db = db;
    }

    /** The debtor with this creditor id, or empty. */
    public Optional<Debtor> find(String externalId) {
        return db.withConnection(c -> {
            long id;
            String[] fields = new String[7];
            try (PreparedStatement ps = c.prepareStatement("SELECT id, external_id, name, document, document_type, state, time_zone,"
                    + " segment FROM debtors WHERE external_id = ?")) {
                ps.setString(1, externalId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Debtor>empty();
                    }
                    id = rs.getLong(1);
                    for (int i = 0; i < fields.length; i++) {
                        fields[i] = rs.getString(i + 2);
                    }
                }
            }
            List<Debt> debts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT external_id, principal, interest, fees, currency, due_date, status,"
                    + " promise_until FROM accounts WHERE debtor_id = ? ORDER BY due_date, id")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        debts.add(new Debt(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getString(5),
                                rs.getObject(6, LocalDate.class), rs.getString(7), rs.getObject(8, LocalDate.class)));
                    }
                }
            }
            List<Phone> phones = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, e164, type, priority, status FROM phones WHERE debtor_id = ?"
                    + " ORDER BY priority, id")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        phones.add(new Phone(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5)));
                    }
                }
            }
            return Optional.of(new Debtor(id, fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], debts, phones));
        });
    }

    /** True when the agent with this login code ({@code agents.code}) took at least one of the debtor's calls. */
    public boolean handledBy(long debtorId, String agentCode) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM call_attempts t JOIN agents g ON g.id = t.agent_id"
                    + " WHERE t.debtor_id = ? AND g.code = ? LIMIT 1")) {
                ps.setLong(1, debtorId);
                ps.setString(2, agentCode);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }
}

package dev.cobra.store;

import dev.cobra.accounts.ImportProgress;
import dev.cobra.accounts.ImportRecords;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a validated import file in one transaction: debtors, accounts and phones are upserted by the
 * creditor's external ids (so importing the same file twice changes nothing, and a changed balance
 * updates the account), and every debtor becomes a member of the campaign, due at {@code now} if new.
 * Any failure rolls the whole file back.
 *
 * <p>Accounts and phones absent from a file are left as they are: an import adds and updates, it never
 * deletes (a debt leaves dialing through its status: paid, written_off, ...).
 */
public final class AccountImportStore {
    private static final int CHUNK = 500;

    private final Database db;

    public AccountImportStore(Database db) {
        this.db = db;
    }

    public ImportSummary write(long campaignId, ImportRecords records, Instant now) {
        return write(campaignId, records, now, ImportProgress.NONE);
    }

    /**
     * Writes the file, telling {@code progress} how many records (debtors, debts, phones, campaign memberships) are
     * written so far (phase {@link ImportProgress.Phase#WRITE}): once per batch of {@value #CHUNK}. Counts are of
     * statements sent; all of it is still rolled back if a later one fails.
     */
    public ImportSummary write(long campaignId, ImportRecords records, Instant now, ImportProgress progress) {
        long total = 2L * records.debtors().size() + records.accountCount() + records.phoneCount();
        return db.inTransaction(c -> {
            progress.advanced(ImportProgress.Phase.WRITE, 0, total);
            Batches batches = new Batches(progress, total);
            List<ImportRecords.Debtor> debtors = records.debtors();
            Map<String, Long> existingDebtors = ids(c, "debtors", externalIds(debtors));
            upsertDebtors(c, debtors, now, batches);
            Map<String, Long> debtorIds = ids(c, "debtors", externalIds(debtors));

            List<String> accountIds = new ArrayList<>();
            for (ImportRecords.Debtor d : debtors) {
                for (ImportRecords.Account a : d.accounts()) {
                    accountIds.add(a.externalId());
                }
            }
            Map<String, AccountState> before = accountStates(c, accountIds);
            int accountsNew = 0;
            int accountsChanged = 0;
            for (ImportRecords.Debtor d : debtors) {
                for (ImportRecords.Account a : d.accounts()) {
                    AccountState old = before.get(a.externalId());
                    if (old == null) {
                        accountsNew++;
                    } else if (!old.sameAs(a, debtorIds.get(d.externalId()))) {
                        accountsChanged++;
                    }
                }
            }
            upsertAccounts(c, debtors, debtorIds, now, batches);
            int phonesNew = upsertPhones(c, debtors, debtorIds, now, batches);
            int members = addMembers(c, campaignId, debtorIds.values(), now, batches);
            return new ImportSummary(records.rows(), debtors.size(), debtors.size() - existingDebtors.size(),
                    records.accountCount(), accountsNew, accountsChanged, records.phoneCount(), phonesNew, members);
        });
    }

    /**
     * Statement batching for the whole write: a batch is sent every {@value #CHUNK} rows and at each statement's end,
     * and every send is reported to the progress. One statement is batched at a time.
     */
    private static final class Batches {
        private final ImportProgress progress;
        private final long total;
        private long done;
        private int pending;

        Batches(ImportProgress progress, long total) {
            this.progress = progress;
            this.total = total;
        }

        /** Adds the statement's parameters as one row; sends the batch when it is full. */
        void add(PreparedStatement ps) throws SQLException {
            ps.addBatch();
            if (++pending == CHUNK) {
                send(ps);
            }
        }

        /** Sends what is batched on the statement (call once after its last row). */
        void send(PreparedStatement ps) throws SQLException {
            if (pending == 0) {
                return;
            }
            ps.executeBatch();
            done += pending;
            pending = 0;
            progress.advanced(ImportProgress.Phase.WRITE, done, Math.max(done, total));
        }
    }

    private static List<String> externalIds(List<ImportRecords.Debtor> debtors) {
        List<String> ids = new ArrayList<>(debtors.size());
        for (ImportRecords.Debtor d : debtors) {
            ids.add(d.externalId());
        }
        return ids;
    }

    private static Map<String, Long> ids(Connection c, String table, List<String> externalIds) throws SQLException {
        Map<String, Long> result = new HashMap<>();
        for (int from = 0; from < externalIds.size(); from += CHUNK) {
            List<String> chunk = externalIds.subList(from, Math.min(externalIds.size(), from + CHUNK));
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT external_id, id FROM " + table + " WHERE external_id IN (" + Sql.placeholders(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
        }
        return result;
    }

    private record AccountState(long debtorId, BigDecimal principal, BigDecimal interest, BigDecimal fees, String currency,
                                LocalDate dueDate, String status) {
        boolean sameAs(ImportRecords.Account a, Long newDebtorId) {
            return newDebtorId != null && debtorId == newDebtorId && principal.compareTo(a.principal()) == 0
                    && interest.compareTo(a.interest()) == 0 && fees.compareTo(a.fees()) == 0
                    && currency.equals(a.currency()) && dueDate.equals(a.dueDate()) && status.equals(a.status());
        }
    }

    private static Map<String, AccountState> accountStates(Connection c, List<String> externalIds) throws SQLException {
        Map<String, AccountState> result = new HashMap<>();
        for (int from = 0; from < externalIds.size(); from += CHUNK) {
            List<String> chunk = externalIds.subList(from, Math.min(externalIds.size(), from + CHUNK));
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT external_id, debtor_id, principal, interest, fees, currency, due_date, status FROM accounts"
                            + " WHERE external_id IN (" + Sql.placeholders(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.put(rs.getString(1), new AccountState(rs.getLong(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                                rs.getBigDecimal(5), rs.getString(6), rs.getObject(7, LocalDate.class), rs.getString(8)));
                    }
                }
            }
        }
        return result;
    }

    private static void upsertDebtors(Connection c, List<ImportRecords.Debtor> debtors, Instant now, Batches batches)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO debtors (external_id, name, document, document_type, state, time_zone, segment, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE name = VALUES(name), document = VALUES(document),"
                        + " document_type = VALUES(document_type), state = VALUES(state), time_zone = VALUES(time_zone),"
                        + " segment = VALUES(segment), updated_at = VALUES(updated_at)")) {
            for (ImportRecords.Debtor d : debtors) {
                ps.setString(1, d.externalId());
                ps.setString(2, d.name());
                ps.setString(3, d.document().digits());
                ps.setString(4, d.document().kind().name().toLowerCase());
                ps.setString(5, d.state());
                ps.setString(6, d.timeZone());
                ps.setString(7, d.segment());
                Sql.set(ps, 8, now);
                Sql.set(ps, 9, now);
                batches.add(ps);
            }
            batches.send(ps);
        }
    }

    private static void upsertAccounts(Connection c, List<ImportRecords.Debtor> debtors, Map<String, Long> debtorIds, Instant now,
                                       Batches batches) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO accounts (debtor_id, external_id, principal, interest, fees, currency, due_date, status,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE debtor_id = VALUES(debtor_id), principal = VALUES(principal),"
                        + " interest = VALUES(interest), fees = VALUES(fees), currency = VALUES(currency),"
                        + " due_date = VALUES(due_date), status = VALUES(status), updated_at = VALUES(updated_at)")) {
            for (ImportRecords.Debtor d : debtors) {
                long debtorId = debtorIds.get(d.externalId());
                for (ImportRecords.Account a : d.accounts()) {
                    ps.setLong(1, debtorId);
                    ps.setString(2, a.externalId());
                    ps.setBigDecimal(3, a.principal());
                    ps.setBigDecimal(4, a.interest());
                    ps.setBigDecimal(5, a.fees());
                    ps.setString(6, a.currency());
                    ps.setObject(7, a.dueDate());
                    ps.setString(8, a.status());
                    Sql.set(ps, 9, now);
                    Sql.set(ps, 10, now);
                    batches.add(ps);
                }
            }
            batches.send(ps);
        }
    }

    private static int upsertPhones(Connection c, List<ImportRecords.Debtor> debtors, Map<String, Long> debtorIds, Instant now,
                                    Batches batches) throws SQLException {
        Set<String> existing = new HashSet<>();
        List<Long> ids = new ArrayList<>(debtorIds.values());
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT debtor_id, e164 FROM phones WHERE debtor_id IN (" + Sql.placeholders(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        existing.add(rs.getLong(1) + " " + rs.getString(2));
                    }
                }
            }
        }
        int fresh = 0;
        // A phone's status (wrong party, do not call) is learnt while dialing: re-importing keeps it.
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO phones (debtor_id, e164, type, priority, status, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, 'valid', ?, ?)"
                        + " ON DUPLICATE KEY UPDATE type = VALUES(type), priority = VALUES(priority), updated_at = VALUES(updated_at)")) {
            for (ImportRecords.Debtor d : debtors) {
                long debtorId = debtorIds.get(d.externalId());
                for (ImportRecords.Phone p : d.phones()) {
                    if (!existing.contains(debtorId + " " + p.number().e164())) {
                        fresh++;
                    }
                    ps.setLong(1, debtorId);
                    ps.setString(2, p.number().e164());
                    ps.setString(3, p.number().type().name().toLowerCase());
                    ps.setInt(4, p.priority());
                    Sql.set(ps, 5, now);
                    Sql.set(ps, 6, now);
                    batches.add(ps);
                }
            }
            batches.send(ps);
        }
        return fresh;
    }

    private static int addMembers(Connection c, long campaignId, Iterable<Long> debtorIds, Instant now, Batches batches)
            throws SQLException {
        long before = memberCount(c, campaignId);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT IGNORE INTO campaign_debtors (campaign_id, debtor_id, state, next_eligible_at, created_at)"
                        + " VALUES (?, ?, 'active', ?, ?)")) {
            for (long id : debtorIds) {
                ps.setLong(1, campaignId);
                ps.setLong(2, id);
                Sql.set(ps, 3, now);
                Sql.set(ps, 4, now);
                batches.add(ps);
            }
            batches.send(ps);
        }
        return Math.toIntExact(memberCount(c, campaignId) - before);
    }

    private static long memberCount(Connection c, long campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM campaign_debtors WHERE campaign_id = ?")) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

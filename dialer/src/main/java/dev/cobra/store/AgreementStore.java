package dev.cobra.store;

import dev.cobra.calls.Disposition;
import dev.cobra.ivr.flow.NewAgreement;
import dev.cobra.ivr.flow.StoredAgreement;
import dev.cobra.ivr.plan.Installment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Agreements and their installments. One agreement per call attempt (the unique key on
 * {@code agreements.attempt_id}): {@link #record} is idempotent, so an IVR session retried after a
 * reconnect, or two racing writes, leave exactly one agreement. The agreement, its installments,
 * the account's {@code in_agreement} status (which stops the cadence for that debt) and the
 * attempt's disposition are written in one transaction: all or nothing.
 *
 * <p>Thread-safe.
 */
public final class AgreementStore {
    /** MariaDB's "Duplicate entry for key" (a foreign-key failure shares the SQLState but not the code). */
    private static final int ER_DUP_ENTRY = 1062;

    private final Database db;

    public AgreementStore(Database db) {
        this.db = db;
    }

    /**
     * Stores the agreement, or returns the one this attempt already has. Writes racing for the same
     * attempt queue on the attempt's row lock, and the later one finds the agreement with a locking
     * read (which sees the latest committed version, not an older snapshot). The unique key on
     * {@code attempt_id} is the backstop.
     */
    public StoredAgreement record(NewAgreement a) {
        long attemptId = a.debtor().attemptId();
        return db.inTransaction(c -> {
            // Writers for one attempt queue on its row: without this, the loser's foreign-key share
            // locks (accounts, call_attempts) deadlock with the winner's updates of those rows.
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM call_attempts WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, attemptId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new StoreException("no call attempt " + attemptId + " to record an agreement for");
                    }
                }
            }
            Optional<StoredAgreement> existing = forAttempt(c, attemptId, true);
            if (existing.isPresent()) {
                return existing.get();
            }
            try {
                long id = insert(c, a);
                return new StoredAgreement(id, a.paymentCode(), a.pixPayload(), false);
            } catch (SQLIntegrityConstraintViolationException duplicate) {
                if (duplicate.getErrorCode() != ER_DUP_ENTRY) {
                    throw duplicate;
                }
                return forAttempt(c, attemptId, true).orElseThrow(() -> new StoreException(
                        "agreement insert hit the unique key but no agreement is stored (attemptId=" + attemptId + ")", duplicate));
            }
        });
    }

    /** The agreement made during an attempt, if any. */
    public Optional<StoredAgreement> forAttempt(long attemptId) {
        return db.withConnection(c -> forAttempt(c, attemptId, false));
    }

    private static Optional<StoredAgreement> forAttempt(Connection c, long attemptId, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, payment_code, pix_payload FROM agreements WHERE attempt_id = ?"
                + (lock ? " LOCK IN SHARE MODE" : ""))) {
            ps.setLong(1, attemptId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredAgreement(rs.getLong(1), rs.getString(2), Optional.ofNullable(rs.getString(3)), true));
            }
        }
    }

    private static long insert(Connection c, NewAgreement a) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO agreements (debtor_id, account_id, attempt_id, channel, plan, total,"
                + " currency, installments, pix_payload, payment_code, created_at) VALUES (?, ?, ?, 'ivr', ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, a.debtor().debtorId());
            ps.setLong(2, a.debtor().accountId());
            ps.setLong(3, a.debtor().attemptId());
            ps.setString(4, a.planCode());
            ps.setBigDecimal(5, a.plan().total());
            ps.setString(6, a.currency().getCurrencyCode());
            ps.setInt(7, a.plan().count());
            ps.setString(8, a.pixPayload().orElse(null));
            ps.setString(9, a.paymentCode());
            Sql.set(ps, 10, a.at());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO agreement_installments (agreement_id, number, amount, due_date)"
                + " VALUES (?, ?, ?, ?)")) {
            for (Installment i : a.plan().installments()) {
                ps.setLong(1, id);
                ps.setInt(2, i.number());
                ps.setBigDecimal(3, i.amount());
                ps.setObject(4, i.dueDate());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE accounts SET status = 'in_agreement', updated_at = ? WHERE id = ? AND status = 'open'")) {
            Sql.set(ps, 1, a.at());
            ps.setLong(2, a.debtor().accountId());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE call_attempts SET disposition = ? WHERE id = ?")) {
            ps.setString(1, Disposition.AGREEMENT.code());
            ps.setLong(2, a.debtor().attemptId());
            ps.executeUpdate();
        }
        return id;
    }
}

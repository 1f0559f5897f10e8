package dev.cobra.store;

import dev.cobra.calls.Disposition;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What an agent's disposition of a call changes, written in one transaction, so the compliance engine's next
 * decision for the debtor sees it (the cadence reads these columns):
 * <ul>
 *   <li>every disposition: stored on the attempt ({@code call_attempts.disposition});</li>
 *   <li>promise to pay: {@code accounts.promise_until} on the debtor's open debts (calls pause until then);</li>
 *   <li>callback: {@code call_attempts.callback_at} (the next call waits for it);</li>
 *   <li>wrong party: the phone is marked {@code wrong_party} (never dialled again for this debtor);</li>
 *   <li>do not call: the debtor's document and the phone go on the do-not-call list (the debtor is not called again);</li>
 *   <li>dispute: the open debts become {@code disputed} (no collection calls while disputed);</li>
 *   <li>agreement: the open debts become {@code in_agreement} (the agreement itself is recorded by the agent's tool).</li>
 * </ul>
 * Thread-safe.
 */
public final class Dispositions {
    private final Database db;
    private final Clock clock;

    public Dispositions(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * @param promiseUntil required for {@link Disposition#PROMISE_TO_PAY}
     * @param callbackAt   required for {@link Disposition#CALLBACK}
     * @return false if no attempt has this call id
     */
    public boolean record(String callId, Disposition d, LocalDate promiseUntil, Instant callbackAt) {
        Objects.requireNonNull(d, "disposition");
        if (d == Disposition.PROMISE_TO_PAY && promiseUntil == null) {
            throw new IllegalArgumentException("promiseDate: required for promise_to_pay");
        }
        if (d == Disposition.CALLBACK && callbackAt == null) {
            throw new IllegalArgumentException("callbackAt: required for callback");
        }
        return db.inTransaction(c -> {
            int found = Sql.update(c, "UPDATE call_attempts SET disposition = ?, callback_at = ? WHERE call_id = ?", ps -> {
                ps.setString(1, d.code());
                Sql.set(ps, 2, d == Disposition.CALLBACK ? callbackAt : null);
                ps.setString(3, callId);
            });
            if (found == 0) {
                return false;
            }
            Instant now = clock.instant();
            switch (d) {
                case PROMISE_TO_PAY:
                    Sql.update(c, "UPDATE accounts a JOIN call_attempts t ON t.debtor_id = a.debtor_id SET a.promise_until = ?,"
                            + " a.updated_at = ? WHERE t.call_id = ? AND a.status = 'open'", ps -> {
                                ps.setObject(1, promiseUntil);
                                Sql.set(ps, 2, now);
                                ps.setString(3, callId);
                            });
                    break;
                case WRONG_PARTY:
                    phoneStatus(c, callId, "wrong_party", now);
                    break;
                case DO_NOT_CALL:
                    Sql.update(c, "INSERT IGNORE INTO do_not_call (kind, value, reason, created_at) SELECT 'document', d.document,"
                            + " 'asked an agent', ? FROM debtors d JOIN call_attempts t ON t.debtor_id = d.id WHERE t.call_id = ?", ps -> {
                                Sql.set(ps, 1, now);
                                ps.setString(2, callId);
                            });
                    Sql.update(c, "INSERT IGNORE INTO do_not_call (kind, value, reason, created_at) SELECT 'phone', p.e164,"
                            + " 'asked an agent', ? FROM phones p JOIN call_attempts t ON t.phone_id = p.id WHERE t.call_id = ?", ps -> {
                                Sql.set(ps, 1, now);
                                ps.setString(2, callId);
                            });
                    phoneStatus(c, callId, "do_not_call", now);
                    break;
                case DISPUTE:
                    accountStatus(c, callId, "disputed", now);
                    break;
                case AGREEMENT:
                    accountStatus(c, callId, "in_agreement", now);
                    break;
                default:
                    break;
            }
            return true;
        });
    }

    private static void phoneStatus(Connection c, String callId, String status, Instant now) throws SQLException {
        Sql.update(c, "UPDATE phones p JOIN call_attempts t ON t.phone_id = p.id SET p.status = ?, p.updated_at = ? WHERE t.call_id = ?",
                ps -> {
                    ps.setString(1, status);
                    Sql.set(ps, 2, now);
                    ps.setString(3, callId);
                });
    }

    private static void accountStatus(Connection c, String callId, String status, Instant now) throws SQLException {
        Sql.update(c, "UPDATE accounts a JOIN call_attempts t ON t.debtor_id = a.debtor_id SET a.status = ?, a.updated_at = ?"
                + " WHERE t.call_id = ? AND a.status = 'open'", ps -> {
                    ps.setString(1, status);
                    Sql.set(ps, 2, now);
                    ps.setString(3, callId);
                });
    }
}

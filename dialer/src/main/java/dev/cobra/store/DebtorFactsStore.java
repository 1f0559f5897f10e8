package dev.cobra.store;

import dev.cobra.calls.CallOutcome;
import dev.cobra.calls.Disposition;
import dev.cobra.compliance.AccountFacts;
import dev.cobra.compliance.AccountStatus;
import dev.cobra.compliance.AttemptFacts;
import dev.cobra.compliance.DebtorFacts;
import dev.cobra.compliance.DoNotCallList;
import dev.cobra.compliance.PhoneFacts;
import dev.cobra.compliance.PhoneStatus;
import dev.cobra.compliance.PhoneType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads what the compliance engine needs to know about a debtor ({@link DebtorFacts}): debts, phones,
 * the attempt history of the last {@value #HISTORY_DAYS} days and the do-not-call state; and serves the
 * do-not-call list at dial time ({@link #doNotCallList()}), so an entry added after import still stops a call.
 * Thread-safe.
 */
public final class DebtorFactsStore {
    /** How far back attempt history is read: longer than every cap window (7 days) and cadence rule. */
    static final int HISTORY_DAYS = 400;

    private final Database db;

    public DebtorFactsStore(Database db) {
        this.db = db;
    }

    /** The debtor's facts as of {@code now}, or empty if no such debtor. */
    public Optional<DebtorFacts> load(long debtorId, Instant now) {
        return db.withConnection(c -> load(c, debtorId, now));
    }

    /** The internal id of a debtor by the creditor's external id. */
    public Optional<Long> idOf(String externalId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM debtors WHERE external_id = ?")) {
                ps.setString(1, externalId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
                }
            }
        });
    }

    private static Optional<DebtorFacts> load(Connection c, long debtorId, Instant now) throws SQLException {
        String state;
        ZoneId zone = null;
        String document;
        try (PreparedStatement ps = c.prepareStatement("SELECT state, time_zone, document FROM debtors WHERE id = ?")) {
            ps.setLong(1, debtorId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                state = rs.getString(1);
                String tz = rs.getString(2);
                if (tz != null) {
                    try {
                        zone = ZoneId.of(tz);
                    } catch (DateTimeException e) {
                        zone = null; // validated at import; an unknown zone falls back to state and area code
                    }
                }
                document = rs.getString(3);
            }
        }
        List<AccountFacts> accounts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, due_date, status, promise_until FROM accounts WHERE debtor_id = ? ORDER BY id")) {
            ps.setLong(1, debtorId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    accounts.add(new AccountFacts(rs.getLong(1), rs.getObject(2, LocalDate.class),
                            AccountStatus.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)), rs.getObject(4, LocalDate.class)));
                }
            }
        }
        List<PhoneFacts> phones = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, e164, type, priority, status FROM phones WHERE debtor_id = ? ORDER BY priority, id")) {
            ps.setLong(1, debtorId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    phones.add(new PhoneFacts(rs.getLong(1), rs.getString(2), PhoneType.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
                            rs.getInt(4), PhoneStatus.valueOf(rs.getString(5).toUpperCase(Locale.ROOT))));
                }
            }
        }
        List<AttemptFacts> history = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT phone_id, created_at, ended_at, outcome, disposition, callback_at FROM call_attempts"
                        + " WHERE debtor_id = ? AND outcome IS NOT NULL AND created_at >= ? ORDER BY created_at")) {
            ps.setLong(1, debtorId);
            Sql.set(ps, 2, now.minus(Duration.ofDays(HISTORY_DAYS)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant started = Sql.get(rs, "created_at");
                    Instant ended = Sql.get(rs, "ended_at");
                    String disposition = rs.getString("disposition");
                    history.add(new AttemptFacts(rs.getLong("phone_id"), started,
                            ended == null || ended.isBefore(started) ? null : Duration.between(started, ended),
                            CallOutcome.fromCode(rs.getString("outcome")),
                            disposition == null ? null : Disposition.fromCode(disposition), Sql.get(rs, "callback_at")));
                }
            }
        }
        boolean dnc;
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM do_not_call WHERE kind = 'document' AND value = ?")) {
            ps.setString(1, document);
            try (ResultSet rs = ps.executeQuery()) {
                dnc = rs.next();
            }
        }
        return Optional.of(new DebtorFacts(debtorId, state, zone, accounts, phones, history, dnc));
    }

    /** The do-not-call list as the database holds it now (each check is one indexed query). */
    public DoNotCallList doNotCallList() {
        return new DoNotCallList() {
            @Override
            public boolean blocksNumber(String e164) {
                return exists("SELECT 1 FROM do_not_call WHERE kind = 'phone' AND value = ?", e164);
            }

            @Override
            public boolean blocksDebtor(long debtorId) {
                return db.withConnection(c -> {
                    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM do_not_call n JOIN debtors d"
                            + " ON n.kind = 'document' AND n.value = d.document WHERE d.id = ?")) {
                        ps.setLong(1, debtorId);
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next();
                        }
                    }
                });
            }
        };
    }

    /** Adds a number or a document to the do-not-call list (idempotent). */
    public void addDoNotCall(String kind, String value, String reason, Instant now) {
        if (!kind.equals("phone") && !kind.equals("document")) {
            throw new IllegalArgumentException("kind: " + kind + " (expected: phone or document)");
        }
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT IGNORE INTO do_not_call (kind, value, reason, created_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, kind);
                ps.setString(2, value);
                ps.setString(3, reason);
                Sql.set(ps, 4, now);
                return ps.executeUpdate();
            }
        });
    }

    private boolean exists(String sql, String value) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, value);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }
}

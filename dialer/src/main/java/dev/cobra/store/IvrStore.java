package dev.cobra.store;

import dev.cobra.calls.Disposition;
import dev.cobra.ivr.flow.DebtorView;
import dev.cobra.ivr.flow.IvrRecords;
import dev.cobra.ivr.flow.NewAgreement;
import dev.cobra.ivr.flow.StoredAgreement;
import dev.cobra.ivr.plan.DebtBalance;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

/**
 * The IVR's {@link IvrRecords} over MariaDB: the debtor and debt behind a call id (through the
 * write-ahead attempt row), agreements ({@link AgreementStore}), wrong-party and do-not-call marks
 * on the dialled phone, dispositions and IVR progress on the attempt.
 *
 * <p>A call negotiates one debt: the debtor's oldest open account. The stored fees column is read
 * as the late fee (the itemisation's "fees" line). Thread-safe.
 */
public final class IvrStore implements IvrRecords {
    private final Database db;
    private final AgreementStore agreements;
    private final AttemptStore attempts;
    private final Clock clock;
    private final ZoneId defaultZone;

    /** @param defaultZone the debtor's zone when {@code debtors.time_zone} is not set */
    public IvrStore(Database db, Clock clock, ZoneId defaultZone) {
        this.db = db;
        this.agreements = new AgreementStore(db);
        this.attempts = new AttemptStore(db);
        this.clock = clock;
        this.defaultZone = defaultZone;
    }

    @Override
    public Optional<DebtorView> debtorForCall(String callId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT a.id, a.campaign_id, a.debtor_id, a.phone_id, a.amd_result,"
                    + " d.name, d.document, d.time_zone, acc.id, acc.principal, acc.interest, acc.fees, acc.currency, acc.due_date"
                    + " FROM call_attempts a JOIN debtors d ON d.id = a.debtor_id"
                    + " JOIN accounts acc ON acc.debtor_id = d.id AND acc.status = 'open'"
                    + " WHERE a.call_id = ? ORDER BY acc.due_date, acc.id LIMIT 1")) {
                ps.setString(1, callId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String name = rs.getString(6).strip();
                    int space = name.indexOf(' ');
                    DebtBalance balance = new DebtBalance(rs.getBigDecimal(10), rs.getBigDecimal(11), rs.getBigDecimal(12), BigDecimal.ZERO.setScale(2));
                    return Optional.of(new DebtorView(callId, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(9), rs.getLong(4),
                            space < 0 ? name : name.substring(0, space), rs.getString(7), balance, Currency.getInstance(rs.getString(13)),
                            rs.getObject(14, LocalDate.class), zone(rs.getString(8)),
                            "machine".equals(rs.getString(5) == null ? null : rs.getString(5).toLowerCase(Locale.ROOT))));
                }
            }
        });
    }

    private ZoneId zone(String id) {
        return Sql.zoneOr(id, defaultZone);
    }

    @Override
    public StoredAgreement recordAgreement(NewAgreement agreement) {
        return agreements.record(agreement);
    }

    @Override
    public void markWrongParty(DebtorView debtor) {
        phoneStatusAndDisposition(debtor, "wrong_party", Disposition.WRONG_PARTY);
    }

    @Override
    public void doNotCall(DebtorView debtor) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO do_not_call (kind, value, reason, created_at)"
                    + " SELECT 'phone', e164, 'asked in the IVR', ? FROM phones WHERE id = ?")) {
                Sql.set(ps, 1, clock.instant());
                ps.setLong(2, debtor.phoneId());
                ps.executeUpdate();
            }
            // The person asked not to be called: that stops calls to the debtor, not only to this number.
            try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO do_not_call (kind, value, reason, created_at)"
                    + " SELECT 'document', d.document, 'asked in the IVR', ? FROM debtors d JOIN phones p ON p.debtor_id = d.id"
                    + " WHERE p.id = ?")) {
                Sql.set(ps, 1, clock.instant());
                ps.setLong(2, debtor.phoneId());
                ps.executeUpdate();
            }
            return null;
        });
        phoneStatusAndDisposition(debtor, "do_not_call", Disposition.DO_NOT_CALL);
    }

    @Override
    public void scheduleCallback(DebtorView debtor) {
        attempts.setDisposition(debtor.callId(), Disposition.CALLBACK.code());
    }

    @Override
    public void recordProgress(String callId, String lastNode) {
        attempts.setIvrProgress(callId, lastNode.length() > 64 ? lastNode.substring(0, 64) : lastNode);
    }

    private void phoneStatusAndDisposition(DebtorView debtor, String phoneStatus, Disposition disposition) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE phones SET status = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, phoneStatus);
                Sql.set(ps, 2, clock.instant());
                ps.setLong(3, debtor.phoneId());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE call_attempts SET disposition = ? WHERE id = ?")) {
                ps.setString(1, disposition.code());
                ps.setLong(2, debtor.attemptId());
                ps.executeUpdate();
            }
            return null;
        });
    }
}

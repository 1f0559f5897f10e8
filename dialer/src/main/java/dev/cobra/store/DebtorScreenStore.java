package dev.cobra.store;

import dev.cobra.accounts.Mask;
import dev.cobra.ivr.plan.DebtBalance;
import dev.cobra.ivr.plan.InstallmentPlanner;
import dev.cobra.ivr.plan.Offers;
import dev.cobra.ivr.plan.PaymentPlan;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@link DebtorScreen} behind a call id (through the write-ahead attempt row): the debtor, every debt,
 * the last {@value #MAX_ATTEMPTS} attempts, promises, agreements with installments, and the plans the campaign's
 * {@link InstallmentPlanner} offers on the open balance (the debtor's oldest open debt, as the IVR negotiates).
 * Read-only, a handful of indexed queries on one connection. Thread-safe.
 */
public final class DebtorScreenStore {
    static final int MAX_ATTEMPTS = 20;
    private static final int MAX_AGREEMENTS = 10;

    private final Database db;
    private final Clock clock;
    private final ZoneId defaultZone;
    private final InstallmentPlanner planner;

    /** @param planner the campaign's installment policy; null offers no plans */
    public DebtorScreenStore(Database db, Clock clock, ZoneId defaultZone, InstallmentPlanner planner) {
        this.db = db;
        this.clock = clock;
        this.defaultZone = defaultZone;
        this.planner = planner;
    }

    public Optional<DebtorScreen> forCall(String callId) {
        return db.withConnection(c -> {
            long debtorId;
            long campaignId;
            String phone;
            DebtorScreen.CurrentCall current;
            try (PreparedStatement ps = c.prepareStatement("SELECT a.debtor_id, a.campaign_id, p.e164, a.created_at, a.answered_at,"
                    + " a.amd_result, a.ivr_progress FROM call_attempts a JOIN phones p ON p.id = a.phone_id WHERE a.call_id = ?")) {
                ps.setString(1, callId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    debtorId = rs.getLong(1);
                    campaignId = rs.getLong(2);
                    phone = Mask.digits(rs.getString(3));
                    current = new DebtorScreen.CurrentCall(iso(Sql.get(rs, "created_at")), iso(Sql.get(rs, "answered_at")),
                            rs.getString("amd_result"), rs.getString("ivr_progress"));
                }
            }
            return screen(c, callId, campaignId, debtorId, phone, current);
        });
    }

    /**
     * The screen of a debtor before any call (preview: the agent decides whether to dial): {@code callId} and
     * {@code call} are null; {@code phoneE164} is the phone the dialer would call, shown masked.
     */
    public Optional<DebtorScreen> forDebtor(long campaignId, long debtorId, String phoneE164) {
        return db.withConnection(c -> screen(c, null, campaignId, debtorId, Mask.digits(phoneE164), null));
    }

    private Optional<DebtorScreen> screen(Connection c, String callId, long campaignId, long debtorId, String phone,
                                          DebtorScreen.CurrentCall current) throws SQLException {
        DebtorScreen.Debtor debtor;
        ZoneId zone;
        try (PreparedStatement ps = c.prepareStatement("SELECT external_id, name, document, document_type, state, time_zone"
                + " FROM debtors WHERE id = ?")) {
            ps.setLong(1, debtorId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                debtor = new DebtorScreen.Debtor(debtorId, rs.getString(1), rs.getString(2), Mask.digits(rs.getString(3)),
                        rs.getString(4), rs.getString(5));
                zone = zone(rs.getString(6));
            }
        }
        List<DebtorScreen.Debt> debts = new ArrayList<>();
        List<DebtorScreen.Promise> promises = new ArrayList<>();
        BigDecimal owed = BigDecimal.ZERO.setScale(2);
        String currency = null;
        DebtBalance negotiable = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT external_id, principal, interest, fees, currency, due_date, status,"
                + " promise_until FROM accounts WHERE debtor_id = ? ORDER BY due_date, id")) {
            ps.setLong(1, debtorId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigDecimal total = rs.getBigDecimal(2).add(rs.getBigDecimal(3)).add(rs.getBigDecimal(4));
                    LocalDate promise = rs.getObject(8, LocalDate.class);
                    String status = rs.getString(7);
                    debts.add(new DebtorScreen.Debt(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4), total,
                            rs.getString(5), rs.getObject(6, LocalDate.class).toString(), status, promise == null ? null : promise.toString()));
                    if (promise != null) {
                        promises.add(new DebtorScreen.Promise(rs.getString(1), promise.toString()));
                    }
                    if ("open".equals(status) || "disputed".equals(status)) {
                        owed = owed.add(total);
                        currency = currency == null ? rs.getString(5) : currency;
                    }
                    if (negotiable == null && "open".equals(status)) {
                        negotiable = new DebtBalance(rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4), BigDecimal.ZERO.setScale(2));
                    }
                }
            }
        }
        return Optional.of(new DebtorScreen(callId, campaignId, debtor, phone, current, debts, owed, currency, attempts(c, debtorId),
                promises, agreements(c, debtorId), plans(negotiable, LocalDate.ofInstant(clock.instant(), zone))));
    }

    private static List<DebtorScreen.PastAttempt> attempts(Connection c, long debtorId) throws SQLException {
        List<DebtorScreen.PastAttempt> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT call_id, created_at, answered_at, ended_at, outcome, disposition,"
                + " ivr_progress, callback_at FROM call_attempts WHERE debtor_id = ? ORDER BY created_at DESC, id DESC LIMIT " + MAX_ATTEMPTS)) {
            ps.setLong(1, debtorId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DebtorScreen.PastAttempt(rs.getString(1), iso(Sql.get(rs, "created_at")), iso(Sql.get(rs, "answered_at")),
                            iso(Sql.get(rs, "ended_at")), rs.getString(5), rs.getString(6), rs.getString(7), iso(Sql.get(rs, "callback_at"))));
                }
            }
        }
        return out;
    }

    private static List<DebtorScreen.AgreementView> agreements(Connection c, long debtorId) throws SQLException {
        List<DebtorScreen.AgreementView> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, created_at, channel, plan, total, currency FROM agreements"
                + " WHERE debtor_id = ? ORDER BY created_at DESC, id DESC LIMIT " + MAX_AGREEMENTS)) {
            ps.setLong(1, debtorId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DebtorScreen.AgreementView(rs.getLong(1), iso(Sql.get(rs, "created_at")), rs.getString(3), rs.getString(4),
                            rs.getBigDecimal(5), rs.getString(6), List.of()));
                }
            }
        }
        List<DebtorScreen.AgreementView> withInstallments = new ArrayList<>();
        for (DebtorScreen.AgreementView a : out) {
            List<DebtorScreen.InstallmentView> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT number, due_date, amount FROM agreement_installments"
                    + " WHERE agreement_id = ? ORDER BY number")) {
                ps.setLong(1, a.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(new DebtorScreen.InstallmentView(rs.getInt(1), rs.getObject(2, LocalDate.class).toString(), rs.getBigDecimal(3)));
                    }
                }
            }
            withInstallments.add(new DebtorScreen.AgreementView(a.id(), a.createdAt(), a.channel(), a.plan(), a.total(), a.currency(), items));
        }
        return withInstallments;
    }

    private List<DebtorScreen.Plan> plans(DebtBalance balance, LocalDate today) {
        if (planner == null || balance == null || balance.total().signum() == 0) {
            return List.of();
        }
        Offers offers = planner.offers(balance, today);
        List<DebtorScreen.Plan> out = new ArrayList<>();
        out.add(plan("full", offers.fullPayment()));
        for (PaymentPlan p : offers.installmentPlans()) {
            out.add(plan("installments", p));
        }
        return out;
    }

    private static DebtorScreen.Plan plan(String kind, PaymentPlan p) {
        List<DebtorScreen.InstallmentView> items = new ArrayList<>();
        p.installments().forEach(i -> items.add(new DebtorScreen.InstallmentView(i.number(), i.dueDate().toString(), i.amount())));
        return new DebtorScreen.Plan(kind, p.count(), p.total(), p.discount(), p.interest(), items);
    }

    private ZoneId zone(String id) {
        return Sql.zoneOr(id, defaultZone);
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}

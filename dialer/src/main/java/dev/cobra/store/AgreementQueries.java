package dev.cobra.store;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads agreements for people (the API's lists and details, a debtor's history): newest first, bounded. An
 * agreement's campaign is the campaign of the call it was made in (null for one made outside a call).
 * {@link AgreementStore} writes them. Read-only and thread-safe.
 */
public final class AgreementQueries {
    /** The most rows one list returns. */
    public static final int MAX_LIMIT = 500;

    /** One agreement without its installments. {@code debtor} and {@code account} are the creditor's ids. */
    public record Summary(long id, String debtor, String account, String campaign, String channel, String plan, BigDecimal total,
                          String currency, int installments, String paymentCode, Instant createdAt) {}

    /** One installment of an agreement. */
    public record Installment(int number, BigDecimal amount, LocalDate dueDate) {}

    /** An agreement with its installments and its Pix "copia e cola" payload (BR Code), null when none was made. */
    public record Detail(Summary summary, List<Installment> installments, String pixPayload) {
        public Detail {
            installments = List.copyOf(installments);
        }
    }

    private static final String SELECT = "SELECT g.id, d.external_id AS debtor, a.external_id AS account, k.code AS campaign,"
            + " g.channel, g.plan, g.total, g.currency, g.installments, g.payment_code, g.created_at, g.pix_payload"
            + " FROM agreements g JOIN debtors d ON d.id = g.debtor_id JOIN accounts a ON a.id = g.account_id"
            + " LEFT JOIN call_attempts t ON t.id = g.attempt_id LEFT JOIN campaigns k ON k.id = t.campaign_id";

    private final Database db;

    public AgreementQueries(Database db) {
        this.db = db;
    }

    /**
     * Agreements newest first.
     *
     * @param campaign a campaign code, or null for all
     * @param since    made at or after, or null
     * @param debtorId one debtor's, or null
     */
    public List<Summary> list(String campaign, Instant since, Long debtorId, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: 1.." + MAX_LIMIT + ")");
        }
        Conditions where = new Conditions().add("k.code = ?", campaign).add("g.created_at >= ?", since).add("g.debtor_id = ?", debtorId);
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + where.where() + " ORDER BY g.created_at DESC, g.id DESC LIMIT ?")) {
                ps.setInt(where.bind(ps), limit);
                List<Summary> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(summary(rs));
                    }
                }
                return out;
            }
        });
    }

    /** One agreement with its installments, or empty. */
    public Optional<Detail> find(long id) {
        return db.withConnection(c -> {
            Summary s;
            String pix;
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE g.id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Detail>empty();
                    }
                    s = summary(rs);
                    pix = rs.getString("pix_payload");
                }
            }
            List<Installment> installments = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT number, amount, due_date FROM agreement_installments"
                    + " WHERE agreement_id = ? ORDER BY number")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        installments.add(new Installment(rs.getInt(1), rs.getBigDecimal(2), rs.getObject(3, LocalDate.class)));
                    }
                }
            }
            return Optional.of(new Detail(s, installments, pix));
        });
    }

    private static Summary summary(ResultSet rs) throws SQLException {
        return new Summary(rs.getLong("id"), rs.getString("debtor"), rs.getString("account"), rs.getString("campaign"),
                rs.getString("channel"), rs.getString("plan"), rs.getBigDecimal("total"), rs.getString("currency"),
                rs.getInt("installments"), rs.getString("payment_code"), Sql.get(rs, "created_at"));
    }
}

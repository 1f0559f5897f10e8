package dev.cobra.store;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Read-only view of what a campaign has due: the operator's "what will be dialed next". */
public final class DueReport {
    /** One due debtor with the sums of its open debts. Personal data is raw here: mask before printing or logging. */
    public record Row(String externalId, String name, String state, int openAccounts, BigDecimal owed, String currency,
                      LocalDate oldestDue, int phones) {}

    /** Totals over the campaign's due debtors. */
    public record Totals(long debtors, BigDecimal owed) {}

    private final Database db;

    public DueReport(Database db) {
        this.db = db;
    }

    public Totals totals(long campaignId, Instant now) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(DISTINCT m.debtor_id), COALESCE(SUM(a.principal + a.interest + a.fees), 0)"
                            + " FROM campaign_debtors m LEFT JOIN accounts a ON a.debtor_id = m.debtor_id AND a.status = 'open'"
                            + " WHERE m.campaign_id = ? AND m.next_eligible_at <= ?")) {
                ps.setLong(1, campaignId);
                Sql.set(ps, 2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Totals(rs.getLong(1), rs.getBigDecimal(2));
                }
            }
        });
    }

    /** The first {@code limit} due debtors in claim order. */
    public List<Row> next(long campaignId, Instant now, int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT d.external_id, d.name, d.state,"
                            + " (SELECT COUNT(*) FROM accounts a WHERE a.debtor_id = d.id AND a.status = 'open'),"
                            + " (SELECT COALESCE(SUM(a.principal + a.interest + a.fees), 0) FROM accounts a WHERE a.debtor_id = d.id AND a.status = 'open'),"
                            + " (SELECT MIN(a.currency) FROM accounts a WHERE a.debtor_id = d.id),"
                            + " (SELECT MIN(a.due_date) FROM accounts a WHERE a.debtor_id = d.id AND a.status = 'open'),"
                            + " (SELECT COUNT(*) FROM phones p WHERE p.debtor_id = d.id AND p.status = 'valid')"
                            + " FROM campaign_debtors m JOIN debtors d ON d.id = m.debtor_id"
                            + " WHERE m.campaign_id = ? AND m.next_eligible_at <= ?"
                            + " ORDER BY m.next_eligible_at, m.debtor_id LIMIT ?")) {
                ps.setLong(1, campaignId);
                Sql.set(ps, 2, now);
                ps.setInt(3, limit);
                List<Row> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBigDecimal(5),
                                rs.getString(6), rs.getObject(7, LocalDate.class), rs.getInt(8)));
                    }
                }
                return rows;
            }
        });
    }

    /** A debtor's place in one campaign: state, next eligible time, last reason, lease holder. */
    public record Membership(String campaign, String preset, String state, Instant nextEligibleAt, String lastReason,
                             String leaseNode, Instant leaseExpiresAt, int claims) {}

    /** Every campaign the debtor belongs to. */
    public List<Membership> memberships(long debtorId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT k.code, k.preset, m.state, m.next_eligible_at, m.last_reason, m.lease_node, m.lease_expires_at, m.claims"
                            + " FROM campaign_debtors m JOIN campaigns k ON k.id = m.campaign_id WHERE m.debtor_id = ? ORDER BY k.code")) {
                ps.setLong(1, debtorId);
                List<Membership> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Membership(rs.getString(1), rs.getString(2), rs.getString(3), Sql.get(rs, "next_eligible_at"),
                                rs.getString(5), rs.getString(6), Sql.get(rs, "lease_expires_at"), rs.getInt(8)));
                    }
                }
                return out;
            }
        });
    }
}

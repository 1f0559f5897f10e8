package dev.cobra.store;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A campaign's numbers as the database has them, for operators (the API's campaign stats): attempts by outcome
 * since a day start and in total, the abandon ratio over a window (abandoned / live answered, as regulators count
 * it: {@code answered_human} and {@code abandoned} are live answers), agreements, and debtors due now.
 *
 * <p>Read-only and thread-safe. Reads only ended attempts for outcomes; open ones count as {@code inFlight}.
 */
public final class CampaignStats {
    /**
     * @param outcomesToday   ended attempts since {@code dayStart}, by outcome code
     * @param outcomesTotal   every ended attempt, by outcome code
     * @param inFlight        attempts not ended yet
     * @param liveAnswers     live answers in the window
     * @param abandoned       abandoned calls in the window
     * @param abandonRatio    abandoned / liveAnswers (0 when there were none)
     * @param agreements      agreements made in the campaign's calls
     * @param agreementsTotal their summed totals (one currency per campaign is assumed)
     * @param dueNow          debtors due now
     */
    public record Stats(Map<String, Long> outcomesToday, Map<String, Long> outcomesTotal, long inFlight, long liveAnswers,
                        long abandoned, double abandonRatio, long agreements, BigDecimal agreementsTotal, long dueNow) {
        public Stats {
            outcomesToday = Map.copyOf(outcomesToday);
            outcomesTotal = Map.copyOf(outcomesTotal);
        }
    }

    private final Database db;

    public CampaignStats(Database db) {
        this.db = db;
    }

    /**
     * @param dayStart    where "today" begins (the caller picks the zone)
     * @param windowStart where the abandon-ratio window begins (now minus the preset's window)
     */
    public Stats of(long campaignId, Instant dayStart, Instant windowStart, Instant now) {
        long due = new ClaimStore(db).countDue(campaignId, now);
        return db.withConnection(c -> {
            Map<String, Long> today = new TreeMap<>();
            Map<String, Long> total = new TreeMap<>();
            long inFlight = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT outcome, SUM(created_at >= ?), COUNT(*) FROM call_attempts"
                    + " WHERE campaign_id = ? GROUP BY outcome")) {
                Sql.set(ps, 1, dayStart);
                ps.setLong(2, campaignId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String outcome = rs.getString(1);
                        if (outcome == null) {
                            inFlight = rs.getLong(3);
                        } else {
                            total.put(outcome, rs.getLong(3));
                            if (rs.getLong(2) > 0) {
                                today.put(outcome, rs.getLong(2));
                            }
                        }
                    }
                }
            }
            long live;
            long abandoned;
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(outcome IN ('answered_human', 'abandoned')), 0),"
                    + " COALESCE(SUM(outcome = 'abandoned'), 0) FROM call_attempts WHERE campaign_id = ? AND ended_at >= ? AND ended_at <= ?")) {
                ps.setLong(1, campaignId);
                Sql.set(ps, 2, windowStart);
                Sql.set(ps, 3, now);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    live = rs.getLong(1);
                    abandoned = rs.getLong(2);
                }
            }
            long agreements;
            BigDecimal amount;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(g.total), 0) FROM agreements g"
                    + " JOIN call_attempts t ON t.id = g.attempt_id WHERE t.campaign_id = ?")) {
                ps.setLong(1, campaignId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    agreements = rs.getLong(1);
                    amount = rs.getBigDecimal(2);
                }
            }
            return new Stats(today, total, inFlight, live, abandoned, live == 0 ? 0.0 : (double) abandoned / live, agreements,
                    amount, due);
        });
    }

    /** Live answers and abandons of one minute (UTC). */
    public record LiveMinute(Instant minute, long liveAnswers, long abandoned) {}

    /**
     * A campaign's live answers and abandons per minute between {@code from} and {@code to}, oldest first: what a
     * runner's abandon meter is seeded with when a node (re)starts dialing a campaign.
     */
    public List<LiveMinute> liveAnswersByMinute(long campaignId, Instant from, Instant to) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT DATE_FORMAT(ended_at, '%Y-%m-%d %H:%i') AS m,"
                    + " SUM(outcome IN ('answered_human', 'abandoned')), SUM(outcome = 'abandoned') FROM call_attempts"
                    + " WHERE campaign_id = ? AND ended_at >= ? AND ended_at <= ? AND outcome IN ('answered_human', 'abandoned')"
                    + " GROUP BY m ORDER BY m")) {
                ps.setLong(1, campaignId);
                Sql.set(ps, 2, from);
                Sql.set(ps, 3, to);
                List<LiveMinute> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Instant minute = java.time.LocalDateTime.parse(rs.getString(1).replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC);
                        out.add(new LiveMinute(minute, rs.getLong(2), rs.getLong(3)));
                    }
                }
                return out;
            }
        });
    }
}

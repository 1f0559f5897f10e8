package dev.cobra.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads call attempts for people (the API's attempt list and a debtor's history): recent first, filtered, always
 * bounded by a limit. Agents are named by their login code ({@code agents.code}), joined through
 * {@code call_attempts.agent_id = agents.id}. Read-only and thread-safe.
 */
public final class AttemptQueries {
    /** The most rows one query returns. */
    public static final int MAX_LIMIT = 500;

    /**
     * One attempt as operators see it. {@code phoneId} identifies the number without showing it.
     *
     * @param agent       the login code of the agent who took the call, or null
     * @param ivrProgress the last IVR node the caller reached, or null
     */
    public record View(long id, String callId, String campaign, String debtor, long phoneId, Instant createdAt,
                       Instant answeredAt, Instant endedAt, String outcome, Integer hangupCause, String amdResult, String agent,
                       String disposition, Instant callbackAt, String ivrProgress) {}

    /** Filters; null fields do not filter. {@code limit} is 1..{@value #MAX_LIMIT}. */
    public record Filter(String campaign, String outcome, Instant since, String agent, Long debtorId, int limit) {
        public Filter {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit: " + limit + " (expected: 1.." + MAX_LIMIT + ")");
            }
        }
    }

    private static final String SELECT = "SELECT t.id, t.call_id, k.code, d.external_id, t.phone_id, t.created_at, t.answered_at,"
            + " t.ended_at, t.outcome, t.hangup_cause, t.amd_result, g.code AS agent, t.disposition, t.callback_at, t.ivr_progress"
            + " FROM call_attempts t JOIN campaigns k ON k.id = t.campaign_id JOIN debtors d ON d.id = t.debtor_id"
            + " LEFT JOIN agents g ON g.id = t.agent_id";

    private final Database db;

    public AttemptQueries(Database db) {
        this.db = db;
    }

    /** Attempts matching the filter, newest first. */
    public List<View> find(Filter f) {
        Conditions where = new Conditions().add("k.code = ?", f.campaign()).add("t.outcome = ?", f.outcome())
                .add("t.created_at >= ?", f.since()).add("g.code = ?", f.agent()).add("t.debtor_id = ?", f.debtorId());
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + where.where() + " ORDER BY t.created_at DESC, t.id DESC LIMIT ?")) {
                ps.setInt(where.bind(ps), f.limit());
                List<View> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    private static View read(ResultSet rs) throws SQLException {
        int cause = rs.getInt("hangup_cause");
        Integer hangupCause = rs.wasNull() ? null : cause;
        return new View(rs.getLong("id"), rs.getString("call_id"), rs.getString("code"), rs.getString("external_id"),
                rs.getLong("phone_id"), Sql.get(rs, "created_at"), Sql.get(rs, "answered_at"), Sql.get(rs, "ended_at"),
                rs.getString("outcome"), hangupCause, rs.getString("amd_result"), rs.getString("agent"), rs.getString("disposition"),
                Sql.get(rs, "callback_at"), rs.getString("ivr_progress"));
    }
}

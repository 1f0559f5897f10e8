package dev.cobra.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Call attempt rows, written ahead: {@link #open} inserts the row before the originate is sent, so a crash
 * between the two leaves an open attempt that start-up reconciliation closes, never a call nobody knows
 * about. Every attempt is closed exactly once ({@link #close} only touches rows still open).
 *
 * <p>Thread-safe. Outcomes and dispositions are stored as their lower-case codes.
 */
public final class AttemptStore {
    private final Database db;

    public AttemptStore(Database db) {
        this.db = db;
    }

    /** Inserts an open attempt; returns its row id. */
    public long open(String callId, long campaignId, long debtorId, long phoneId, String node, String pbx, Instant now) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO call_attempts (call_id, campaign_id, debtor_id, phone_id, node, pbx, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, callId);
                ps.setLong(2, campaignId);
                ps.setLong(3, debtorId);
                ps.setLong(4, phoneId);
                ps.setString(5, node);
                ps.setString(6, pbx);
                Sql.set(ps, 7, now);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** Records a milestone time ({@code originated}, {@code answered} or {@code bridged}) if not yet set. */
    public void mark(String callId, Milestone milestone, Instant at) {
        update("UPDATE call_attempts SET " + milestone.column + " = COALESCE(" + milestone.column + ", ?)"
                + " WHERE call_id = ? AND ended_at IS NULL", ps -> {
                    Sql.set(ps, 1, at);
                    ps.setString(2, callId);
                });
    }

    /** The milestones of an attempt. */
    public enum Milestone {
        ORIGINATED("originated_at"), ANSWERED("answered_at"), BRIDGED("bridged_at");

        final String column;

        Milestone(String column) {
            this.column = column;
        }
    }

    public void setAmd(String callId, String amdResult) {
        setColumn(callId, "amd_result", amdResult);
    }

    public void setAgent(String callId, long agentId) {
        setColumn(callId, "agent_id", agentId);
    }

    public void setRecording(String callId, String path) {
        setColumn(callId, "recording_path", path);
    }

    public void setDisposition(String callId, String disposition) {
        setColumn(callId, "disposition", disposition);
    }

    public void setIvrProgress(String callId, String progress) {
        setColumn(callId, "ivr_progress", progress);
    }

    /** One column of one attempt; {@code column} is always one of the constants above, never input. */
    private void setColumn(String callId, String column, Object value) {
        update("UPDATE call_attempts SET " + column + " = ? WHERE call_id = ?", ps -> {
            ps.setObject(1, value);
            ps.setString(2, callId);
        });
    }

    /**
     * Closes an open attempt with its outcome. Returns false if it was already closed (a replayed hang-up,
     * or reconciliation racing a late event): the first close wins.
     */
    public boolean close(String callId, Instant endedAt, String outcome, int q850Cause) {
        return update("UPDATE call_attempts SET ended_at = ?, outcome = ?, hangup_cause = ?"
                + " WHERE call_id = ? AND ended_at IS NULL", ps -> {
                    Sql.set(ps, 1, endedAt);
                    ps.setString(2, outcome);
                    ps.setInt(3, q850Cause);
                    ps.setString(4, callId);
                }) == 1;
    }

    /**
     * Start-up recovery after a crash: closes every attempt this node left open, as {@code dropped} if it had been
     * answered and {@code unknown} otherwise (the PBX's own hang-up of such calls was never seen). Their claims need
     * no release: the leases expire and the debtors come back by themselves. Returns how many were closed.
     */
    public int closeOrphans(String node, Instant now) {
        return update("UPDATE call_attempts SET ended_at = ?, hangup_cause = 0,"
                + " outcome = CASE WHEN answered_at IS NULL THEN 'unknown' ELSE 'dropped' END"
                + " WHERE node = ? AND ended_at IS NULL", ps -> {
                    Sql.set(ps, 1, now);
                    ps.setString(2, node);
                });
    }

    /** Attempts of a node that are still open (to reattach or close after a reconnect or restart). */
    public List<Attempt> openAttempts(String node) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE node = ? AND ended_at IS NULL ORDER BY id")) {
                ps.setString(1, node);
                return read(ps);
            }
        });
    }

    public Attempt find(String callId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE call_id = ?")) {
                ps.setString(1, callId);
                List<Attempt> rows = read(ps);
                return rows.isEmpty() ? null : rows.get(0);
            }
        });
    }

    private static final String SELECT = "SELECT id, call_id, campaign_id, debtor_id, phone_id, node, pbx, created_at,"
            + " originated_at, answered_at, ended_at, outcome FROM call_attempts";

    private static List<Attempt> read(PreparedStatement ps) throws java.sql.SQLException {
        List<Attempt> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Attempt(rs.getLong("id"), rs.getString("call_id"), rs.getLong("campaign_id"), rs.getLong("debtor_id"),
                        rs.getLong("phone_id"), rs.getString("node"), rs.getString("pbx"), Sql.get(rs, "created_at"),
                        Sql.get(rs, "originated_at"), Sql.get(rs, "answered_at"), Sql.get(rs, "ended_at"), rs.getString("outcome")));
            }
        }
        return out;
    }

    private int update(String sql, Sql.Binder binder) {
        return db.withConnection(c -> Sql.update(c, sql, binder));
    }
}

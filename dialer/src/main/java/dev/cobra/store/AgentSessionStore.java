package dev.cobra.store;

import dev.cobra.campaign.AgentSessionLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code agent_sessions} rows of one node (V5): each agent's latest session, saved as it changes, so a restarted
 * node can tell the agent legs its previous run opened from another node's. One row per agent; a login on a node makes
 * the row that node's (an upsert), a log-out only changes a row the node still owns.
 *
 * <p>Thread-safe (each call is one statement on a pooled connection); the dialer calls it on the core thread.
 */
public final class AgentSessionStore implements AgentSessionLog {
    private final Database db;
    private final String node;
    private final Clock clock;

    public AgentSessionStore(Database db, String node, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.node = Objects.requireNonNull(node, "node");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void save(Saved s) {
        String campaigns = String.join(",", new TreeSet<>(s.campaigns()));
        if ("LOGGED_OUT".equals(s.state())) {
            db.withConnection(c -> Sql.update(c, "UPDATE agent_sessions SET state = 'LOGGED_OUT', pbx = NULL, leg_channel = NULL,"
                    + " leg_uniqueid = NULL, pause_reason = NULL, call_id = NULL, updated_at = ? WHERE agent_id = ? AND node = ?", ps -> {
                        Sql.set(ps, 1, clock.instant());
                        ps.setString(2, s.agentId());
                        ps.setString(3, node);
                    }));
            return;
        }
        db.withConnection(c -> Sql.update(c, "INSERT INTO agent_sessions (agent_id, extension, campaigns, node, pbx, leg_channel,"
                + " leg_uniqueid, state, pause_reason, call_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE extension = VALUES(extension), campaigns = VALUES(campaigns), node = VALUES(node),"
                + " pbx = VALUES(pbx), leg_channel = VALUES(leg_channel), leg_uniqueid = VALUES(leg_uniqueid), state = VALUES(state),"
                + " pause_reason = VALUES(pause_reason), call_id = VALUES(call_id), updated_at = VALUES(updated_at)", ps -> {
                    ps.setString(1, s.agentId());
                    ps.setString(2, s.extension());
                    ps.setString(3, campaigns);
                    ps.setString(4, node);
                    ps.setString(5, s.pbx());
                    ps.setString(6, s.channel());
                    ps.setString(7, s.uniqueid());
                    ps.setString(8, s.state());
                    ps.setString(9, s.pauseReason());
                    ps.setString(10, s.callId());
                    Sql.set(ps, 11, clock.instant());
                }));
    }

    /** The sessions this node saved that are not logged out: what its previous run left (read at start). */
    public List<Saved> open() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT agent_id, extension, campaigns, state, pbx, leg_channel,"
                    + " leg_uniqueid, pause_reason, call_id FROM agent_sessions WHERE node = ? AND state <> 'LOGGED_OUT'"
                    + " ORDER BY agent_id")) {
                ps.setString(1, node);
                List<Saved> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String list = rs.getString("campaigns");
                        Set<String> campaigns = list == null || list.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(list.split(",")));
                        out.add(new Saved(rs.getString("agent_id"), rs.getString("extension"), campaigns, rs.getString("state"),
                                rs.getString("pbx"), rs.getString("leg_channel"), rs.getString("leg_uniqueid"),
                                rs.getString("pause_reason"), rs.getString("call_id")));
                    }
                }
                return out;
            }
        });
    }
}

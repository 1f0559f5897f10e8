package dev.cobra.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Campaign rows. Thread-safe. */
public final class CampaignStore {
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final Database db;

    public CampaignStore(Database db) {
        this.db = db;
    }

    private static final String SELECT = "SELECT id, code, name, preset, status, mode, ivr_flow, max_lines, power_ratio,"
            + " abandon_target, ring_timeout_s, record_calls, caller_id FROM campaigns";

    public Optional<Campaign> find(String code) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE code = ?")) {
                ps.setString(1, code);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.<Campaign>empty();
                }
            }
        });
    }

    /** Every campaign, by code. */
    public List<Campaign> list() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY code");
                 ResultSet rs = ps.executeQuery()) {
                List<Campaign> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        });
    }

    /** Campaigns with the given status (a dialer node runs the {@code running} ones). */
    public List<Campaign> withStatus(String status) {
        return list().stream().filter(c -> c.status().equals(status)).toList();
    }

    /** Changes name, preset and dialing; returns the updated campaign, or empty if there is none with this code. */
    public Optional<Campaign> update(String code, String name, String preset, Campaign.Dialing d, Instant now) {
        int rows = db.withConnection(c -> Sql.update(c, "UPDATE campaigns SET name = ?, preset = ?, mode = ?, ivr_flow = ?,"
                + " max_lines = ?, power_ratio = ?, abandon_target = ?, ring_timeout_s = ?, record_calls = ?, caller_id = ?,"
                + " updated_at = ? WHERE code = ?", ps -> {
                    ps.setString(1, name);
                    ps.setString(2, preset);
                    bindDialing(ps, 3, d);
                    Sql.set(ps, 11, now);
                    ps.setString(12, code);
                }));
        return rows == 0 ? Optional.empty() : find(code);
    }

    /** Sets the status (draft, running, paused, stopped); returns false if there is no campaign with this code. */
    public boolean setStatus(String code, String status, Instant now) {
        if (!Campaign.STATUSES.contains(status)) {
            throw new IllegalArgumentException("status: '" + status + "' (expected one of " + Campaign.STATUSES + ")");
        }
        return db.withConnection(c -> Sql.update(c, "UPDATE campaigns SET status = ?, updated_at = ? WHERE code = ?", ps -> {
            ps.setString(1, status);
            Sql.set(ps, 2, now);
            ps.setString(3, code);
        })) > 0;
    }

    /**
     * Moves a campaign to {@code to} only if its status is one of {@code from} (one conditional UPDATE, so two
     * operators racing cannot, say, restart a campaign another just stopped). Returns false if it was not in
     * {@code from} (or does not exist).
     */
    public boolean transition(String code, Set<String> from, String to, Instant now) {
        if (!Campaign.STATUSES.contains(to) || !Campaign.STATUSES.containsAll(from) || from.isEmpty()) {
            throw new IllegalArgumentException("status: " + from + " -> '" + to + "' (expected statuses among " + Campaign.STATUSES + ")");
        }
        List<String> sources = List.copyOf(from);
        return db.withConnection(c -> Sql.update(c, "UPDATE campaigns SET status = ?, updated_at = ? WHERE code = ? AND status IN ("
                + Sql.placeholders(sources.size()) + ")", ps -> {
                    ps.setString(1, to);
                    Sql.set(ps, 2, now);
                    ps.setString(3, code);
                    for (int i = 0; i < sources.size(); i++) {
                        ps.setString(4 + i, sources.get(i));
                    }
                })) > 0;
    }

    /**
     * Creates a draft campaign with its dialing settings; empty if the code is taken (the unique key decides, so
     * two racing creates give one campaign and one empty answer).
     */
    public Optional<Campaign> create(String code, String name, String preset, Campaign.Dialing d, Instant now) {
        checkCode("code", code);
        int rows = db.withConnection(c -> Sql.update(c, "INSERT IGNORE INTO campaigns (code, name, preset, mode, ivr_flow, max_lines,"
                + " power_ratio, abandon_target, ring_timeout_s, record_calls, caller_id, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setString(1, code);
                    ps.setString(2, name);
                    ps.setString(3, preset);
                    bindDialing(ps, 4, d);
                    Sql.set(ps, 12, now);
                    Sql.set(ps, 13, now);
                }));
        return rows == 0 ? Optional.empty() : find(code);
    }

    /** Binds the eight dialing columns, in the order mode .. caller_id, from parameter {@code first}. */
    private static void bindDialing(PreparedStatement ps, int first, Campaign.Dialing d) throws java.sql.SQLException {
        ps.setString(first, d.mode());
        ps.setString(first + 1, d.ivrFlow());
        ps.setInt(first + 2, d.maxLines());
        ps.setBigDecimal(first + 3, d.powerRatio());
        ps.setBigDecimal(first + 4, d.abandonTarget());
        ps.setInt(first + 5, d.ringTimeoutSeconds());
        ps.setBoolean(first + 6, d.recordCalls());
        ps.setString(first + 7, d.callerId());
    }

    private static void checkCode(String field, String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException(field + ": '" + code + "' (expected: 1-64 letters, digits, '_', '.', '-')");
        }
    }

    private static Campaign read(ResultSet rs) throws java.sql.SQLException {
        Campaign.Dialing d = new Campaign.Dialing(rs.getString("mode"), rs.getString("ivr_flow"), rs.getInt("max_lines"),
                rs.getBigDecimal("power_ratio"), rs.getBigDecimal("abandon_target"), rs.getInt("ring_timeout_s"),
                rs.getBoolean("record_calls"), rs.getString("caller_id"));
        return new Campaign(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("preset"),
                rs.getString("status"), d);
    }

    /** Returns the campaign with this code, creating it (status draft) if it does not exist. */
    public Campaign ensure(String code, String name, String preset, Instant now) {
        checkCode("campaign", code);
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT IGNORE INTO campaigns (code, name, preset, created_at) VALUES (?, ?, ?, ?)",
                    Statement.NO_GENERATED_KEYS)) {
                ps.setString(1, code);
                ps.setString(2, name);
                ps.setString(3, preset);
                Sql.set(ps, 4, now);
                return ps.executeUpdate();
            }
        });
        return find(code).orElseThrow(() -> new IllegalStateException("campaign " + code + " vanished after insert"));
    }
}

package dev.cobra.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/** Campaign rows. Thread-safe. */
public final class CampaignStore {
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final Database db;

    public CampaignStore(Database db) {
        this.db = db;
    }

    public Optional<Campaign> find(String code) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, code, name, preset, status FROM campaigns WHERE code = ?")) {
                ps.setString(1, code);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new Campaign(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                            : Optional.<Campaign>empty();
                }
            }
        });
    }

    /** Returns the campaign with this code, creating it (status draft) if it does not exist. */
    public Campaign ensure(String code, String name, String preset, Instant now) {
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("campaign: '" + code + "' (expected: 1-64 letters, digits, '_', '.', '-')");
        }
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

package dev.cobra.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The due-account claim: hands out debtors whose next eligible time has come, each to exactly one
 * dialer node at a time, across any number of processes sharing one database.
 *
 * <p>How: one transaction runs {@code SELECT ... ORDER BY next_eligible_at LIMIT n FOR UPDATE SKIP LOCKED}
 * on the {@code (campaign_id, next_eligible_at)} index, then marks the rows with a lease (node, fencing
 * id, expiry) and moves {@code next_eligible_at} to the lease expiry. Concurrent claimers skip rows another
 * transaction has locked instead of waiting for them, and a committed lease takes the row out of the due
 * range, so no debtor is handed out twice. A node that crashes never releases; its leases simply become
 * due again when they expire.
 *
 * <p>{@link #release} and {@link #extend} present the lease id: if the lease expired and another node
 * reclaimed the debtor, they change nothing and return false, so a slow node cannot overwrite the new
 * owner's schedule.
 *
 * <p>Thread-safe; every method is one short transaction.
 */
public final class ClaimStore {
    /** Default lease: longer than a ring plus a typical conversation; live calls extend it. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(15);
    /** Upper bound on one claim batch, to keep lock sets and statements small. */
    public static final int MAX_BATCH = 1000;

    private final Database db;

    public ClaimStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    public List<Claim> claimDue(long campaignId, int n, Instant now, String node) {
        return claimDue(campaignId, n, now, node, DEFAULT_LEASE);
    }

    /**
     * Claims up to {@code n} debtors of the campaign whose next eligible time is at or before {@code now},
     * oldest first, leased to {@code node} for {@code lease}.
     */
    public List<Claim> claimDue(long campaignId, int n, Instant now, String node, Duration lease) {
        if (n < 1 || n > MAX_BATCH) {
            throw new IllegalArgumentException("n: " + n + " (expected: 1.." + MAX_BATCH + ")");
        }
        Objects.requireNonNull(node, "node");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease: " + lease + " (expected: > 0)");
        }
        Instant expires = now.plus(lease);
        long leaseId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        return db.inTransaction(c -> {
            List<Long> ids = selectDue(c, campaignId, n, now);
            if (ids.isEmpty()) {
                return List.of();
            }
            lease(c, campaignId, ids, node, leaseId, expires);
            List<Claim> claims = new ArrayList<>(ids.size());
            for (long id : ids) {
                claims.add(new Claim(campaignId, id, leaseId, node, expires));
            }
            return Collections.unmodifiableList(claims);
        });
    }

    private static List<Long> selectDue(Connection c, long campaignId, int n, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT debtor_id FROM campaign_debtors"
                        + " WHERE campaign_id = ? AND next_eligible_at <= ?"
                        + " ORDER BY next_eligible_at, debtor_id LIMIT ?"
                        + " FOR UPDATE SKIP LOCKED")) {
            ps.setLong(1, campaignId);
            Sql.set(ps, 2, now);
            ps.setInt(3, n);
            try (ResultSet rs = ps.executeQuery()) {
                List<Long> ids = new ArrayList<>(n);
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
                return ids;
            }
        }
    }

    private static void lease(Connection c, long campaignId, List<Long> ids, String node, long leaseId, Instant expires)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE campaign_debtors SET lease_node = ?, lease_id = ?, lease_expires_at = ?, next_eligible_at = ?,"
                        + " claims = claims + 1 WHERE campaign_id = ? AND debtor_id IN (" + Sql.placeholders(ids.size()) + ")")) {
            int p = 1;
            ps.setString(p++, node);
            ps.setLong(p++, leaseId);
            Sql.set(ps, p++, expires);
            Sql.set(ps, p++, expires);
            ps.setLong(p++, campaignId);
            for (long id : ids) {
                ps.setLong(p++, id);
            }
            int updated = ps.executeUpdate();
            if (updated != ids.size()) {
                throw new IllegalStateException("leased " + updated + " rows for " + ids.size()
                        + " locked debtors (campaign=" + campaignId + ", node=" + node + ")");
            }
        }
    }

    /**
     * Ends a claim: the debtor becomes due again at {@code nextEligibleAt}, with {@code reason} kept for
     * "why" questions. Returns false when the lease is no longer ours (expired and reclaimed).
     */
    public boolean release(Claim claim, Instant nextEligibleAt, String reason) {
        Objects.requireNonNull(nextEligibleAt, "nextEligibleAt");
        return finishLease(claim, "active", nextEligibleAt, reason);
    }

    /** Ends a claim and takes the debtor out of the campaign's dialing for good ({@code done} or {@code next_stage}). */
    public boolean retire(Claim claim, boolean nextStage, String reason) {
        return finishLease(claim, nextStage ? "next_stage" : "done", null, reason);
    }

    private boolean finishLease(Claim claim, String state, Instant nextEligibleAt, String reason) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE campaign_debtors SET state = ?, next_eligible_at = ?, last_reason = ?,"
                            + " lease_node = NULL, lease_id = NULL, lease_expires_at = NULL"
                            + " WHERE campaign_id = ? AND debtor_id = ? AND lease_id = ?")) {
                ps.setString(1, state);
                Sql.set(ps, 2, nextEligibleAt);
                ps.setString(3, reason == null ? null : truncate(reason, 255));
                ps.setLong(4, claim.campaignId());
                ps.setLong(5, claim.debtorId());
                ps.setLong(6, claim.leaseId());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Extends a live claim (e.g. a long conversation) to {@code until}. Returns false when the lease is no
     * longer ours.
     */
    public boolean extend(Claim claim, Instant until) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE campaign_debtors SET lease_expires_at = ?, next_eligible_at = ?"
                            + " WHERE campaign_id = ? AND debtor_id = ? AND lease_id = ?")) {
                Sql.set(ps, 1, until);
                Sql.set(ps, 2, until);
                ps.setLong(3, claim.campaignId());
                ps.setLong(4, claim.debtorId());
                ps.setLong(5, claim.leaseId());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Ends every lease {@code node} holds, in every campaign: at a clean shutdown (after its calls ended or were
     * closed) and at start (a previous run's). The debtors are due again at {@code next}; the compliance engine decides
     * afresh at the next claim, with the closed attempts in the history. Returns how many leases were released.
     */
    public int releaseAll(String node, Instant next, String reason) {
        Objects.requireNonNull(node, "node");
        return db.withConnection(c -> Sql.update(c, "UPDATE campaign_debtors SET next_eligible_at = ?, last_reason = ?,"
                + " lease_node = NULL, lease_id = NULL, lease_expires_at = NULL WHERE lease_node = ? AND lease_id IS NOT NULL", ps -> {
                    Sql.set(ps, 1, next);
                    ps.setString(2, truncate(reason, 255));
                    ps.setString(3, node);
                }));
    }

    /** How many debtors of the campaign are due at {@code now} (leased ones excluded). */
    public long countDue(long campaignId, Instant now) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM campaign_debtors WHERE campaign_id = ? AND next_eligible_at <= ?")) {
                ps.setLong(1, campaignId);
                Sql.set(ps, 2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}

package dev.cobra.store;

import java.time.Instant;

/**
 * A debtor handed to one dialer node by {@link ClaimStore#claimDue}: exclusive until
 * {@code leaseExpiresAt}, provable by {@code leaseId} (a fencing token).
 */
public record Claim(long campaignId, long debtorId, long leaseId, String node, Instant leaseExpiresAt) {}

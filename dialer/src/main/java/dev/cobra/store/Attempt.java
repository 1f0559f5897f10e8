package dev.cobra.store;

import java.time.Instant;

/**
 * A call attempt row as read back (open ones, for reconciliation after a reconnect or restart).
 * {@code outcome} is null while the attempt is open.
 */
public record Attempt(long id, String callId, long campaignId, long debtorId, long phoneId, String node, String pbx,
                      Instant createdAt, Instant originatedAt, Instant answeredAt, Instant endedAt, String outcome) {}

package dev.cobra.store;

import dev.cobra.campaign.DueDebtors;
import dev.cobra.compliance.DebtorFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The campaign runner's {@link DueDebtors}, on {@link ClaimStore} and {@link DebtorFactsStore}. Thread-safe. */
public final class CampaignDebtors implements DueDebtors {
    private final long campaignId;
    private final String node;
    private final Duration lease;
    private final ClaimStore claims;
    private final DebtorFactsStore facts;

    public CampaignDebtors(long campaignId, String node, Duration lease, ClaimStore claims, DebtorFactsStore facts) {
        this.campaignId = campaignId;
        this.node = node;
        this.lease = lease;
        this.claims = claims;
        this.facts = facts;
    }

    @Override
    public List<Claimed> claim(int n, Instant now) {
        List<Claimed> out = new ArrayList<>();
        for (Claim c : claims.claimDue(campaignId, n, now, node, lease)) {
            out.add(new Claimed(c.debtorId(), c));
        }
        return out;
    }

    @Override
    public Optional<DebtorFacts> facts(long debtorId, Instant now) {
        return facts.load(debtorId, now);
    }

    @Override
    public boolean release(Claimed claimed, Instant next, String reason) {
        return claims.release((Claim) claimed.lease(), next, reason);
    }

    @Override
    public boolean retire(Claimed claimed, boolean nextStage, String reason) {
        return claims.retire((Claim) claimed.lease(), nextStage, reason);
    }

    @Override
    public boolean extend(Claimed claimed, Instant until) {
        return claims.extend((Claim) claimed.lease(), until);
    }
}

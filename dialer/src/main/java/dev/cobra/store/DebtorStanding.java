package dev.cobra.store;

import dev.cobra.compliance.ComplianceEngine;
import dev.cobra.compliance.DebtorFacts;
import dev.cobra.compliance.Decision;
import dev.cobra.compliance.Policy;
import dev.cobra.compliance.PresetLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "Why was (or wasn't) this debtor called?": the debtor's facts and, for each campaign it belongs to, its place
 * there and the compliance engine's decision now under the campaign's preset. One code path for {@code cobra why}
 * and the API's {@code /api/debtors/{externalId}/why}. Read-only and thread-safe.
 */
public final class DebtorStanding {
    /**
     * The debtor's standing in one campaign.
     *
     * @param decision    the engine's decision now, or null when the preset could not be loaded
     * @param presetError why the preset could not be loaded, or null
     */
    public record InCampaign(DueReport.Membership membership, Decision decision, String presetError) {}

    /** The facts the decisions were made from, and one entry per campaign (by campaign code). */
    public record Report(DebtorFacts facts, List<InCampaign> campaigns) {
        public Report {
            campaigns = List.copyOf(campaigns);
        }
    }

    private final DebtorFactsStore facts;
    private final DueReport due;

    public DebtorStanding(Database db) {
        this.facts = new DebtorFactsStore(db);
        this.due = new DueReport(db);
    }

    /**
     * @param campaign only this campaign's standing, or null for every campaign the debtor is in
     * @return empty if there is no debtor with this creditor id
     */
    public Optional<Report> explain(String externalId, String campaign, Instant now) {
        Optional<Long> id = facts.idOf(externalId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        DebtorFacts debtor = facts.load(id.get(), now).orElseThrow();
        List<InCampaign> out = new ArrayList<>();
        for (DueReport.Membership m : due.memberships(id.get())) {
            if (campaign != null && !campaign.equals(m.campaign())) {
                continue;
            }
            Policy policy;
            try {
                policy = PresetLoader.builtIn(m.preset());
            } catch (RuntimeException e) {
                out.add(new InCampaign(m, null, e.getMessage()));
                continue;
            }
            out.add(new InCampaign(m, new ComplianceEngine(policy, facts.doNotCallList()).decide(debtor, now), null));
        }
        return Optional.of(new Report(debtor, out));
    }
}

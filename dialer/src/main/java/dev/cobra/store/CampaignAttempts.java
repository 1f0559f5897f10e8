package dev.cobra.store;

import dev.cobra.calls.CallId;
import dev.cobra.calls.CallOutcome;
import dev.cobra.campaign.AttemptLog;
import java.time.Instant;

/** The campaign runner's {@link AttemptLog}, on {@link AttemptStore}. Thread-safe. */
public final class CampaignAttempts implements AttemptLog {
    private final long campaignId;
    private final String node;
    private final String pbx;
    private final AttemptStore store;

    public CampaignAttempts(long campaignId, String node, String pbx, AttemptStore store) {
        this.campaignId = campaignId;
        this.node = node;
        this.pbx = pbx;
        this.store = store;
    }

    @Override
    public void open(CallId id, long debtorId, long phoneId, Instant now) {
        store.open(id.value(), campaignId, debtorId, phoneId, node, pbx, now);
    }

    @Override
    public void originated(CallId id, Instant at) {
        store.mark(id.value(), AttemptStore.Milestone.ORIGINATED, at);
    }

    @Override
    public void answered(CallId id, Instant at) {
        store.mark(id.value(), AttemptStore.Milestone.ANSWERED, at);
    }

    @Override
    public void bridged(CallId id, Instant at) {
        store.mark(id.value(), AttemptStore.Milestone.BRIDGED, at);
    }

    @Override
    public void amd(CallId id, String result) {
        store.setAmd(id.value(), result.length() > 32 ? result.substring(0, 32) : result);
    }

    @Override
    public void recording(CallId id, String path) {
        store.setRecording(id.value(), path);
    }

    @Override
    public boolean close(CallId id, Instant at, CallOutcome outcome, int q850Cause) {
        return store.close(id.value(), at, outcome.code(), q850Cause);
    }
}

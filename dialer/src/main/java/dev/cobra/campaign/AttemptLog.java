package dev.cobra.campaign;

import dev.cobra.calls.CallId;
import dev.cobra.calls.CallOutcome;
import java.time.Instant;

/** Where attempts are recorded: written ahead of the originate, closed once with the outcome. */
public interface AttemptLog {
    void open(CallId id, long debtorId, long phoneId, Instant now);

    void originated(CallId id, Instant at);

    void answered(CallId id, Instant at);

    void bridged(CallId id, Instant at);

    void amd(CallId id, String result);

    /** Where the PBX is recording the call (a path with no personal data in it). */
    void recording(CallId id, String path);

    /** Returns false if the attempt was already closed. */
    boolean close(CallId id, Instant at, CallOutcome outcome, int q850Cause);
}

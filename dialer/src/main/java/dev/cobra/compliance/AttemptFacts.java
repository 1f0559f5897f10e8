package dev.cobra.compliance;

import dev.cobra.calls.CallOutcome;
import dev.cobra.calls.Disposition;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One past dial attempt to the debtor, as the cadence and the caps need it.
 *
 * @param phoneId the phone dialed
 * @param startedAt when the originate was sent; caps count attempts by this instant
 * @param ringAndTalk ring plus talk time, or null when unknown (then the attempt is taken to
 *     end when it started)
 * @param outcome how the call ended
 * @param disposition what the conversation achieved, or null when there was none
 * @param callbackAt when the debtor asked to be called back ({@link Disposition#CALLBACK}), or null
 */
public record AttemptFacts(
        long phoneId,
        Instant startedAt,
        Duration ringAndTalk,
        CallOutcome outcome,
        Disposition disposition,
        Instant callbackAt) {
    public AttemptFacts {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(outcome, "outcome");
        if (ringAndTalk != null && ringAndTalk.isNegative()) {
            throw new IllegalArgumentException("ringAndTalk: " + ringAndTalk + " (expected: >= 0)");
        }
    }

    /** Attempt without conversation result. */
    public static AttemptFacts of(long phoneId, Instant startedAt, Duration ringAndTalk, CallOutcome outcome) {
        return new AttemptFacts(phoneId, startedAt, ringAndTalk, outcome, null, null);
    }

    /** When the call ended: start plus ring and talk time. */
    public Instant endedAt() {
        return ringAndTalk == null ? startedAt : startedAt.plus(ringAndTalk);
    }

    /**
     * True when we talked to the debtor: a person answered and was not a wrong party. Reg F
     * 12 CFR 1006.14(b)(2)(i)(B) counts "telephone conversations" with the person.
     */
    public boolean rightPartyConversation() {
        return outcome == CallOutcome.ANSWERED_HUMAN && disposition != Disposition.WRONG_PARTY;
    }
}

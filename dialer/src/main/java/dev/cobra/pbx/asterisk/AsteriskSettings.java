package dev.cobra.pbx.asterisk;

import java.time.Duration;
import java.util.Objects;

/**
 * What every {@link AsteriskPbx} of a node shares: the trunk's dial string, the dialplan contexts, the caller ID
 * presented, recording, and the protocol timings. Servers (with their own limits) are {@link AsteriskServer}s.
 *
 * @param callerId          Originate {@code CallerID:} ({@code "Name" <number>} or a number); the company's line
 * @param connectTimeout    TCP connect, then the same again for the banner and Login answer
 * @param actionTimeout     an AMI action without a response fails after this
 * @param reconnectMin      first reconnect delay; doubles per failure up to {@code reconnectMax} (with jitter)
 * @param reconnectMax      longest reconnect delay
 * @param originateGrace    added to a call's ring timeout: a call with no answer or failure by then is ended
 *                          (hung up if its channel is known) so no attempt stays open
 * @param failureSettle     after a failure OriginateResponse, how long to wait for the channels' Hangup (which
 *                          carries the Q.850 cause, e.g. 1 for an unallocated number) before deciding without it
 * @param auditInterval     how often live calls are checked against CoreShowChannels (a lost Hangup ends them)
 * @param maxPendingActions AMI actions waiting for a response at once, per server
 */
public record AsteriskSettings(DialString dialString, DialplanContexts contexts, String callerId, RecordingSettings recording,
                               Duration connectTimeout, Duration actionTimeout, Duration reconnectMin, Duration reconnectMax,
                               Duration originateGrace, Duration failureSettle, Duration auditInterval, int maxPendingActions) {
    public AsteriskSettings {
        Objects.requireNonNull(dialString, "dialString");
        Objects.requireNonNull(contexts, "contexts");
        Objects.requireNonNull(recording, "recording");
        if (callerId == null || callerId.isBlank() || callerId.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("callerId: '" + callerId + "' (expected: \"Name\" <number> or a number, one line)");
        }
        positive("connectTimeout", connectTimeout);
        positive("actionTimeout", actionTimeout);
        positive("reconnectMin", reconnectMin);
        positive("reconnectMax", reconnectMax);
        positive("originateGrace", originateGrace);
        positive("failureSettle", failureSettle);
        positive("auditInterval", auditInterval);
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException("reconnectMax: " + reconnectMax.toMillis() + "ms (expected: >= reconnectMin "
                    + reconnectMin.toMillis() + "ms)");
        }
        if (maxPendingActions < 1) {
            throw new IllegalArgumentException("maxPendingActions: " + maxPendingActions + " (expected: >= 1)");
        }
    }

    /** Sensible timings for {@code dialString}: 5 s timeouts, reconnect 0.5..30 s, 30 s grace, 2 s settle, 60 s audit. */
    public static AsteriskSettings defaults(DialString dialString, String callerId, RecordingSettings recording) {
        return new AsteriskSettings(dialString, DialplanContexts.defaults(), callerId, recording, Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(2), Duration.ofSeconds(60), 4096);
    }

    public AsteriskSettings withTimings(Duration reconnectMin, Duration reconnectMax, Duration originateGrace,
                                        Duration failureSettle, Duration auditInterval) {
        return new AsteriskSettings(dialString, contexts, callerId, recording, connectTimeout, actionTimeout, reconnectMin,
                reconnectMax, originateGrace, failureSettle, auditInterval, maxPendingActions);
    }

    private static void positive(String field, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + ": " + (d == null ? "null" : d.toMillis() + "ms") + " (expected: > 0)");
        }
    }
}

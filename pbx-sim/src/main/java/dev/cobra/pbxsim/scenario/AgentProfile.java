package dev.cobra.pbxsim.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * Simulated agent phones ({@code Local/NNN@agents}).
 *
 * @param ringTime     queue-member phones (2XX): ring time before answering
 * @param talkTime     queue-member phones: talk time after answering
 * @param nailedUpTime nailed-up agent phones (3XX): answer at once and stay this long
 */
public record AgentProfile(Distribution ringTime, Distribution talkTime, Duration nailedUpTime) {
    public AgentProfile {
        Objects.requireNonNull(ringTime, "ringTime");
        Objects.requireNonNull(talkTime, "talkTime");
        Objects.requireNonNull(nailedUpTime, "nailedUpTime");
    }

    /** The traces' agent phones: 2XX ring 1 s and talk 10 s, 3XX stay up 600 s. */
    public static AgentProfile traces() {
        return new AgentProfile(Distribution.fixed(Duration.ofSeconds(1)), Distribution.fixed(Duration.ofSeconds(10)),
                Duration.ofSeconds(600));
    }
}

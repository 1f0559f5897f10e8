package dev.cobra.config;

import java.time.Duration;
import java.util.Set;

/**
 * The {@code agents} section.
 *
 * @param endpointTemplate how to reach an agent's phone, with {@code {ext}} for the extension ({@code PJSIP/{ext}})
 * @param wrapUp           how long wrap-up lasts unless the agent ends it with a disposition or "ready"
 * @param pauseReasons     the pause reason codes agents may give (any other is refused)
 * @param preview          preview campaigns: how long a debtor stays reserved for an agent who neither dials nor skips
 * @param previewSkipDelay preview campaigns: how long a skipped debtor waits before it is offered again (at least)
 */
public record AgentsConfig(String endpointTemplate, Duration wrapUp, Set<String> pauseReasons, Duration preview,
                           Duration previewSkipDelay) {
    public AgentsConfig {
        pauseReasons = Set.copyOf(pauseReasons);
    }

    /** {@code PJSIP/{ext}}, 20 s wrap-up, reasons break, lunch, training, meeting; previews held 120 s, skips wait 60 min. */
    public static AgentsConfig defaults() {
        return new AgentsConfig("PJSIP/{ext}", Duration.ofSeconds(20), Set.of("break", "lunch", "training", "meeting"),
                Duration.ofSeconds(120), Duration.ofMinutes(60));
    }
}

package dev.cobra.config;

import java.time.Duration;
import java.util.Set;

/**
 * The {@code agents} section.
 *
 * @param endpointTemplate how to reach an agent's phone, with {@code {ext}} for the extension ({@code PJSIP/{ext}})
 * @param wrapUp           how long wrap-up lasts unless the agent ends it with a disposition or "ready"
 * @param pauseReasons     the pause reason codes agents may give (any other is refused)
 */
public record AgentsConfig(String endpointTemplate, Duration wrapUp, Set<String> pauseReasons) {
    public AgentsConfig {
        pauseReasons = Set.copyOf(pauseReasons);
    }

    /** {@code PJSIP/{ext}}, 20 s wrap-up, reasons break, lunch, training, meeting. */
    public static AgentsConfig defaults() {
        return new AgentsConfig("PJSIP/{ext}", Duration.ofSeconds(20), Set.of("break", "lunch", "training", "meeting"));
    }
}

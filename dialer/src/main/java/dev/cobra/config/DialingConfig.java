package dev.cobra.config;

import java.time.Duration;

/**
 * The {@code dialing} section: how {@code cobra serve} runs campaigns.
 *
 * @param tick          how often each running campaign is paced (calls placed, waiting calls handed to agents)
 * @param poll          how often the campaigns table is read for campaigns started, paused, stopped or changed
 * @param shutdownGrace at shutdown, how long live calls may go on before the rest are hung up
 * @param lease         how long a claimed debtor stays this node's (live calls extend it)
 */
public record DialingConfig(Duration tick, Duration poll, Duration shutdownGrace, Duration lease) {
    /** 250 ms ticks, a 2 s poll, 30 s grace, 15 minute leases. */
    public static DialingConfig defaults() {
        return new DialingConfig(Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMinutes(15));
    }
}

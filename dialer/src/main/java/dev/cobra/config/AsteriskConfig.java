package dev.cobra.config;

import dev.cobra.pbx.asterisk.AsteriskServer;
import dev.cobra.pbx.asterisk.AsteriskSettings;
import java.util.Objects;

/**
 * One {@code pbx.asterisk[]} entry: the server (address, AMI user, limits) and how calls are placed on it (dial
 * string, caller ID, contexts, recording). The secret is inside {@link AsteriskServer}, whose {@code toString} leaves
 * it out.
 */
public record AsteriskConfig(AsteriskServer server, AsteriskSettings settings) {
    public AsteriskConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(settings, "settings");
    }
}

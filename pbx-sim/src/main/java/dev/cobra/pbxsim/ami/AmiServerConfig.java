package dev.cobra.pbxsim.ami;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the simulated manager interface.
 *
 * @param accounts             manager.conf users: username → secret
 * @param loginFailureDelay    pause before "Authentication failed" (Asterisk: about 1 s)
 * @param maxPendingWriteBytes a client that lets this much output pile up is disconnected, as
 *                             Asterisk drops sessions that do not read
 * @param maxHeldMessages      events/actions held per session while a sync Originate runs or the
 *                             session is stalled by fault injection
 * @param systemName           the {@code SystemName} header of events
 */
public record AmiServerConfig(Map<String, String> accounts, Duration loginFailureDelay, long maxPendingWriteBytes,
        int maxHeldMessages, String systemName) {
    public AmiServerConfig {
        accounts = Map.copyOf(accounts);
        Objects.requireNonNull(loginFailureDelay, "loginFailureDelay");
        Objects.requireNonNull(systemName, "systemName");
        if (maxPendingWriteBytes < 1024) {
            throw new IllegalArgumentException("maxPendingWriteBytes: " + maxPendingWriteBytes + " (expected: >= 1024)");
        }
        if (maxHeldMessages < 1) {
            throw new IllegalArgumentException("maxHeldMessages: " + maxHeldMessages + " (expected: >= 1)");
        }
    }

    /** User {@code dialer} with secret {@code secret} (as in the traces), 1 s login failure delay. */
    public static AmiServerConfig defaults() {
        return new AmiServerConfig(Map.of("dialer", "secret"), Duration.ofSeconds(1), 64L * 1024 * 1024, 200_000,
                "pbxsim");
    }

    public AmiServerConfig withAccount(String user, String secret) {
        Map<String, String> m = new java.util.HashMap<>(accounts);
        m.put(user, secret);
        return new AmiServerConfig(m, loginFailureDelay, maxPendingWriteBytes, maxHeldMessages, systemName);
    }

    public AmiServerConfig withLoginFailureDelay(Duration delay) {
        return new AmiServerConfig(accounts, delay, maxPendingWriteBytes, maxHeldMessages, systemName);
    }
}

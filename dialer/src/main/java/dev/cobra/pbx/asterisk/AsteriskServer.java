package dev.cobra.pbx.asterisk;

import java.util.Objects;

/**
 * One Asterisk server as configured: where its manager interface listens, the AMI user, and this server's own
 * limits. Each server gets its own {@link AsteriskPbx}.
 *
 * @param name                   operator's name for it (metric tag, attempt rows, logs)
 * @param maxConcurrentCalls     calls in flight at once (originated and not ended); one more is refused
 * @param maxOriginatesPerSecond originates sent per second; a burst above it waits in a queue of that size
 */
public record AsteriskServer(String name, String host, int port, String username, String secret, int maxConcurrentCalls,
                             int maxOriginatesPerSecond) {
    public AsteriskServer {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")) {
            throw new IllegalArgumentException("name: '" + name + "' (expected: 1-40 letters, digits, '_', '.', '-')");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host: '" + host + "' (expected: a host name or address) for server " + name);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535) for server " + name);
        }
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username: empty (expected: the manager.conf user) for server " + name);
        }
        Objects.requireNonNull(secret, "secret");
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("maxConcurrentCalls: " + maxConcurrentCalls + " (expected: >= 1) for server " + name);
        }
        if (maxOriginatesPerSecond < 1 || maxOriginatesPerSecond > 10_000) {
            throw new IllegalArgumentException("maxOriginatesPerSecond: " + maxOriginatesPerSecond
                    + " (expected: 1..10000) for server " + name);
        }
    }

    /** "name (host:port)", for messages; never the secret. */
    public String describe() {
        return name + " (" + host + ":" + port + ")";
    }

    @Override
    public String toString() {
        return "AsteriskServer[name=" + name + ", host=" + host + ", port=" + port + ", username=" + username
                + ", maxConcurrentCalls=" + maxConcurrentCalls + ", maxOriginatesPerSecond=" + maxOriginatesPerSecond + "]";
    }
}

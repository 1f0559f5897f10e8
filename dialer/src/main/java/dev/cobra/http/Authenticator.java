package dev.cobra.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Bearer tokens from configuration, each mapped to a {@link Principal}; and a limit on failed attempts per
 * client address ({@value #MAX_FAILURES} in {@link #WINDOW}), past which the address gets 429 until the window
 * passes, so tokens cannot be guessed at line speed. Tokens are compared in constant time and never logged.
 * Thread-safe.
 */
public final class Authenticator {
    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_TRACKED_ADDRESSES = 10_000;

    private final Map<String, Principal> tokens;
    private final Clock clock;
    private final Map<String, long[]> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > MAX_TRACKED_ADDRESSES;
        }
    };

    public Authenticator(Map<String, Principal> tokens, Clock clock) {
        for (String t : tokens.keySet()) {
            if (t.length() < 16) {
                throw new IllegalArgumentException("token for " + tokens.get(t).name() + " is shorter than 16 characters");
            }
        }
        this.tokens = new HashMap<>(tokens);
        this.clock = clock;
    }

    /** The outcome of checking one request. */
    public sealed interface Result {
        record Ok(Principal principal) implements Result {}

        record Denied(int status, String message) implements Result {}
    }

    public Result authenticate(String authorizationHeader, String clientAddress) {
        if (limited(clientAddress)) {
            return new Result.Denied(429, "too many failed authentication attempts from this address; wait a minute");
        }
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            fail(clientAddress);
            return new Result.Denied(401, "missing bearer token (send Authorization: Bearer <token>)");
        }
        Optional<Principal> p = lookup(authorizationHeader.substring(7).trim());
        if (p.isEmpty()) {
            fail(clientAddress);
            return new Result.Denied(401, "invalid token");
        }
        return new Result.Ok(p.get());
    }

    private Optional<Principal> lookup(String presented) {
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        Principal found = null;
        for (Map.Entry<String, Principal> e : tokens.entrySet()) {
            if (MessageDigest.isEqual(given, e.getKey().getBytes(StandardCharsets.UTF_8))) {
                found = e.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    private synchronized boolean limited(String address) {
        long[] f = failures.get(address);
        if (f == null) {
            return false;
        }
        if (clock.millis() - f[1] > WINDOW.toMillis()) {
            failures.remove(address);
            return false;
        }
        return f[0] >= MAX_FAILURES;
    }

    private synchronized void fail(String address) {
        long now = clock.millis();
        long[] f = failures.get(address);
        if (f == null || now - f[1] > WINDOW.toMillis()) {
            failures.put(address, new long[] {1, now});
        } else {
            f[0]++;
        }
    }
}

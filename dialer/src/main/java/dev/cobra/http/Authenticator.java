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
    /** How long an event-stream ticket may wait before it is used. */
    static final Duration TICKET_LIFETIME = Duration.ofSeconds(30);
    private static final int MAX_OPEN_TICKETS = 10_000;
    private static final java.security.SecureRandom TICKETS = new java.security.SecureRandom();

    private final Map<String, Principal> tokens;
    private final Clock clock;
    private final Map<String, long[]> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > MAX_TRACKED_ADDRESSES;
        }
    };

    /** Unused tickets: value to who it was issued for and until when. */
    private final Map<String, Ticket> tickets = new HashMap<>();

    private record Ticket(Principal principal, long expiresAtMs) {}

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

    /**
     * A one-use ticket for {@code principal}, valid for {@link #TICKET_LIFETIME}: how a browser's {@code EventSource}
     * (which cannot send an Authorization header) opens an event stream. The bearer token itself never travels in a
     * URL, so it never lands in proxy or browser history logs; a leaked ticket is worthless once used or 30 s old.
     * Tickets are 128 random bits from {@link java.security.SecureRandom} (unguessable, so not from a seeded source).
     *
     * @throws HttpError 503 when {@value #MAX_OPEN_TICKETS} unused tickets are pending
     */
    public String issueTicket(Principal principal) {
        byte[] bits = new byte[16];
        TICKETS.nextBytes(bits);
        String ticket = java.util.HexFormat.of().formatHex(bits);
        long now = clock.millis();
        synchronized (tickets) {
            if (tickets.size() >= MAX_OPEN_TICKETS) {
                tickets.values().removeIf(t -> t.expiresAtMs() <= now);
                if (tickets.size() >= MAX_OPEN_TICKETS) {
                    throw new HttpError(503, "too many unused event tickets (" + tickets.size() + "); retry shortly");
                }
            }
            tickets.put(ticket, new Ticket(principal, now + TICKET_LIFETIME.toMillis()));
        }
        return ticket;
    }

    /** Redeems a ticket from {@link #issueTicket} (once); failures count towards the address's limit like bad tokens. */
    public Result redeemTicket(String ticket, String clientAddress) {
        if (limited(clientAddress)) {
            return new Result.Denied(429, "too many failed authentication attempts from this address; wait a minute");
        }
        Ticket t;
        synchronized (tickets) {
            t = ticket == null ? null : tickets.remove(ticket);
        }
        if (t == null || t.expiresAtMs() <= clock.millis()) {
            fail(clientAddress);
            return new Result.Denied(401, "invalid or expired event ticket (get a new one: POST /api/events/ticket)");
        }
        return new Result.Ok(t.principal());
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

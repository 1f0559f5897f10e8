package dev.cobra.http;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Query parameters of the /api routes, parsed strictly: a bad value is a 400 naming the parameter and the
 * expected form. Stateless.
 */
final class ApiParams {
    private ApiParams() {}

    /** {@code limit}: 1..max, {@code dflt} when absent. */
    static int limit(HttpRequestContext r, int dflt, int max) {
        String v = r.queryParam("limit");
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw HttpError.badRequest("limit: '" + v + "' (expected: 1.." + max + ")");
    }

    /** An ISO instant ({@code 2026-11-24T00:00:00Z}) or null when absent. */
    static Instant instant(HttpRequestContext r, String name) {
        String v = r.queryParam(name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw HttpError.badRequest(name + ": '" + v + "' (expected an ISO instant like 2026-11-24T00:00:00Z)");
        }
    }

    /** The caller is an agent: it may only see its own calls. */
    static boolean isAgent(HttpRequestContext r) {
        return r.principal() != null && r.principal().role() == Role.AGENT;
    }
}

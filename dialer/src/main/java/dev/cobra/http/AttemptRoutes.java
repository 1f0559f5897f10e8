package dev.cobra.http;

import dev.cobra.calls.CallOutcome;
import dev.cobra.store.AttemptQueries;
import dev.cobra.store.Database;
import java.util.List;
import java.util.Map;

/**
 * Recent call attempts over HTTP:
 * <pre>
 * GET /api/attempts?campaign=CODE&amp;outcome=OUTCOME&amp;since=INSTANT&amp;agent=CODE&amp;limit=N   newest first; limit 1..500, default 50
 * </pre>
 * Admins and supervisors see all attempts; an agent's token sees only the calls it took (its agent id is the
 * agent's login code, {@code agents.code}), so {@code agent} defaults to itself and naming another agent is 403.
 * Numbers are never shown: an attempt names its phone by id. Handlers run on the HTTP worker pool; thread-safe.
 */
public final class AttemptRoutes {
    private static final int DEFAULT_LIMIT = 50;

    private AttemptRoutes() {}

    public static List<Route> routes(Database db) {
        AttemptQueries attempts = new AttemptQueries(db);
        return List.of(Route.of("GET", "/api/attempts", DebtorRoutes.ANY, r -> {
            String agent = r.queryParam("agent");
            if (ApiParams.isAgent(r)) {
                String self = r.principal().agentId();
                if (self == null || agent != null && !agent.equals(self)) {
                    throw new HttpError(403, "an agent sees only its own calls (this token is agent " + self + ")");
                }
                agent = self;
            }
            String outcome = r.queryParam("outcome");
            if (outcome != null) {
                outcome(outcome);
            }
            AttemptQueries.Filter f = new AttemptQueries.Filter(r.queryParam("campaign"), outcome,
                    ApiParams.instant(r, "since"), agent, null, ApiParams.limit(r, DEFAULT_LIMIT, AttemptQueries.MAX_LIMIT));
            return ApiJson.ok(Map.of("attempts", attempts.find(f)));
        }));
    }

    /** Checks an outcome code against {@link CallOutcome}: a 400 naming the accepted codes otherwise. */
    private static void outcome(String code) {
        for (CallOutcome o : CallOutcome.values()) {
            if (o.code().equals(code)) {
                return;
            }
        }
        List<String> known = new java.util.ArrayList<>();
        for (CallOutcome o : CallOutcome.values()) {
            known.add(o.code());
        }
        throw HttpError.badRequest("outcome: '" + code + "' (expected one of " + String.join(", ", known) + ")");
    }
}

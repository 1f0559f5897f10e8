package dev.cobra.http;

import dev.cobra.store.AgreementQueries;
import dev.cobra.store.Database;
import java.util.List;
import java.util.Map;

/**
 * Agreements over HTTP (admin, supervisor):
 * <pre>
 * GET /api/agreements?campaign=CODE&amp;since=INSTANT&amp;limit=N   newest first; limit 1..500, default 50
 * GET /api/agreements/{id}                                    with installments and the Pix BR Code ("copia e cola")
 * </pre>
 * An agreement's campaign is the campaign of the call it was made in. Handlers run on the HTTP worker pool; thread-safe.
 */
public final class AgreementRoutes {
    private static final int DEFAULT_LIMIT = 50;

    private AgreementRoutes() {}

    public static List<Route> routes(Database db) {
        AgreementQueries agreements = new AgreementQueries(db);
        return List.of(
                Route.of("GET", "/api/agreements", CampaignRoutes.READ, r -> ApiJson.ok(Map.of("agreements",
                        agreements.list(r.queryParam("campaign"), ApiParams.instant(r, "since"), null,
                                ApiParams.limit(r, DEFAULT_LIMIT, AgreementQueries.MAX_LIMIT))))),
                Route.of("GET", "/api/agreements/{id}", CampaignRoutes.READ, r -> {
                    String id = r.pathParam("id");
                    long n;
                    try {
                        n = Long.parseLong(id);
                    } catch (NumberFormatException e) {
                        throw HttpError.badRequest("id: '" + id + "' (expected: an agreement number)");
                    }
                    return ApiJson.ok(agreements.find(n).orElseThrow(() -> HttpError.notFound("no agreement " + n)));
                }));
    }
}

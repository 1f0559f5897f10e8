package dev.cobra.http;

import dev.cobra.store.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The REST API's database-backed routes in one list, for {@code cobra serve}: campaigns ({@link CampaignRoutes}),
 * account import ({@link ImportRoutes}), debtors ({@link DebtorRoutes}), agreements ({@link AgreementRoutes}),
 * attempts ({@link AttemptRoutes}) and the OpenAPI description ({@link OpenApiRoutes}). The agents' routes
 * ({@link AgentRoutes}, which need the core thread) and the ops routes ({@link OpsRoutes}) are added beside these.
 *
 * @see OpenApiRoutes for the description a test keeps equal to these routes
 */
public final class ApiRoutes {
    private ApiRoutes() {}

    /** @param clock "now" for writes, stats and decisions; its zone is where "today" starts in campaign stats */
    public static List<Route> routes(Database db, Clock clock) {
        List<Route> routes = new ArrayList<>();
        routes.addAll(CampaignRoutes.routes(db, clock));
        routes.addAll(ImportRoutes.routes(db, clock));
        routes.addAll(DebtorRoutes.routes(db, clock));
        routes.addAll(AgreementRoutes.routes(db));
        routes.addAll(AttemptRoutes.routes(db));
        routes.addAll(OpenApiRoutes.routes());
        return List.copyOf(routes);
    }
}

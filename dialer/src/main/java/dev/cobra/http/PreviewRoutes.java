package dev.cobra.http;

import dev.cobra.campaign.PreviewBoard;
import dev.cobra.campaign.PreviewDesk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Preview mode for the agent (the campaign's mode {@code preview}: the agent sees the debtor reserved for it, then
 * dials or skips it):
 * <pre>
 * GET  /api/agents/{id}/preview        {"preview": {"campaign", "reservedAt", "expiresAt"}, "screen": the reserved
 *                                      debtor's screen (as /screen shows it, "callId" and "call" null)}; 404 when
 *                                      nothing is reserved
 * POST /api/agents/{id}/preview/dial   dials it: {"callId"} (the agent holds the call; its answer is joined to this
 *                                      agent); 409 when nothing is reserved or compliance no longer allows the call
 *                                      (the debtor is then given back and the next one offered)
 * POST /api/agents/{id}/preview/skip   {"reason": "..."} (optional): released, due again after the skip delay
 * </pre>
 * The reservation is read and acted on on the core thread ({@link AgentRoutes.CoreThread}, bounded); the screen is read
 * from the store on the HTTP worker. An agent's token acts only for itself (403 otherwise).
 */
public final class PreviewRoutes {
    /** The longest skip reason kept (longer ones are refused, not cut: the agent sees why). */
    static final int MAX_REASON_CHARS = 200;

    /** The screen of a debtor before a call (e.g. {@code DebtorScreenStore::forDebtor}); any JSON-serialisable value. */
    @FunctionalInterface
    public interface Screens {
        Optional<?> forDebtor(long campaignId, long debtorId, String phoneE164);
    }

    private PreviewRoutes() {}

    public static List<Route> routes(PreviewBoard board, AgentRoutes.CoreThread core, Screens screens) {
        Set<Role> any = Set.of(Role.ADMIN, Role.SUPERVISOR, Role.AGENT);
        List<Route> routes = new ArrayList<>();
        routes.add(Route.of("GET", "/api/agents/{id}/preview", any, r -> {
            String id = AgentRoutes.agentId(r);
            PreviewDesk.Offer offer = AgentRoutes.run(core, () -> board.offer(id))
                    .orElseThrow(() -> HttpError.notFound("agent " + id + " has no debtor reserved (not previewing)"));
            Object screen = screens.forDebtor(offer.campaignId(), offer.debtorId(), offer.phoneE164())
                    .orElseThrow(() -> HttpError.notFound("the debtor reserved for agent " + id + " no longer exists"));
            Map<String, Object> out = new LinkedHashMap<>();
            Map<String, Object> preview = new LinkedHashMap<>();
            preview.put("campaign", offer.campaign());
            preview.put("reservedAt", offer.reservedAt().toString());
            preview.put("expiresAt", offer.expiresAt().toString());
            out.put("preview", preview);
            out.put("screen", screen);
            return HttpResult.ok(out);
        }));
        routes.add(Route.of("POST", "/api/agents/{id}/preview/dial", any, r -> {
            String id = AgentRoutes.agentId(r);
            PreviewDesk.Dial dial = AgentRoutes.run(core, () -> board.dial(id));
            if (dial instanceof PreviewDesk.Refused) {
                throw new HttpError(409, ((PreviewDesk.Refused) dial).reason());
            }
            return HttpResult.ok(Map.of("agentId", id, "callId", ((PreviewDesk.Dialed) dial).callId().value()));
        }));
        routes.add(Route.of("POST", "/api/agents/{id}/preview/skip", any, r -> {
            String id = AgentRoutes.agentId(r);
            String reason = r.bodyText().isBlank() ? "" : r.json().path("reason").asText("");
            if (reason.length() > MAX_REASON_CHARS) {
                throw HttpError.badRequest("reason: " + reason.length() + " characters (expected: <= " + MAX_REASON_CHARS + ")");
            }
            AgentRoutes.run(core, () -> {
                board.skip(id, reason);
                return null;
            });
            return HttpResult.ok(Map.of("agentId", id, "skipped", true));
        }));
        return routes;
    }
}

package dev.cobra.http;

import dev.cobra.agents.Agent;
import dev.cobra.agents.AgentPool;
import dev.cobra.agents.AgentState;
import dev.cobra.calls.CallId;
import dev.cobra.calls.Disposition;
import dev.cobra.campaign.AgentDesk;
import dev.cobra.campaign.CampaignRunner;
import dev.cobra.campaign.RunnerStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The agent console: the page ({@code /console}, static files from the classpath's {@code console/}), its live push
 * and the JSON it reads.
 * <pre>
 * GET  /console                          the page (and /console/console.js, .css, i18n/*.json)
 * GET  /api/console/settings             pause reasons, dispositions, wrap-up length (any role)
 * POST /api/events/ticket                a one-use ticket for an event stream (any role; see EventStreamRoute)
 * GET  /api/agents/{id}/events           SSE: "state" on every change, "call" when a call is joined to the agent
 * GET  /api/agents/{id}/screen           the debtor screen of the agent's call (during the call and its wrap-up)
 * GET  /api/supervisor/overview          agents by state and each campaign's live numbers (admin, supervisor)
 * </pre>
 * An agent's token acts only for itself (403 otherwise), as in {@link AgentRoutes}. Agent state is read on the core
 * thread through {@link AgentRoutes.CoreThread} (bounded); the screen is read from the store on the HTTP worker.
 */
public final class ConsoleRoutes {
    /** The files under {@code console/} on the classpath, served at {@code /console/<name>}. */
    public static final List<String> FILES = List.of("index.html", "console.js", "console.css", "i18n/en.json", "i18n/pt-BR.json");

    /** The debtor screen behind a call id (e.g. {@code DebtorScreenStore::forCall}); any JSON-serialisable value. */
    @FunctionalInterface
    public interface Screens {
        Optional<?> forCall(String callId);
    }

    /** One campaign's live numbers for the supervisor (read on the core thread). */
    public record CampaignLive(long campaignId, String name, long placed, long ended, int inFlight, int waitingForAgent,
                               double abandonRate, Map<String, Long> outcomes) {
        public CampaignLive {
            outcomes = Map.copyOf(outcomes);
        }

        /** A runner's numbers now; {@code desk} is null for campaigns without agents. Call on the core thread. */
        public static CampaignLive of(String name, CampaignRunner runner, AgentDesk desk, Instant now) {
            RunnerStats.Snapshot s = runner.stats().snapshot();
            Map<String, Long> outcomes = new LinkedHashMap<>();
            s.outcomes().forEach((o, n) -> outcomes.put(o.code(), n));
            return new CampaignLive(runner.settings().campaignId(), name, s.placed(), s.ended(), runner.inFlight(),
                    desk == null ? 0 : desk.waiting(), desk == null ? 0.0 : desk.abandonRate(now), outcomes);
        }
    }

    private ConsoleRoutes() {}

    /**
     * @param campaigns the live numbers of every campaign this node runs, called on the core thread (e.g. from each
     *                  {@code CampaignRunner}'s stats and its {@code AgentDesk})
     */
    public static List<Route> routes(AgentPool pool, AgentRoutes.CoreThread core, AgentEvents events, Authenticator auth,
                                     Screens screens, Supplier<List<CampaignLive>> campaigns) {
        Set<Role> any = Set.of(Role.ADMIN, Role.SUPERVISOR, Role.AGENT);
        Set<Role> watchers = Set.of(Role.ADMIN, Role.SUPERVISOR);
        List<Route> routes = new ArrayList<>(StaticResources.routes("/console", "console", "index.html", FILES));
        routes.add(Route.of("GET", "/api/console/settings", any, r -> {
            Map<String, Object> out = new LinkedHashMap<>();
            List<String> reasons = new ArrayList<>(pool.pauseReasons());
            reasons.sort(null);
            out.put("pauseReasons", reasons);
            List<String> codes = new ArrayList<>();
            for (Disposition d : Disposition.values()) {
                codes.add(d.code());
            }
            out.put("dispositions", codes);
            out.put("wrapUpSeconds", pool.wrapUp().toSeconds());
            out.put("principal", Map.of("role", r.principal().role().name().toLowerCase(Locale.ROOT),
                    "agentId", r.principal().agentId() == null ? "" : r.principal().agentId()));
            return HttpResult.ok(out);
        }));
        routes.add(Route.of("POST", "/api/events/ticket", any, r -> HttpResult.ok(Map.of("ticket", auth.issueTicket(r.principal()),
                "expiresInSeconds", Authenticator.TICKET_LIFETIME.toSeconds()))));
        routes.add(EventStreamRoute.route("/api/agents/{id}/events", any, (r, sink) -> {
            String id = AgentRoutes.agentId(r);
            return AgentRoutes.run(core, () -> events.subscribe(pool, id, sink));
        }));
        routes.add(Route.of("GET", "/api/agents/{id}/screen", any, r -> {
            String id = AgentRoutes.agentId(r);
            CallId call = AgentRoutes.run(core, () -> {
                Agent a = pool.agent(id).orElseThrow(() -> new IllegalArgumentException("unknown agent: " + id));
                if (a.state() == AgentState.ON_CALL) {
                    return a.call();
                }
                return a.state() == AgentState.WRAP_UP ? a.lastCall() : null;
            });
            if (call == null) {
                throw HttpError.notFound("agent " + id + " holds no call and is not in wrap-up");
            }
            Object screen = screens.forCall(call.value()).orElseThrow(() -> HttpError.notFound("no attempt recorded for call " + call.value()));
            return HttpResult.ok(screen);
        }));
        routes.add(Route.of("GET", "/api/supervisor/overview", watchers, r -> HttpResult.ok(AgentRoutes.run(core, () -> {
            Map<String, Object> out = new LinkedHashMap<>();
            Map<AgentState, Integer> byState = new EnumMap<>(AgentState.class);
            for (AgentState s : AgentState.values()) {
                byState.put(s, 0);
            }
            List<Map<String, Object>> agents = new ArrayList<>();
            pool.agents().stream().sorted(Comparator.comparing(Agent::id)).forEach(a -> {
                byState.merge(a.state(), 1, Integer::sum);
                agents.add(AgentRoutes.view(a));
            });
            Map<String, Integer> counts = new LinkedHashMap<>();
            byState.forEach((s, n) -> counts.put(s.name().toLowerCase(Locale.ROOT), n));
            out.put("agentsByState", counts);
            out.put("agents", agents);
            out.put("campaigns", campaigns.get());
            return out;
        }))));
        return routes;
    }
}

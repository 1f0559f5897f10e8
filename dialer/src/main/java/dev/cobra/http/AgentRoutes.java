package dev.cobra.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cobra.agents.Agent;
import dev.cobra.agents.AgentPool;
import dev.cobra.calls.CallId;
import dev.cobra.calls.Disposition;
import dev.cobra.campaign.AgentSessions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The agents' endpoints (JSON): log in, ready, pause with a reason, disposition, log out, and the list of agents
 * with their states. Admins and supervisors may act for any agent; an agent's token only for itself.
 *
 * <p>The {@link AgentPool} belongs to the core thread, so every operation runs there through {@link CoreThread}
 * (bounded by a timeout). A transition the state machine refuses answers 409 with the reason; an unknown pause
 * reason or disposition answers 400 naming the accepted values.
 * <pre>
 * POST /api/agents/{id}/login        {"campaigns": ["demo"]}
 *                                    with agent legs: {"campaigns": ["demo"], "extension": "301", "pause": "lunch"}
 *                                    ("pause" optional): the leg is opened, the agent is READY (or PAUSED) once
 *                                    it is up; until then it shows "state": "logged_out", "leg": "opening"
 * POST /api/agents/{id}/ready
 * POST /api/agents/{id}/pause        {"reason": "lunch"}
 * POST /api/agents/{id}/disposition  {"disposition": "promise_to_pay", "promiseDate": "2026-12-10"}
 *                                    ("callback" takes "callbackAt": an ISO instant)
 * POST /api/agents/{id}/logout
 * GET  /api/agents
 * </pre>
 */
public final class AgentRoutes {
    private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Duration CORE_TIMEOUT = Duration.ofSeconds(5);

    /** Runs a task on the thread that owns the agent pool and returns its result. */
    @FunctionalInterface
    public interface CoreThread {
        <T> T call(Callable<T> task, Duration timeout) throws Exception;
    }

    /** Where a disposition goes once the agent pool took it: the store, so the cadence sees it. */
    @FunctionalInterface
    public interface DispositionSink {
        void disposed(CallId call, Disposition disposition, LocalDate promiseUntil, Instant callbackAt);
    }

    private AgentRoutes() {}

    public static List<Route> routes(AgentPool pool, CoreThread core) {
        return routes(pool, core, (call, d, promise, callback) -> { });
    }

    public static List<Route> routes(AgentPool pool, CoreThread core, DispositionSink sink) {
        return routes(pool, null, core, sink);
    }

    /**
     * The routes for agents with nailed-up legs on the PBX: login opens the agent's leg on its extension and logout
     * closes it ({@link AgentSessions}); the rest acts on the sessions' pool.
     */
    public static List<Route> routes(AgentSessions sessions, CoreThread core, DispositionSink sink) {
        return routes(sessions.pool(), sessions, core, sink);
    }

    private static List<Route> routes(AgentPool pool, AgentSessions sessions, CoreThread core, DispositionSink sink) {
        Set<Role> any = Set.of(Role.ADMIN, Role.SUPERVISOR, Role.AGENT);
        List<Route> routes = new ArrayList<>();
        routes.add(Route.of("GET", "/api/agents", Set.of(Role.ADMIN, Role.SUPERVISOR), r -> HttpResult.ok(Map.of("agents",
                run(core, () -> {
                    List<Map<String, Object>> out = new ArrayList<>();
                    pool.agents().stream().sorted(Comparator.comparing(Agent::id)).forEach(a -> out.add(view(a, sessions)));
                    if (sessions != null) {
                        sessions.sessions().values().stream().filter(x -> pool.agent(x.agentId()).isEmpty())
                                .forEach(x -> out.add(opening(x)));
                    }
                    return out;
                })))));
        routes.add(Route.of("POST", "/api/agents/{id}/login", any, r -> {
            String id = agentId(r);
            Set<String> campaigns = new LinkedHashSet<>();
            JsonNode list = r.json().path("campaigns");
            if (!list.isArray() || list.isEmpty()) {
                throw HttpError.badRequest("campaigns: expected a non-empty list of campaign codes, e.g. {\"campaigns\": [\"demo\"]}");
            }
            list.forEach(c -> campaigns.add(c.asText()));
            if (sessions == null) {
                return HttpResult.ok(run(core, () -> view(pool.login(id, campaigns))));
            }
            String extension = r.json().path("extension").asText("");
            if (extension.isEmpty()) {
                throw HttpError.badRequest("extension: required, the agent's phone, e.g. {\"campaigns\": [\"demo\"], \"extension\": \"301\"}");
            }
            String pause = r.json().path("pause").asText("");
            return HttpResult.ok(run(core, () -> {
                AgentSessions.Session opened = sessions.login(id, campaigns, extension, pause.isEmpty() ? null : pause);
                return pool.agent(id).filter(a -> a.state().loggedIn()).map(a -> view(a, sessions)).orElseGet(() -> opening(opened));
            }));
        }));
        routes.add(Route.of("POST", "/api/agents/{id}/ready", any, r -> {
            String id = agentId(r);
            return HttpResult.ok(run(core, () -> view(pool.ready(id))));
        }));
        routes.add(Route.of("POST", "/api/agents/{id}/pause", any, r -> {
            String id = agentId(r);
            String reason = r.json().path("reason").asText("");
            if (reason.isEmpty()) {
                throw HttpError.badRequest("reason: required, e.g. {\"reason\": \"lunch\"}");
            }
            return HttpResult.ok(run(core, () -> view(pool.pause(id, reason))));
        }));
        routes.add(Route.of("POST", "/api/agents/{id}/disposition", any, r -> {
            String id = agentId(r);
            String code = r.json().path("disposition").asText("");
            Disposition d;
            try {
                d = Disposition.fromCode(code);
            } catch (IllegalArgumentException e) {
                List<String> known = new ArrayList<>();
                for (Disposition k : Disposition.values()) {
                    known.add(k.code());
                }
                throw HttpError.badRequest("disposition: '" + code + "' (expected one of " + String.join(", ", known) + ")");
            }
            JsonNode body = r.json();
            LocalDate promise = d == Disposition.PROMISE_TO_PAY ? date(body, "promiseDate") : null;
            Instant callback = d == Disposition.CALLBACK ? instant(body, "callbackAt") : null;
            Object[] result = run(core, () -> {
                Agent a = pool.dispose(id, d);
                return new Object[] {view(a), a.lastCall()};
            });
            if (result[1] != null) {
                sink.disposed((CallId) result[1], d, promise, callback);
            }
            return HttpResult.ok(result[0]);
        }));
        routes.add(Route.of("POST", "/api/agents/{id}/logout", any, r -> {
            String id = agentId(r);
            return HttpResult.ok(run(core, () -> {
                if (sessions != null) {
                    sessions.logout(id);
                } else {
                    pool.logout(id);
                }
                return pool.agent(id).map(AgentRoutes::view).orElseGet(() -> Map.of("id", id, "state", "logged_out"));
            }));
        }));
        return routes;
    }

    private static LocalDate date(JsonNode body, String field) {
        String v = body.path(field).asText("");
        try {
            return LocalDate.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw HttpError.badRequest(field + ": '" + v + "' (expected a date like 2026-12-10)");
        }
    }

    private static Instant instant(JsonNode body, String field) {
        String v = body.path(field).asText("");
        try {
            return Instant.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw HttpError.badRequest(field + ": '" + v + "' (expected an ISO instant like 2026-12-10T14:00:00Z)");
        }
    }

    /** The path's agent id, checked, and the caller's right to act for it. */
    static String agentId(HttpRequestContext r) {
        String id = r.pathParam("id");
        if (!AGENT_ID.matcher(id).matches()) {
            throw HttpError.badRequest("agent id: '" + id + "' (expected: 1-64 letters, digits, '_', '.', '-')");
        }
        Principal p = r.principal();
        if (p.role() == Role.AGENT && !id.equals(p.agentId())) {
            throw new HttpError(403, "an agent may only act for itself (this token is agent " + p.agentId() + ")");
        }
        return id;
    }

    static <T> T run(CoreThread core, Callable<T> task) {
        try {
            return core.call(task, CORE_TIMEOUT);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalStateException) {
                throw new HttpError(409, cause.getMessage());
            }
            if (cause instanceof IllegalArgumentException) {
                String m = cause.getMessage();
                throw m != null && m.startsWith("unknown agent") ? HttpError.notFound(m) : HttpError.badRequest(m);
            }
            throw new IllegalStateException("agent operation failed", cause);
        } catch (TimeoutException e) {
            throw new HttpError(503, "the dialer core did not answer within " + CORE_TIMEOUT.toSeconds() + " s; retry");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpError(503, "interrupted");
        } catch (HttpError e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("agent operation failed", e);
        }
    }

    /** The agent's view, with its leg ("opening" or "up") when it has a session. */
    private static Map<String, Object> view(Agent a, AgentSessions sessions) {
        Map<String, Object> m = view(a);
        if (sessions != null) {
            sessions.session(a.id()).ifPresent(x -> m.put("leg", x.legUp() ? "up" : "opening"));
        }
        return m;
    }

    /** A session whose leg is still opening: the agent is not in the pool's states yet. */
    private static Map<String, Object> opening(AgentSessions.Session x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", x.agentId());
        m.put("state", "logged_out");
        m.put("campaigns", List.copyOf(x.campaigns()));
        m.put("leg", "opening");
        return m;
    }

    static Map<String, Object> view(Agent a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("state", a.state().name().toLowerCase(Locale.ROOT));
        m.put("since", a.since() == null ? null : a.since().toString());
        m.put("campaigns", List.copyOf(a.campaigns()));
        if (a.pauseReason() != null) {
            m.put("pauseReason", a.pauseReason());
        }
        if (a.wrapUpEndsAt() != null) {
            m.put("wrapUpEndsAt", a.wrapUpEndsAt().toString());
        }
        if (a.disposition() != null) {
            m.put("lastDisposition", a.disposition().code());
        }
        return m;
    }
}

package dev.cobra.http;

import dev.cobra.metrics.CobraMeters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /health} (liveness: the process answers), {@code GET /health/ready} (each dependency: database,
 * every PBX connection; 503 when any is down, with details), {@code GET /metrics} (Prometheus text format).
 */
public final class OpsRoutes {
    /** One dependency's state: up or not, with a short detail for operators (no secrets). */
    public record Check(boolean up, String detail) {}

    private OpsRoutes() {}

    public static List<Route> routes(Map<String, Supplier<Check>> readiness, CobraMeters meters) {
        List<Route> routes = new ArrayList<>();
        routes.add(Route.open("GET", "/health", r -> HttpResult.ok(Map.of("status", "up"))));
        routes.add(Route.open("GET", "/health/ready", r -> {
            Map<String, Object> checks = new LinkedHashMap<>();
            boolean allUp = true;
            for (Map.Entry<String, Supplier<Check>> e : readiness.entrySet()) {
                Check c;
                try {
                    c = e.getValue().get();
                } catch (RuntimeException ex) {
                    c = new Check(false, "check failed: " + ex.getClass().getSimpleName());
                }
                allUp &= c.up();
                checks.put(e.getKey(), Map.of("status", c.up() ? "up" : "down", "detail", c.detail()));
            }
            return HttpResult.json(allUp ? 200 : 503, Map.of("status", allUp ? "ready" : "not ready", "checks", checks));
        }));
        routes.add(Route.open("GET", "/metrics",
                r -> HttpResult.text(200, "text/plain; version=0.0.4; charset=utf-8", meters.scrape())));
        return routes;
    }
}

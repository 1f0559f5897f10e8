package dev.cobra.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cobra.agents.AgentPool;
import dev.cobra.metrics.CobraMeters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI description and the routes are the same set of (method, path), both ways: a route added without its
 * description, or a description of a route that does not exist, fails here. Also: every {@code $ref} resolves, every
 * path parameter is declared, and the description is served without a token.
 */
class OpenApiTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /** Every route the route classes build, as "METHOD /path/{param}". */
    static Set<String> routes() {
        List<Route> all = new ArrayList<>(ApiRoutes.routes(null, ApiServer.CLOCK));
        AgentPool pool = new AgentPool(ApiServer.CLOCK, Duration.ofSeconds(20), Set.of("lunch"));
        AgentRoutes.CoreThread core = new AgentRoutes.CoreThread() {
            @Override
            public <T> T call(java.util.concurrent.Callable<T> task, Duration timeout) throws Exception {
                return task.call();
            }
        };
        all.addAll(AgentRoutes.routes(pool, core));
        all.addAll(OpsRoutes.routes(Map.of(), new CobraMeters()));
        // The console's page and assets are files, not API: only its /api routes belong in the description.
        ConsoleRoutes.routes(pool, core, new AgentEvents(ApiServer.CLOCK), new Authenticator(Map.of(), ApiServer.CLOCK),
                        call -> java.util.Optional.empty(), List::of).stream()
                .filter(r -> r.pattern().startsWith("/api/")).forEach(all::add);
        all.addAll(PreviewRoutes.routes(new dev.cobra.campaign.PreviewBoard(ApiServer.CLOCK), core, (campaign, debtor, phone) -> java.util.Optional.empty()));
        Set<String> out = new TreeSet<>();
        for (Route r : all) {
            assertTrue(out.add(r.method() + " " + r.pattern()), "two routes for " + r.method() + " " + r.pattern());
        }
        return out;
    }

    private static JsonNode spec() throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(OpenApiRoutes.load());
    }

    @Test
    void theDescriptionAndTheRoutesAreTheSameSet() throws Exception {
        JsonNode spec = spec();
        assertTrue(spec.path("openapi").asText().startsWith("3.0"), "OpenAPI 3.0");
        Set<String> described = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").properties().iterator(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<String> ops = p.getValue().fieldNames(); ops.hasNext(); ) {
                String op = ops.next();
                if (METHODS.contains(op)) {
                    described.add(op.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey());
                }
            }
        }
        Set<String> routes = routes();
        Set<String> undocumented = new TreeSet<>(routes);
        undocumented.removeAll(described);
        Set<String> phantom = new TreeSet<>(described);
        phantom.removeAll(routes);
        assertEquals(Set.of(), undocumented, "routes missing from openapi.yaml");
        assertEquals(Set.of(), phantom, "openapi.yaml describes routes that do not exist");
        assertTrue(routes.size() >= 25, "sanity: " + routes);
    }

    @Test
    void everyReferenceResolvesAndEveryPathParameterIsDeclared() throws Exception {
        JsonNode spec = spec();
        List<String> problems = new ArrayList<>();
        refs(spec, spec, problems);
        Pattern param = Pattern.compile("\\{([^}]+)}");
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").properties().iterator(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            Matcher m = param.matcher(p.getKey());
            while (m.find()) {
                if (!declares(spec, p.getValue().path("parameters"), m.group(1))) {
                    problems.add(p.getKey() + ": path parameter " + m.group(1) + " is not declared");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    private static boolean declares(JsonNode spec, JsonNode parameters, String name) {
        for (JsonNode p : parameters) {
            JsonNode resolved = p.has("$ref") ? resolve(spec, p.path("$ref").asText()) : p;
            if (resolved != null && name.equals(resolved.path("name").asText()) && "path".equals(resolved.path("in").asText())) {
                return true;
            }
        }
        return false;
    }

    private static void refs(JsonNode spec, JsonNode node, List<String> problems) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && resolve(spec, ref.asText()) == null) {
                problems.add("unresolved $ref " + ref.asText());
            }
            node.elements().forEachRemaining(child -> refs(spec, child, problems));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> refs(spec, child, problems));
        }
    }

    private static JsonNode resolve(JsonNode spec, String ref) {
        if (!ref.startsWith("#/")) {
            return null;
        }
        JsonNode n = spec.at(ref.substring(1));
        return n.isMissingNode() ? null : n;
    }

    @Test
    void theDescriptionIsServedWithoutAToken() {
        try (ApiServer api = new ApiServer(null)) {
            ApiServer.Answer a = api.get("/api/openapi.yaml", null);
            assertEquals(200, a.status());
            assertEquals(OpenApiRoutes.load(), a.body());
        }
    }
}

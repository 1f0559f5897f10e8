package dev.cobra.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code GET /api/openapi.yaml} (public): the OpenAPI 3.0 description of every route, read once from the classpath
 * ({@code dialer/src/main/resources/openapi.yaml}). A test checks that the described (method, path) pairs and the
 * routes the route classes build are the same set, so a route cannot be added without documenting it.
 */
public final class OpenApiRoutes {
    /** Where the description lives on the classpath. */
    public static final String RESOURCE = "/openapi.yaml";

    private OpenApiRoutes() {}

    public static List<Route> routes() {
        String spec = load();
        return List.of(Route.open("GET", "/api/openapi.yaml", r -> HttpResult.text(200, "application/yaml; charset=utf-8", spec)));
    }

    static String load() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath (the jar is incomplete)");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}

package dev.cobra.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A node's HTTP API as ServeTest's admin token sees it: one client, every request with a 5 s timeout. */
final class NodeHttp {
    /** ServeTest.config's admin token. */
    static final String ADMIN = "admin-token-0123456789";
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> get(Server server, String path) throws Exception {
        return client.send(request(server, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(Server server, String path, String json) throws Exception {
        return client.send(request(server, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(Server server, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path)).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + ADMIN);
    }
}

package dev.cobra.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A method and path pattern ({@code /api/agents/{id}/ready}), who may call it (empty roles = public) and
 * the handler. Patterns match whole segments; {@code {name}} captures one segment.
 *
 * @param maxBodyBytes the largest request body this route accepts (413 beyond), or 0 for the server's default;
 *                     set with {@link #withMaxBodyBytes} on the few routes that take files
 */
public record Route(String method, String pattern, Set<Role> roles, Handler handler, int maxBodyBytes) {
    @FunctionalInterface
    public interface Handler {
        HttpResult handle(HttpRequestContext request);
    }

    public Route {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("pattern: " + pattern + " (expected: starting with /)");
        }
        roles = Set.copyOf(roles);
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: >= 0, 0 for the server's default)");
        }
    }

    public Route(String method, String pattern, Set<Role> roles, Handler handler) {
        this(method, pattern, roles, handler, 0);
    }

    /** This route with its own body limit (e.g. a CSV upload), instead of the server's small default. */
    public Route withMaxBodyBytes(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("maxBodyBytes: " + limit + " (expected: >= 1)");
        }
        return new Route(method, pattern, roles, handler, limit);
    }

    /** The body limit that applies: this route's own, or {@code serverDefault}. */
    int bodyLimit(int serverDefault) {
        return maxBodyBytes == 0 ? serverDefault : maxBodyBytes;
    }

    public static Route open(String method, String pattern, Handler h) {
        return new Route(method, pattern, Set.of(), h);
    }

    public static Route of(String method, String pattern, Set<Role> roles, Handler h) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("route " + method + " " + pattern + ": give roles, or use Route.open");
        }
        return new Route(method, pattern, roles, h);
    }

    public boolean isPublic() {
        return roles.isEmpty();
    }

    /** The path parameters if {@code path} matches this pattern, else null. */
    Map<String, String> match(String path) {
        List<String> want = segments(pattern);
        List<String> got = segments(path);
        if (want.size() != got.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < want.size(); i++) {
            String w = want.get(i);
            if (w.startsWith("{") && w.endsWith("}")) {
                if (got.get(i).isEmpty()) {
                    return null;
                }
                params.put(w.substring(1, w.length() - 1), got.get(i));
            } else if (!w.equals(got.get(i))) {
                return null;
            }
        }
        return Collections.unmodifiableMap(params);
    }

    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/", -1)) {
            out.add(s);
        }
        if (out.size() > 1 && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1); // a trailing slash is the same path
        }
        return out;
    }
}

package dev.cobra.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Serves a fixed set of files from the classpath (read once, at start), e.g. the agent console: no directory
 * listing, no path from the request ever reaches the class loader (only the names given here are served).
 *
 * <p>Caching: there is no build step to put hashes in file names, so every response says {@code Cache-Control:
 * no-cache} with a strong {@code ETag} (SHA-256 of the bytes); browsers revalidate and get {@code 304 Not Modified}
 * with no body when nothing changed. HTML pages also get a Content-Security-Policy that allows only this origin
 * (no CDN, no inline script) and {@code Referrer-Policy: no-referrer}.
 *
 * <p>Immutable and thread-safe.
 */
public final class StaticResources {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png");
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /** One file: its bytes, type and validator. */
    private record File(byte[] body, String contentType, String etag) {}

    private StaticResources() {}

    /**
     * Routes serving {@code classpathDir/<name>} at {@code urlPrefix/<name>} for each name, and {@code index} at
     * {@code urlPrefix} itself. Public (no token): the page holds no data; the API it calls checks tokens.
     *
     * @throws IllegalStateException if a named file is not on the classpath (a packaging error: fail at start)
     */
    public static List<Route> routes(String urlPrefix, String classpathDir, String index, List<String> names) {
        Map<String, File> files = new LinkedHashMap<>();
        for (String name : names) {
            files.put(name, load(classpathDir + "/" + name));
        }
        if (!files.containsKey(index)) {
            throw new IllegalArgumentException("index: " + index + " (expected: one of " + names + ")");
        }
        List<Route> routes = new ArrayList<>();
        routes.add(Route.open("GET", urlPrefix, r -> serve(files.get(index), r)));
        files.forEach((name, file) -> routes.add(Route.open("GET", urlPrefix + "/" + name, r -> serve(file, r))));
        return routes;
    }

    private static HttpResult serve(File f, HttpRequestContext r) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-cache");
        headers.put("ETag", f.etag());
        if (f.contentType().startsWith("text/html")) {
            headers.put("Content-Security-Policy", CSP);
            headers.put("Referrer-Policy", "no-referrer");
        }
        String match = r.headers().get("if-none-match");
        if (match != null && (match.equals(f.etag()) || match.contains(f.etag()))) {
            return new HttpResult(304, f.contentType(), new byte[0], headers);
        }
        return new HttpResult(200, f.contentType(), f.body(), headers);
    }

    private static File load(String path) {
        String ext = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String type = TYPES.get(ext);
        if (type == null) {
            throw new IllegalArgumentException("static file " + path + ": no content type for ." + ext + " (expected one of " + TYPES.keySet() + ")");
        }
        try (InputStream in = StaticResources.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("static file " + path + " is not on the classpath (packaging error)");
            }
            byte[] body = in.readAllBytes();
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return new File(body, type, "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read static file " + path, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JRE", e);
        }
    }
}

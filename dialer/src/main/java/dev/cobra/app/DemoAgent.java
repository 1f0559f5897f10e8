package dev.cobra.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A simulated agent of {@code cobra demo}: a bot that works the real HTTP API the way a person at the console would,
 * with its own agent token. It logs in on its extension, follows its own event stream
 * ({@code GET /api/agents/{id}/events}: a {@code state} event on every change), stays on each call until the debtor
 * hangs up (pbx-sim decides when), then after a short wrap-up posts a disposition from a seeded mix (promise to pay
 * with a date, callback with a time, refused, wrong party); now and then it asks for a break during a call (the pause
 * starts when the wrap-up ends) and comes back ready after it.
 *
 * <p>Threading: one daemon thread reads the event stream and makes every decision (so the seeded random sequence
 * depends only on the order of this agent's own calls); delayed actions (disposition, end of break) run on the shared
 * {@code timers}. Every request has a timeout. After {@link #stop()} no new action is sent. Only the agent id and
 * counts leave this class: it never sees a debtor's name or number (it does not read the screen).
 */
final class DemoAgent implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

    private final String id;
    private final String extension;
    private final String token;
    private final List<String> campaigns;
    private final URI base;
    private final HttpClient http;
    private final ScheduledExecutorService timers;
    private final SplittableRandom random;
    private final Map<String, AtomicLong> dispositions = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong breaks = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean stopped;
    private volatile Thread reader;
    private volatile Stream<String> stream;
    // Reader thread only.
    private String state = "logged_out";
    private boolean breakAsked;

    DemoAgent(String id, String extension, String token, List<String> campaigns, int httpPort, HttpClient http,
              ScheduledExecutorService timers, long seed) {
        this.id = id;
        this.extension = extension;
        this.token = token;
        this.campaigns = List.copyOf(campaigns);
        this.base = URI.create("http://127.0.0.1:" + httpPort);
        this.http = http;
        this.timers = timers;
        this.random = new SplittableRandom(seed);
    }

    /** Opens the event stream on its own thread, then logs in (the leg opens; the agent is READY once it is up). */
    void start() {
        Thread t = new Thread(this::follow, "cobra-demo-agent-" + id);
        t.setDaemon(true);
        reader = t;
        t.start();
    }

    /** Sends nothing more and closes the event stream (the agent stays logged in: the node's shutdown ends its leg). */
    void stop() {
        stopped = true;
        Stream<String> s = stream;
        if (s != null) {
            s.close(); // cancels the event stream's subscription, which ends the reader's loop
        }
        Thread t = reader;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    String id() {
        return id;
    }

    /** Calls this agent was joined to. */
    long calls() {
        return calls.get();
    }

    /** Breaks taken. */
    long breaks() {
        return breaks.get();
    }

    /** Requests the server refused or that failed (none expected while the node runs). */
    long failures() {
        return failures.get();
    }

    /** Dispositions posted, by code. */
    Map<String, Long> dispositions() {
        Map<String, Long> out = new java.util.TreeMap<>();
        dispositions.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private void follow() {
        HttpRequest events = HttpRequest.newBuilder(base.resolve("/api/agents/" + id + "/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
        try {
            HttpResponse<Stream<String>> response = http.send(events, HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                failures.incrementAndGet();
                return;
            }
            post("/login", "{\"campaigns\": [\"" + String.join("\", \"", campaigns) + "\"], \"extension\": \"" + extension + "\"}");
            try (Stream<String> lines = response.body()) {
                stream = lines;
                String event = null;
                java.util.Iterator<String> it = lines.iterator();
                while (!stopped && it.hasNext()) {
                    String line = it.next();
                    if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ") && "state".equals(event)) {
                        onState(JSON.readTree(line.substring(6)));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            if (!stopped) {
                failures.incrementAndGet();
            }
        }
    }

    /** Reader thread: what a person would do on seeing the new state. */
    private void onState(JsonNode agent) {
        String now = agent.path("state").asText("logged_out");
        String before = state;
        state = now;
        if (now.equals(before)) {
            return;
        }
        Instant serverNow;
        try {
            serverNow = Instant.parse(agent.path("now").asText()); // the node's (demo) clock, which every state event carries
        } catch (java.time.format.DateTimeParseException e) {
            failures.incrementAndGet();
            return;
        }
        if (now.equals("on_call")) {
            calls.incrementAndGet();
            if (random.nextDouble() < 0.12) {
                breakAsked = true;
                post("/pause", "{\"reason\": \"break\"}"); // on a call: the pause starts after the wrap-up
            }
        } else if (now.equals("wrap_up") && before.equals("on_call")) {
            String body = disposition(serverNow);
            later(Duration.ofMillis(1000 + random.nextInt(3000)), () -> post("/disposition", body));
        } else if (now.equals("paused") && breakAsked) {
            breakAsked = false;
            breaks.incrementAndGet();
            later(Duration.ofMillis(8000 + random.nextInt(12_000)), () -> post("/ready", "{}"));
        }
    }

    /** Reader thread: the seeded mix of what the conversation achieved, dated from the server's (demo) clock. */
    private String disposition(Instant serverNow) {
        double p = random.nextDouble();
        String code;
        String extra = "";
        if (p < 0.40) {
            code = "promise_to_pay";
            LocalDate date = serverNow.atZone(SAO_PAULO).toLocalDate().plusDays(3 + random.nextInt(12));
            extra = ", \"promiseDate\": \"" + date + "\"";
        } else if (p < 0.65) {
            code = "callback";
            extra = ", \"callbackAt\": \"" + serverNow.plus(Duration.ofHours(2 + random.nextInt(46))).truncatedTo(
                    java.time.temporal.ChronoUnit.MINUTES) + "\"";
        } else if (p < 0.90) {
            code = "refused";
        } else {
            code = "wrong_party";
        }
        dispositions.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
        return "{\"disposition\": \"" + code + "\"" + extra + "}";
    }

    private void later(Duration delay, Runnable action) {
        if (stopped) {
            return;
        }
        try {
            timers.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            // the demo is stopping: the action is not needed any more
        }
    }

    /** POST /api/agents/{id}{path}; a refusal or failure is counted, never thrown (the demo goes on). */
    private void post(String path, String json) {
        if (stopped) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/agents/" + id + path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 && !stopped) {
                failures.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            if (!stopped) {
                failures.incrementAndGet();
            }
        }
    }
}

package dev.cobra.http;

import dev.cobra.compliance.PresetLoader;
import dev.cobra.store.Campaign;
import dev.cobra.store.CampaignStats;
import dev.cobra.store.CampaignStore;
import dev.cobra.store.Database;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Campaigns over HTTP: list, create, read, update, start/pause/stop, and live numbers from the database.
 * <pre>
 * GET  /api/campaigns                 admin, supervisor
 * POST /api/campaigns                 admin       {"code", "name", "preset", "dialing": {...}}; 409 if the code exists
 * GET  /api/campaigns/{code}          admin, supervisor
 * PUT  /api/campaigns/{code}          admin       {"name", "preset", "dialing": {...}}; absent fields keep their value
 * POST /api/campaigns/{code}/start    admin, supervisor   draft or paused -> running
 * POST /api/campaigns/{code}/pause    admin, supervisor   running -> paused
 * POST /api/campaigns/{code}/stop     admin, supervisor   draft, running or paused -> stopped
 * GET  /api/campaigns/{code}/stats    admin, supervisor
 * </pre>
 * The status is the switch every dialer node obeys (nodes run the {@code running} campaigns). {@code stopped} is final:
 * a stopped campaign never starts again (409); to dial those debtors again, create a new campaign and import into it,
 * so a campaign's numbers always describe one run. Asking for the status a campaign already has answers 200 unchanged.
 *
 * <p>Stats: "today" starts at midnight in the zone of the clock given to {@link #routes}; the abandon ratio is
 * abandoned / live answers over the campaign preset's abandon-rate window (BR and UK: 24 h, US: 30 days).
 *
 * <p>Handlers run on the HTTP worker pool and only touch the database; thread-safe.
 */
public final class CampaignRoutes {
    static final Set<Role> READ = Set.of(Role.ADMIN, Role.SUPERVISOR);
    static final Set<Role> WRITE = Set.of(Role.ADMIN);
    private static final Set<String> CREATE_FIELDS = Set.of("code", "name", "preset", "dialing");
    private static final Set<String> UPDATE_FIELDS = Set.of("name", "preset", "dialing");
    private static final Set<String> DIALING_FIELDS = Set.of("mode", "ivrFlow", "maxLines", "powerRatio", "abandonTarget",
            "ringTimeoutSeconds", "recordCalls", "callerId");

    /** A status change: where it may start from, and where it goes. */
    private record Transition(String verb, Set<String> from, String to) {}

    private static final List<Transition> TRANSITIONS = List.of(
            new Transition("start", Set.of("draft", "paused"), "running"),
            new Transition("pause", Set.of("running"), "paused"),
            new Transition("stop", Set.of("draft", "running", "paused"), "stopped"));

    private CampaignRoutes() {}

    public static List<Route> routes(Database db, Clock clock) {
        CampaignStore store = new CampaignStore(db);
        CampaignStats stats = new CampaignStats(db);
        // Presets ship in the jar and never change while running; parsing one per stats request cost milliseconds.
        Map<String, Duration> abandonWindows = new java.util.concurrent.ConcurrentHashMap<>();
        List<Route> routes = new ArrayList<>();
        routes.add(Route.of("GET", "/api/campaigns", READ, r -> ApiJson.ok(Map.of("campaigns", store.list()))));
        routes.add(Route.of("POST", "/api/campaigns", WRITE, r -> {
            JsonBody body = JsonBody.of(r, CREATE_FIELDS);
            String code = body.requiredText("code");
            String name = body.text("name") == null ? code : body.text("name");
            String preset = preset(body.text("preset") == null ? "BR" : body.text("preset"));
            Campaign.Dialing dialing = dialing(body.object("dialing", DIALING_FIELDS), Campaign.Dialing.defaults());
            Campaign created = store.create(code, name, preset, dialing, clock.instant())
                    .orElseThrow(() -> new HttpError(409, "code: campaign '" + code + "' already exists"));
            return ApiJson.json(201, created);
        }));
        routes.add(Route.of("GET", "/api/campaigns/{code}", READ, r -> ApiJson.ok(campaign(store, r))));
        routes.add(Route.of("PUT", "/api/campaigns/{code}", WRITE, r -> {
            JsonBody body = JsonBody.of(r, UPDATE_FIELDS);
            Campaign current = campaign(store, r);
            String name = body.text("name") == null ? current.name() : body.text("name");
            String preset = body.text("preset") == null ? current.preset() : preset(body.text("preset"));
            Campaign.Dialing dialing = dialing(body.object("dialing", DIALING_FIELDS), current.dialing());
            return ApiJson.ok(store.update(current.code(), name, preset, dialing, clock.instant())
                    .orElseThrow(() -> HttpError.notFound("no campaign '" + current.code() + "'")));
        }));
        for (Transition t : TRANSITIONS) {
            routes.add(Route.of("POST", "/api/campaigns/{code}/" + t.verb(), READ, r -> {
                Campaign current = campaign(store, r);
                if (current.status().equals(t.to())) {
                    return ApiJson.ok(current);
                }
                if (!store.transition(current.code(), t.from(), t.to(), clock.instant())) {
                    Campaign now = campaign(store, r);
                    throw new HttpError(409, "status: campaign '" + now.code() + "' is " + now.status() + "; " + t.verb()
                            + " needs " + String.join(" or ", new java.util.TreeSet<>(t.from()))
                            + (now.status().equals("stopped") ? " (a stopped campaign is final: create a new one)" : ""));
                }
                return ApiJson.ok(campaign(store, r));
            }));
        }
        routes.add(Route.of("GET", "/api/campaigns/{code}/stats", READ, r -> {
            Campaign c = campaign(store, r);
            Instant now = clock.instant();
            Duration window = abandonWindows.computeIfAbsent(c.preset(), p -> PresetLoader.builtIn(p).telecom().abandonRateWindow());
            Instant dayStart = LocalDate.ofInstant(now, clock.getZone()).atStartOfDay(clock.getZone()).toInstant();
            CampaignStats.Stats s = stats.of(c.id(), dayStart, now.minus(window), now);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("campaign", c.code());
            out.put("status", c.status());
            out.put("at", now);
            out.put("today", Map.of("since", dayStart, "attemptsByOutcome", s.outcomesToday()));
            out.put("total", Map.of("attemptsByOutcome", s.outcomesTotal()));
            out.put("inFlight", s.inFlight());
            out.put("abandon", Map.of("windowSeconds", window.toSeconds(), "liveAnswers", s.liveAnswers(), "abandoned", s.abandoned(),
                    "ratio", s.abandonRatio()));
            out.put("agreements", Map.of("count", s.agreements(), "amount", s.agreementsTotal()));
            out.put("dueNow", s.dueNow());
            return ApiJson.ok(out);
        }));
        return routes;
    }

    /** The path's campaign, or 404. */
    static Campaign campaign(CampaignStore store, HttpRequestContext r) {
        String code = r.pathParam("code");
        return store.find(code).orElseThrow(() -> HttpError.notFound("no campaign '" + code + "'"));
    }

    /** A shipped preset's name, checked by loading it (so a campaign never names a preset nodes cannot load). */
    private static String preset(String name) {
        if (!name.matches("[A-Z]{2}(-[A-Z]{2})?")) {
            throw HttpError.badRequest("preset: '" + name + "' (expected one of the shipped presets: BR, BR-SP, BR-RJ, US, UK)");
        }
        PresetLoader.builtIn(name); // an unknown one throws "preset: X (expected one of ...)", a 400
        return name;
    }

    /** The body's dialing settings over {@code base}; range errors name the field as {@code dialing.field}. */
    private static Campaign.Dialing dialing(JsonBody d, Campaign.Dialing base) {
        if (d == null) {
            return base;
        }
        String mode = or(d.text("mode"), base.mode());
        String flow = or(d.text("ivrFlow"), base.ivrFlow());
        int lines = or(d.integer("maxLines"), base.maxLines());
        BigDecimal ratio = or(d.decimal("powerRatio"), base.powerRatio());
        BigDecimal abandon = or(d.decimal("abandonTarget"), base.abandonTarget());
        int ring = or(d.integer("ringTimeoutSeconds"), base.ringTimeoutSeconds());
        boolean record = or(d.bool("recordCalls"), base.recordCalls());
        String callerId = or(d.text("callerId"), base.callerId());
        try {
            return new Campaign.Dialing(mode, flow, lines, ratio, abandon, ring, record, callerId);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("dialing." + e.getMessage());
        }
    }

    private static <T> T or(T value, T dflt) {
        return value == null ? dflt : value;
    }
}

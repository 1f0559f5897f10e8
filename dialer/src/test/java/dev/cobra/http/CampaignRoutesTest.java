package dev.cobra.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cobra.store.AttemptStore;
import dev.cobra.store.Campaign;
import dev.cobra.store.CampaignStore;
import dev.cobra.store.Database;
import dev.cobra.store.Fixtures;
import dev.cobra.store.MariaDbExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Campaigns over a real socket on a real database: create, update, the status switch, stats, and every refusal. */
@ExtendWith(MariaDbExtension.class)
class CampaignRoutesTest {
    private final Database db;
    private final ApiServer api;

    CampaignRoutesTest(Database db) {
        this.db = db;
        this.api = new ApiServer(db);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void anAdminCreatesAndTunesACampaignAndASupervisorSteersIt() {
        JsonNode created = api.post("/api/campaigns", ApiServer.ADMIN, "{\"code\": \"c-life\", \"name\": \"Cartões\", \"preset\": \"BR-SP\","
                + " \"dialing\": {\"mode\": \"power\", \"maxLines\": 30, \"powerRatio\": 2.5}}").expect(201);
        assertEquals("draft", created.path("status").asText());
        assertEquals("BR-SP", created.path("preset").asText());
        assertEquals(30, created.path("dialing").path("maxLines").asInt());
        assertEquals(25, created.path("dialing").path("ringTimeoutSeconds").asInt(), "absent settings take the defaults");
        JsonNode dup = api.post("/api/campaigns", ApiServer.ADMIN, "{\"code\": \"c-life\"}").expect(409);
        assertTrue(dup.path("error").asText().contains("already exists"), dup.toString());

        JsonNode updated = api.put("/api/campaigns/c-life", ApiServer.ADMIN, "{\"dialing\": {\"ringTimeoutSeconds\": 30}}").expect(200);
        assertEquals(30, updated.path("dialing").path("ringTimeoutSeconds").asInt());
        assertEquals(30, updated.path("dialing").path("maxLines").asInt(), "an update keeps what it does not name");
        assertEquals("Cartões", updated.path("name").asText());
        Campaign stored = new CampaignStore(db).find("c-life").orElseThrow();
        assertEquals(30, stored.dialing().ringTimeoutSeconds(), "written to the database every node reads");

        assertEquals("running", api.post("/api/campaigns/c-life/start", ApiServer.SUPERVISOR, null).expect(200).path("status").asText());
        assertEquals("running", api.post("/api/campaigns/c-life/start", ApiServer.SUPERVISOR, null).expect(200).path("status").asText(),
                "asking again changes nothing");
        assertEquals("paused", api.post("/api/campaigns/c-life/pause", ApiServer.SUPERVISOR, null).expect(200).path("status").asText());
        assertEquals("running", api.post("/api/campaigns/c-life/start", ApiServer.SUPERVISOR, null).expect(200).path("status").asText());
        assertEquals("stopped", api.post("/api/campaigns/c-life/stop", ApiServer.ADMIN, null).expect(200).path("status").asText());
        JsonNode restart = api.post("/api/campaigns/c-life/start", ApiServer.ADMIN, null).expect(409);
        assertTrue(restart.path("error").asText().contains("a stopped campaign is final"), restart.toString());
        api.post("/api/campaigns/c-life/pause", ApiServer.ADMIN, null).expect(409);
        assertEquals("stopped", new CampaignStore(db).find("c-life").orElseThrow().status());

        JsonNode list = api.get("/api/campaigns", ApiServer.SUPERVISOR).expect(200);
        assertTrue(list.path("campaigns").toString().contains("\"code\":\"c-life\""), list.toString());
        assertEquals("c-life", api.get("/api/campaigns/c-life", ApiServer.SUPERVISOR).expect(200).path("code").asText());
    }

    @Test
    void refusalsNameTheFieldOrTheRule() {
        api.post("/api/campaigns", ApiServer.ADMIN, "{\"code\": \"c-err\"}").expect(201);
        assertEquals(401, api.get("/api/campaigns", null).status());
        assertEquals(401, api.get("/api/campaigns", "not-a-real-token-at-all").status());
        assertTrue(api.post("/api/campaigns", ApiServer.SUPERVISOR, "{\"code\": \"c-sup\"}").expect(403).path("error").asText()
                .contains("role supervisor may not POST"));
        api.get("/api/campaigns", ApiServer.AGENT_7).expect(403);
        api.put("/api/campaigns/c-err", ApiServer.SUPERVISOR, "{\"name\": \"x\"}").expect(403);

        assertError(api.post("/api/campaigns", ApiServer.ADMIN, "{\"code\": \"c-x\", "), 400, "not valid JSON");
        assertError(api.post("/api/campaigns", ApiServer.ADMIN, "{\"code\": \"c-x\", \"colour\": \"red\"}"), 400, "colour: unknown field");
        assertError(api.post("/api/campaigns", ApiServer.ADMIN, "{\"code\": \"c-x\", \"dialing\": {\"lines\": 3}}"), 400,
                "dialing.lines: unknown field");
        assertError(api.post("/api/campaigns", ApiServer.ADMIN, "{\"code\": \"c-x\", \"dialing\": {\"maxLines\": \"ten\"}}"), 400,
                "dialing.maxLines: string (expected: an integer)");
        assertError(api.post("/api/campaigns", ApiServer.ADMIN, "{\"code\": \"c-x\", \"dialing\": {\"maxLines\": 0}}"), 400,
                "dialing.maxLines: 0 (expected: 1..1000)");
        assertError(api.post("/api/campaigns", ApiServer.ADMIN, "{\"code\": \"c-x\", \"dialing\": {\"abandonTarget\": 0.05}}"), 400,
                "dialing.abandonTarget: 0.0500 (expected: 0..0.03)");
        assertError(api.post("/api/campaigns", ApiServer.ADMIN, "{\"code\": \"c-x\", \"preset\": \"XX\"}"), 400, "preset: XX");
        assertError(api.post("/api/campaigns", ApiServer.ADMIN, "{\"code\": \"bad code!\"}"), 400, "code: 'bad code!'");
        assertError(api.post("/api/campaigns", ApiServer.ADMIN, "{\"name\": \"no code\"}"), 400, "code: required");
        assertError(api.post("/api/campaigns", ApiServer.ADMIN, "{\"code\": 7}"), 400, "code: number (expected: a string)");
        assertError(api.put("/api/campaigns/c-err", ApiServer.ADMIN, "{\"code\": \"c-new\"}"), 400, "code: unknown field");
        assertError(api.post("/api/campaigns", ApiServer.ADMIN, "{\"code\": \"c-x\", \"name\": \"" + "n".repeat(5000) + "\"}"), 413,
                "over this route's limit of 4096 bytes");
        assertError(api.get("/api/campaigns/nope", ApiServer.ADMIN), 404, "no campaign 'nope'");
        assertError(api.post("/api/campaigns/nope/start", ApiServer.ADMIN, null), 404, "no campaign 'nope'");
        assertError(api.get("/api/campaigns/nope/stats", ApiServer.ADMIN), 404, "no campaign 'nope'");
        assertFalse(new CampaignStore(db).find("c-x").isPresent(), "no refused request wrote a campaign");
    }

    @Test
    void statsCountFromTheDatabase() {
        long id = new CampaignStore(db).create("c-stats", "stats", "BR", Campaign.Dialing.defaults(), ApiServer.CLOCK.instant())
                .orElseThrow().id();
        Instant now = ApiServer.CLOCK.instant();
        Fixtures.bulkDebtors(db, id, "ST", 3, now.minus(Duration.ofHours(1)));
        long[] d = Fixtures.debtorAndPhone(db, "ST1");
        AttemptStore attempts = new AttemptStore(db);
        String[] outcomes = {"answered_human", "answered_human", "abandoned", "busy"};
        for (int i = 0; i < outcomes.length; i++) {
            Instant at = now.minus(Duration.ofMinutes(10 + i));
            attempts.open("st-" + i, id, d[0], d[1], "n1", "pbx", at);
            attempts.close("st-" + i, at.plusSeconds(30), outcomes[i], 16);
        }
        Instant twoDaysAgo = now.minus(Duration.ofDays(2));
        attempts.open("st-old", id, d[0], d[1], "n1", "pbx", twoDaysAgo);
        attempts.close("st-old", twoDaysAgo.plusSeconds(30), "abandoned", 16);
        attempts.open("st-live", id, d[0], d[1], "n1", "pbx", now.minusSeconds(5));

        JsonNode s = api.get("/api/campaigns/c-stats/stats", ApiServer.SUPERVISOR).expect(200);
        assertEquals(2, s.path("today").path("attemptsByOutcome").path("answered_human").asInt(), s.toString());
        assertEquals(1, s.path("today").path("attemptsByOutcome").path("abandoned").asInt(), s.toString());
        assertEquals(2, s.path("total").path("attemptsByOutcome").path("abandoned").asInt(), s.toString());
        assertEquals("2026-11-24T03:00:00Z", s.path("today").path("since").asText(), "today starts at midnight in São Paulo");
        assertEquals(1, s.path("inFlight").asInt());
        assertEquals(86400, s.path("abandon").path("windowSeconds").asInt(), "BR measures over 24 h");
        assertEquals(3, s.path("abandon").path("liveAnswers").asInt(), "the call two days ago is outside the window");
        assertEquals(1, s.path("abandon").path("abandoned").asInt());
        assertEquals(1.0 / 3, s.path("abandon").path("ratio").asDouble(), 1e-9);
        assertEquals(0, s.path("agreements").path("count").asInt());
        assertEquals(3, s.path("dueNow").asInt());
    }

    static void assertError(ApiServer.Answer a, int status, String text) {
        assertEquals(status, a.status(), a.body());
        assertTrue(a.json() != null && a.json().path("error").asText().contains(text), "expected '" + text + "' in " + a.body());
        assertEquals(status, a.json().path("status").asInt(), "the body repeats the status");
    }
}

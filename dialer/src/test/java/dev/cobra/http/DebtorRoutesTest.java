package dev.cobra.http;

import static dev.cobra.http.CampaignRoutesTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cobra.accounts.AccountFile;
import dev.cobra.store.AccountImportStore;
import dev.cobra.store.AttemptStore;
import dev.cobra.store.Campaign;
import dev.cobra.store.CampaignStore;
import dev.cobra.store.Database;
import dev.cobra.store.Fixtures;
import dev.cobra.store.MariaDbExtension;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Debtors, their history and the compliance decision, agreements and attempts, over a real socket on a real
 * database; and how an agent's token is scoped to the calls that agent took.
 *
 * <p>Data: debtor API1 had a call taken by agent a7 (a promise, then an agreement of two installments) and a busy
 * call; debtor API2 had an abandoned call that agent a8 was assigned.
 */
@ExtendWith(MariaDbExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DebtorRoutesTest {
    private static final String PIX = "00020126360014br.gov.bcb.pix0114+55119999999995204000053039865406123.455802BR6304ABCD";

    private final Database db;
    private final ApiServer api;
    private long agreementId;

    DebtorRoutesTest(Database db) {
        this.db = db;
        this.api = new ApiServer(db);
    }

    @BeforeAll
    void data() {
        Instant now = ApiServer.CLOCK.instant();
        Campaign c = new CampaignStore(db).create("deb", "debtors", "BR", Campaign.Dialing.defaults(), now).orElseThrow();
        new AccountImportStore(db).write(c.id(), AccountFile.parse("f.csv", ImportRoutesTest.FILE, null), now.minusSeconds(3600));
        long a7 = agent("a7");
        long a8 = agent("a8");
        AttemptStore attempts = new AttemptStore(db);
        long[] d1 = Fixtures.debtorAndPhone(db, "API1");
        long[] d2 = Fixtures.debtorAndPhone(db, "API2");
        attempts.open("call-1", c.id(), d1[0], d1[1], "n1", "pbx", now.minusSeconds(1800));
        attempts.setAgent("call-1", a7);
        attempts.setIvrProgress("call-1", "offer");
        attempts.close("call-1", now.minusSeconds(1700), "answered_human", 16);
        attempts.setDisposition("call-1", "promise_to_pay");
        attempts.open("call-2", c.id(), d1[0], d1[1], "n1", "pbx", now.minusSeconds(900));
        attempts.close("call-2", now.minusSeconds(880), "busy", 17);
        attempts.open("call-3", c.id(), d2[0], d2[1], "n1", "pbx", now.minusSeconds(600));
        attempts.setAgent("call-3", a8);
        attempts.close("call-3", now.minusSeconds(590), "abandoned", 16);
        agreementId = db.withConnection(conn -> {
            Sql.exec(conn, "UPDATE accounts SET promise_until = '2026-12-10' WHERE external_id = 'AC1'");
            long id;
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO agreements (debtor_id, account_id, attempt_id, channel, plan,"
                    + " total, currency, installments, pix_payload, payment_code, created_at) SELECT a.debtor_id, a.id, t.id, 'ivr',"
                    + " 'installments-2', 99.90, 'BRL', 2, ?, 'PAY-1', '2026-11-24 12:40:00' FROM accounts a JOIN call_attempts t"
                    + " ON t.call_id = 'call-1' WHERE a.external_id = 'AC2'", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, PIX);
                ps.executeUpdate();
                try (var keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            Sql.exec(conn, "INSERT INTO agreement_installments VALUES (" + id + ", 1, 49.95, '2026-12-01'), (" + id + ", 2, 49.95, '2027-01-01')");
            return id;
        });
    }

    /** Raw statements for test data. */
    private static final class Sql {
        static void exec(java.sql.Connection c, String sql) throws java.sql.SQLException {
            try (Statement s = c.createStatement()) {
                s.executeUpdate(sql);
            }
        }
    }

    private long agent(String code) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO agents (code, name, created_at) VALUES (?, ?, NOW(3))",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, code);
                ps.setString(2, "Agent " + code);
                ps.executeUpdate();
                try (var keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void aDebtorWithDebtsItemisedAndNumbersMasked() {
        ApiServer.Answer a = api.get("/api/debtors/API1", ApiServer.SUPERVISOR);
        JsonNode d = a.expect(200);
        assertEquals("Maria da Silva", d.path("name").asText());
        assertEquals(2, d.path("debts").size());
        JsonNode first = d.path("debts").get(0);
        assertEquals("AC1", first.path("account").asText(), "oldest due first");
        assertEquals("1234.56", first.path("principal").decimalValue().toPlainString());
        assertEquals("1247.06", first.path("total").decimalValue().toPlainString(), "principal + interest + fees");
        assertEquals("2026-12-10", first.path("promiseUntil").asText());
        assertEquals("1346.96", d.path("openTotal").decimalValue().toPlainString());
        assertEquals(2, d.path("phones").size());
        assertFalse(a.body().contains("98765-4321") || a.body().contains("987654321") || a.body().contains("52998224725"),
                "numbers and the document are masked: " + a.body());
        assertError(api.get("/api/debtors/NOPE", ApiServer.ADMIN), 404, "no debtor 'NOPE'");
    }

    @Test
    void historyHasAttemptsDispositionsPromisesAgreementsAndIvrSteps() {
        JsonNode h = api.get("/api/debtors/API1/history", ApiServer.ADMIN).expect(200);
        JsonNode attempts = h.path("attempts");
        assertEquals(2, attempts.size(), h.toString());
        assertEquals("call-2", attempts.get(0).path("callId").asText(), "newest first");
        JsonNode taken = attempts.get(1);
        assertEquals("a7", taken.path("agent").asText());
        assertEquals("promise_to_pay", taken.path("disposition").asText());
        assertEquals("offer", taken.path("ivrProgress").asText());
        assertEquals("answered_human", taken.path("outcome").asText());
        assertEquals("2026-11-24T12:30:00Z", taken.path("createdAt").asText());
        assertEquals("AC1", h.path("promises").get(0).path("account").asText());
        assertEquals(agreementId, h.path("agreements").get(0).path("id").asLong());
    }

    @Test
    void whyGivesTheComplianceDecisionPerCampaign() {
        JsonNode w = api.get("/api/debtors/API1/why", ApiServer.SUPERVISOR).expect(200);
        JsonNode c = w.path("campaigns").get(0);
        assertEquals("deb", c.path("campaign").asText(), w.toString());
        assertEquals("BR", c.path("preset").asText());
        assertFalse(c.path("now").path("explain").asText().isEmpty(), w.toString());
        assertEquals(c.path("now").path("allowed").asBoolean(), c.path("now").path("reason").asText().equals("none"), w.toString());
        assertEquals(1, api.get("/api/debtors/API1/why?campaign=deb", ApiServer.ADMIN).expect(200).path("campaigns").size());
        assertError(api.get("/api/debtors/API1/why?campaign=other", ApiServer.ADMIN), 404, "not in campaign 'other'");
    }

    @Test
    void anAgentSeesOnlyTheDebtorsAndCallsItTook() {
        api.get("/api/debtors/API1", ApiServer.AGENT_7).expect(200);
        api.get("/api/debtors/API1/history", ApiServer.AGENT_7).expect(200);
        assertError(api.get("/api/debtors/API2", ApiServer.AGENT_7), 403, "only debtors whose calls it took");
        assertError(api.get("/api/debtors/NOPE", ApiServer.AGENT_7), 403, "only debtors whose calls it took");
        api.get("/api/debtors/API1/why", ApiServer.AGENT_8).expect(403);
        api.get("/api/debtors/API2", ApiServer.AGENT_8).expect(200);

        JsonNode mine = api.get("/api/attempts", ApiServer.AGENT_7).expect(200).path("attempts");
        assertEquals(List.of("call-1"), callIds(mine));
        assertError(api.get("/api/attempts?agent=a8", ApiServer.AGENT_7), 403, "only its own calls");
        api.get("/api/agreements", ApiServer.AGENT_7).expect(403);
        api.get("/api/agreements/" + agreementId, ApiServer.AGENT_7).expect(403);
    }

    @Test
    void attemptsNewestFirstAndFiltered() {
        assertEquals(List.of("call-3", "call-2", "call-1"), callIds(api.get("/api/attempts", ApiServer.SUPERVISOR).expect(200).path("attempts")));
        assertEquals(List.of("call-2"), callIds(api.get("/api/attempts?outcome=busy&campaign=deb", ApiServer.ADMIN).expect(200).path("attempts")));
        assertEquals(List.of("call-3"), callIds(api.get("/api/attempts?agent=a8", ApiServer.ADMIN).expect(200).path("attempts")));
        assertEquals(List.of("call-3", "call-2"),
                callIds(api.get("/api/attempts?since=2026-11-24T12:45:00Z", ApiServer.ADMIN).expect(200).path("attempts")));
        assertEquals(List.of("call-3"), callIds(api.get("/api/attempts?limit=1", ApiServer.ADMIN).expect(200).path("attempts")));
        assertEquals(List.of(), callIds(api.get("/api/attempts?campaign=other", ApiServer.ADMIN).expect(200).path("attempts")));
        assertError(api.get("/api/attempts?outcome=maybe", ApiServer.ADMIN), 400, "outcome: 'maybe' (expected one of answered_human");
        assertError(api.get("/api/attempts?limit=0", ApiServer.ADMIN), 400, "limit: '0' (expected: 1..500)");
        assertError(api.get("/api/attempts?limit=501", ApiServer.ADMIN), 400, "limit: '501'");
        assertError(api.get("/api/attempts?since=yesterday", ApiServer.ADMIN), 400, "since: 'yesterday'");
        assertEquals(401, api.get("/api/attempts", null).status());
    }

    @Test
    void agreementsWithInstallmentsAndThePixCode() {
        JsonNode list = api.get("/api/agreements?campaign=deb", ApiServer.SUPERVISOR).expect(200).path("agreements");
        assertEquals(1, list.size());
        assertEquals("deb", list.get(0).path("campaign").asText());
        assertEquals("API1", list.get(0).path("debtor").asText());
        assertEquals(0, api.get("/api/agreements?campaign=other", ApiServer.ADMIN).expect(200).path("agreements").size());
        assertEquals(0, api.get("/api/agreements?since=2026-11-24T12:45:00Z", ApiServer.ADMIN).expect(200).path("agreements").size());
        ApiServer.Answer answer = api.get("/api/agreements/" + agreementId, ApiServer.ADMIN);
        JsonNode detail = answer.expect(200);
        assertEquals(PIX, detail.path("pixPayload").asText());
        assertTrue(answer.body().contains("\"total\":99.90,"), "amounts keep their cents: " + answer.body());
        assertEquals(2, detail.path("installments").size());
        assertEquals("2027-01-01", detail.path("installments").get(1).path("dueDate").asText());
        assertEquals("49.95", detail.path("installments").get(1).path("amount").decimalValue().toPlainString());
        assertError(api.get("/api/agreements/999999", ApiServer.ADMIN), 404, "no agreement 999999");
        assertError(api.get("/api/agreements/abc", ApiServer.ADMIN), 400, "id: 'abc'");
        assertError(api.get("/api/agreements?limit=x", ApiServer.ADMIN), 400, "limit: 'x'");
        ApiServer.Answer stats = api.get("/api/campaigns/deb/stats", ApiServer.ADMIN);
        assertEquals(1, stats.expect(200).path("agreements").path("count").asInt());
        assertTrue(stats.body().contains("\"amount\":99.90"), stats.body());
    }

    private static List<String> callIds(JsonNode attempts) {
        List<String> out = new ArrayList<>();
        attempts.forEach(a -> out.add(a.path("callId").asText()));
        return out;
    }
}

package dev.cobra.http;

import static dev.cobra.http.CampaignRoutesTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cobra.store.Database;
import dev.cobra.store.Fixtures;
import dev.cobra.store.MariaDbExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Account import over a real socket: the same validation and all-or-nothing write as {@code cobra import}. */
@ExtendWith(MariaDbExtension.class)
class ImportRoutesTest {
    private static final String HEADER = "debtor_id;name;document;state;account_id;principal;interest;fees;due_date;phone1;phone2\n";
    /** Fictional people; the documents only pass the check-digit rule. */
    static final String FILE = HEADER
            + "API1;Maria da Silva;529.982.247-25;SP;AC1;1.234,56;10,00;2,50;31/10/2026;(11) 98765-4321;11 3333-4444\n"
            + "API1;Maria da Silva;529.982.247-25;SP;AC2;99,90;0;0;01/11/2026;(11) 98765-4321;\n"
            + "API2;Padaria Sol Ltda;11.222.333/0001-81;AM;AC3;500,00;;;15/10/2026;(92) 99123-4567;\n";

    private final Database db;
    private final ApiServer api;

    ImportRoutesTest(Database db) {
        this.db = db;
        this.api = new ApiServer(db);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private ApiServer.Answer upload(String path, String token, String csv) {
        return api.send("POST", path, token, "text/csv; charset=utf-8", csv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void importsAFileAndAgainWithoutChange() {
        api.post("/api/campaigns", ApiServer.ADMIN, "{\"code\": \"imp\"}").expect(201);
        JsonNode first = upload("/api/campaigns/imp/import", ApiServer.ADMIN, FILE).expect(200);
        assertEquals("br", first.path("format").asText());
        assertEquals(3, first.path("summary").path("rows").asInt(), first.toString());
        assertEquals(2, first.path("summary").path("debtorsNew").asInt());
        assertEquals(2, first.path("summary").path("campaignMembersNew").asInt());
        JsonNode again = upload("/api/campaigns/imp/import?format=br", ApiServer.ADMIN, FILE).expect(200);
        assertEquals(0, again.path("summary").path("debtorsNew").asInt(), "re-import is idempotent");
        assertEquals(0, again.path("summary").path("accountsChanged").asInt());
        assertEquals(2, api.get("/api/campaigns/imp/stats", ApiServer.ADMIN).expect(200).path("dueNow").asInt(),
                "imported debtors are due in the campaign");
    }

    @Test
    void aFileBiggerThanTheDefaultLimitIsAcceptedOnThisRouteOnly() {
        api.post("/api/campaigns", ApiServer.ADMIN, "{\"code\": \"imp-big\"}").expect(201);
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 400; i++) {
            csv.append("BIG").append(i).append(";Maria da Silva;529.982.247-25;SP;BA").append(i)
                    .append(";100,00;0;0;31/10/2026;(11) 98765-4321;\n");
        }
        assertTrue(csv.length() > 4096 * 4, "well over the server's default body limit");
        assertEquals(400, upload("/api/campaigns/imp-big/import", ApiServer.ADMIN, csv.toString()).expect(200)
                .path("summary").path("debtorsNew").asInt());
    }

    @Test
    void aBadFileIsRefusedWithEveryProblemAndWritesNothing() {
        api.post("/api/campaigns", ApiServer.ADMIN, "{\"code\": \"imp-bad\"}").expect(201);
        String bad = FILE.replace("API", "BAD").replace(";AC", ";BC")
                .replace("529.982.247-25;SP;BC2", "529.982.247-26;SP;BC2")
                .replace("(92) 99123-4567", "(20) 99123-4567");
        ApiServer.Answer a = upload("/api/campaigns/imp-bad/import", ApiServer.ADMIN, bad);
        JsonNode body = a.expect(422);
        assertTrue(body.path("error").asText().contains("nothing imported"), a.body());
        JsonNode problems = body.path("problems");
        assertTrue(problems.size() >= 2, a.body());
        List<String> where = new java.util.ArrayList<>();
        problems.forEach(p -> where.add(p.path("line").asInt() + ":" + p.path("column").asText()));
        assertTrue(where.contains("3:document"), where.toString());
        assertTrue(where.contains("4:phone1"), where.toString());
        assertFalse(a.body().contains("529.982.247-26") || a.body().contains("99123-4567"), "values are masked: " + a.body());
        assertEquals(List.of(0L), Fixtures.row(db, "SELECT COUNT(*) FROM debtors WHERE external_id LIKE ?", "BAD%", 1),
                "nothing written, not even the good rows");
    }

    @Test
    void refusals() {
        api.post("/api/campaigns", ApiServer.ADMIN, "{\"code\": \"imp-ref\"}").expect(201);
        assertError(upload("/api/campaigns/nope/import", ApiServer.ADMIN, FILE), 404, "no campaign 'nope'");
        assertEquals(403, upload("/api/campaigns/imp-ref/import", ApiServer.SUPERVISOR, FILE).status());
        assertEquals(403, upload("/api/campaigns/imp-ref/import", ApiServer.AGENT_7, FILE).status());
        assertEquals(401, upload("/api/campaigns/imp-ref/import", null, FILE).status());
        assertError(upload("/api/campaigns/imp-ref/import?format=xls", ApiServer.ADMIN, FILE), 400, "format: 'xls'");
        assertError(api.send("POST", "/api/campaigns/imp-ref/import", ApiServer.ADMIN, "application/json", "{}".getBytes(StandardCharsets.UTF_8)),
                415, "expected: text/csv");
        assertError(upload("/api/campaigns/imp-ref/import", ApiServer.ADMIN, ""), 400, "body: empty");
    }
}

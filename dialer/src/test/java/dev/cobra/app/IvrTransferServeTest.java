package dev.cobra.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.cobra.pbxsim.PbxSim;
import dev.cobra.pbxsim.agi.DebtorScript;
import dev.cobra.pbxsim.agi.FastAgiDialplan;
import dev.cobra.pbxsim.agi.FastAgiSimClient;
import dev.cobra.pbxsim.agi.PromptLengths;
import dev.cobra.pbxsim.scenario.CustomerMix;
import dev.cobra.pbxsim.scenario.Scenario;
import dev.cobra.pbxsim.scenario.TraceNumbers;
import dev.cobra.store.Campaign;
import dev.cobra.store.CampaignStore;
import dev.cobra.store.Database;
import dev.cobra.store.DbSettings;
import dev.cobra.store.Fixtures;
import dev.cobra.store.MariaDbExtension;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IVR's transfer to an agent through {@code cobra serve}, end to end on real sockets: an IVR campaign dials a
 * debtor on pbx-sim, AMD says human, pbx-sim's dialplan runs the shipped collection flow over FastAGI against the node,
 * the simulated debtor confirms who they are (1) and asks for an agent (0); the flow's transfer sets
 * {@code NEXT_STEP=agent}, the caller waits in hold, and the campaign's logged-in agent is bridged to it (AMI Bridge to
 * the agent's leg), then survives the debtor's hang-up.
 */
@ExtendWith(MariaDbExtension.class)
class IvrTransferServeTest {
    private static final Instant TUESDAY_11H_SP = LocalDateTime.of(2026, 11, 24, 14, 0).toInstant(ZoneOffset.UTC);
    private static final String CAMPAIGN = "serve-transfer";
    /** Trace customer 108 (answers, says hello, stays on the line) as a national number pbx-sim dials. */
    private static final String DEBTOR_NATIONAL = "1190000108";

    private final Database db;
    private final DbSettings settings;
    private final NodeHttp http = new NodeHttp();

    IvrTransferServeTest(Database db, DbSettings settings) {
        this.db = db;
        this.settings = settings;
    }

    @Test
    void aCallerWhoPressesZeroInTheIvrIsBridgedToTheCampaignsAgent(@TempDir Path dir) throws Exception {
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), TUESDAY_11H_SP));
        CampaignStore campaigns = new CampaignStore(db);
        Campaign campaign = campaigns.ensure(CAMPAIGN, "IVR with transfers", "BR", clock.instant());
        campaigns.update(CAMPAIGN, campaign.name(), "BR", new Campaign.Dialing("ivr", "collection", 1, new BigDecimal("1.5"),
                new BigDecimal("0.03"), 20, false, "+551140042000"), clock.instant());
        Fixtures.bulkDebtors(db, campaign.id(), "XFER-", 1, TUESDAY_11H_SP.minus(Duration.ofDays(1)));
        long[] ids = Fixtures.debtorAndPhone(db, "XFER-1");
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE phones SET e164 = ? WHERE id = ?")) {
                ps.setString(1, "+55" + DEBTOR_NATIONAL);
                ps.setLong(2, ids[1]);
                return ps.executeUpdate();
            }
        });
        Scenario scenario = Scenario.builder(7).customers(CustomerMix.traceDefault())
                .number(DEBTOR_NATIONAL, TraceNumbers.CUSTOMERS.get("108")).build();

        try (PbxSim sim = PbxSim.builder().scenario(scenario).start(); FastAgiSimClient agi = FastAgiSimClient.forTests()) {
            Server server = Server.start(ServeTest.config(sim, dir, settings, "serve-transfer"), clock, List.of());
            try {
                // Right party (1), then "0: talk to an agent": one key every 2 s of call time.
                FastAgiDialplan dialplan = new FastAgiDialplan(agi, server.agiAddress(), "collection", "pt_BR",
                        call -> DebtorScript.builder().pressAt(Duration.ofSeconds(2), "1").pressAt(Duration.ofSeconds(4), "0").build(),
                        PromptLengths.uniform(Duration.ofMillis(10)));
                sim.answeredCallHandler(dialplan);
                ServeTest.await("the AMI session is up", () -> server.agentRecoveries().size() == 1);
                HttpResponse<String> login = http.post(server, "/api/agents/1001/login",
                        "{\"campaigns\": [\"" + CAMPAIGN + "\"], \"extension\": \"301\"}");
                assertEquals(200, login.statusCode(), login.body());
                ServeTest.await("the agent's leg is up", () -> agents(server).contains("\"leg\":\"up\""));

                campaigns.setStatus(CAMPAIGN, "running", clock.instant());
                ServeTest.await("the caller the IVR handed on is bridged to the agent", () -> attempt().get(1) != null);
                ServeTest.await("the agent is on the call", () -> agents(server).contains("\"state\":\"on_call\""));
                assertEquals("agent", dialplan.records().get(0).variables().get("NEXT_STEP"));
                assertEquals("agent", Fixtures.row(db, "SELECT ivr_progress FROM call_attempts WHERE campaign_id = ?",
                        campaign.id(), 1).get(0), "the flow ended at its transfer node");

                sim.hangUpPhone(DEBTOR_NATIONAL + "@customers");
                ServeTest.await("the agent is in wrap-up", () -> agents(server).contains("\"state\":\"wrap_up\""));
                ServeTest.await("the attempt is closed", () -> attempt().get(2) != null);
                assertEquals("answered_human", attempt().get(0));
                assertNotNull(attempt().get(1));
                sim.awaitLiveChannelCount(2, Duration.ofSeconds(10)); // the agent's leg survives the debtor's hang-up
            } finally {
                server.shutdown();
            }
        }
    }

    /** outcome, bridged_at, ended_at of the campaign's attempt (nulls before it exists). */
    private List<Object> attempt() {
        List<Object> row = Fixtures.row(db, "SELECT outcome, bridged_at, ended_at FROM call_attempts a JOIN campaigns c"
                + " ON c.id = a.campaign_id WHERE c.code = ?", CAMPAIGN, 3);
        return row.isEmpty() ? java.util.Arrays.asList(null, null, null) : row;
    }

    private String agents(Server server) throws Exception {
        return http.get(server, "/api/agents").body();
    }

}

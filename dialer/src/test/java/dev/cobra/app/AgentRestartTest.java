package dev.cobra.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cobra.campaign.AgentSessions;
import dev.cobra.config.CobraConfig;
import dev.cobra.pbxsim.PbxSim;
import dev.cobra.pbxsim.scenario.CustomerMix;
import dev.cobra.pbxsim.scenario.Scenario;
import dev.cobra.store.AttemptStore;
import dev.cobra.store.Campaign;
import dev.cobra.store.CampaignStore;
import dev.cobra.store.Database;
import dev.cobra.store.DbSettings;
import dev.cobra.store.Fixtures;
import dev.cobra.store.MariaDbExtension;
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
 * A dialer restart never leaves an agent in a wrong state (issue #5), end to end: a node ({@code cobra serve} from a
 * cobra.yaml) logs agents in over HTTP, their legs come up on pbx-sim ({@code Local/3XX@agents} into
 * {@code cobra-agent}), the node stops while the legs stay up on the PBX, and a new node with the same name starts on
 * the same database and PBX. Checked: what the new node does with each leg (re-adopted, hung up, or left alone when
 * another node owns it), the agents' states over the API, and the saved sessions ({@code agent_sessions}, V5).
 */
@ExtendWith(MariaDbExtension.class)
class AgentRestartTest {
    private static final Instant TUESDAY_11H_SP = LocalDateTime.of(2026, 11, 24, 14, 0).toInstant(ZoneOffset.UTC);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final DbSettings settings;
    private final NodeHttp http = new NodeHttp();
    private final Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), TUESDAY_11H_SP));

    AgentRestartTest(Database db, DbSettings settings) {
        this.db = db;
        this.settings = settings;
    }

    @Test
    void readyAndPausedAgentsAreReadoptedWithTheirLegsAndNothingIsDialedAgain(@TempDir Path dir) throws Exception {
        try (PbxSim sim = sim()) {
            CobraConfig config = config(sim, dir, "restart-a");
            Server first = Server.start(config, clock, List.of());
            String readyLeg;
            try {
                assertEquals(new AgentSessions.Recovery("ast-1", List.of(), List.of(), List.of(), 0), awaitRecovery(first),
                        "a first start finds nothing to recover");
                login(first, "2001", "301", null);
                login(first, "2002", "302", "lunch");
                await("both legs up", () -> legUp(first, "2001") && legUp(first, "2002"));
                assertEquals("paused", agent(first, "2002").path("state").asText());
                readyLeg = (String) saved("2001").get(1);
                assertNotNull(readyLeg, "the leg's Uniqueid is saved once it is up");
                assertEquals(List.of("READY", readyLeg, "restart-a", "ast-1"), saved("2001"));
                assertEquals(List.of("PAUSED", saved("2002").get(1), "restart-a", "ast-1"), saved("2002"));
            } finally {
                first.shutdown();
            }
            assertEquals(4, sim.liveChannelCount(), "the legs outlive the node that opened them");

            Server second = Server.start(config, clock, List.of());
            try {
                AgentSessions.Recovery r = awaitRecovery(second);
                assertEquals(List.of("2001", "2002"), r.resumed());
                assertEquals(List.of(), r.hungUp());
                assertEquals("ready", agent(second, "2001").path("state").asText());
                assertEquals("up", agent(second, "2001").path("leg").asText());
                assertEquals("paused", agent(second, "2002").path("state").asText(), "paused before the restart, paused after");
                assertEquals("lunch", agent(second, "2002").path("pauseReason").asText());
                assertEquals(4, sim.liveChannelCount(), "the same legs: no agent phone dialed again");
                assertEquals(readyLeg, saved("2001").get(1), "the saved leg is the adopted one");

                assertEquals(200, http.post(second, "/api/agents/2001/logout", "{}").statusCode());
                sim.awaitLiveChannelCount(2, WAIT); // the adopted leg is this node's to hang up
                await("the log-out is saved", () -> "LOGGED_OUT".equals(saved("2001").get(0)));
            } finally {
                second.shutdown();
            }
        }
    }

    @Test
    void anAgentOnACallWhenTheNodeCrashedIsLoggedOutItsLegHungUpAndTheAttemptClosed(@TempDir Path dir) throws Exception {
        Campaign campaign = new CampaignStore(db).ensure("restart-b", "Crash on a call", "BR", clock.instant());
        Fixtures.bulkDebtors(db, campaign.id(), "RSTB-", 1, TUESDAY_11H_SP.minus(Duration.ofDays(1)));
        long[] debtor = Fixtures.debtorAndPhone(db, "RSTB-1");
        try (PbxSim sim = sim()) {
            CobraConfig config = config(sim, dir, "restart-b");
            firstRun(config, "2011", "311");
            // What a crash during a call leaves: the attempt still open, the session saved ON_CALL with its call.
            new AttemptStore(db).open("crash-oncall-1", campaign.id(), debtor[0], debtor[1], "restart-b", "ast-1", clock.instant());
            update("UPDATE agent_sessions SET state = 'ON_CALL', call_id = 'crash-oncall-1' WHERE agent_id = '2011'");
            assertEquals(2, sim.liveChannelCount());

            Server second = Server.start(config, clock, List.of());
            try {
                assertEquals("unknown", Fixtures.row(db, "SELECT outcome FROM call_attempts WHERE call_id = ?", "crash-oncall-1", 1)
                        .get(0), "the start-up recovery closes the call's attempt");
                AgentSessions.Recovery r = awaitRecovery(second);
                assertEquals(List.of("2011"), r.hungUp());
                sim.awaitLiveChannelCount(0, WAIT);
                assertEquals("LOGGED_OUT", saved("2011").get(0));
                assertTrue(agent(second, "2011").isMissingNode(), "not in the new node's pool: it logs in again");
                login(second, "2011", "311", null);
                await("the agent can log in again", () -> legUp(second, "2011"));
            } finally {
                second.shutdown();
            }
        }
    }

    @Test
    void aLegAnotherNodeOwnsIsLeftAlone(@TempDir Path dir) throws Exception {
        try (PbxSim sim = sim()) {
            CobraConfig config = config(sim, dir, "restart-c");
            firstRun(config, "2021", "321");
            // Since then the agent logged in on another node sharing this Asterisk (its row names that node).
            update("UPDATE agent_sessions SET node = 'another-node' WHERE agent_id = '2021'");

            Server second = Server.start(config, clock, List.of());
            try {
                AgentSessions.Recovery r = awaitRecovery(second);
                assertEquals(new AgentSessions.Recovery("ast-1", List.of(), List.of(), List.of(), 1), r);
                assertEquals(2, sim.liveChannelCount(), "the other node's leg is still up");
                assertTrue(agent(second, "2021").isMissingNode());
                assertEquals(List.of("READY", saved("2021").get(1), "another-node", "ast-1"), saved("2021"));
            } finally {
                second.shutdown();
            }
            assertEquals(2, sim.liveChannelCount(), "nor does a shutdown touch it");
        }
    }

    private static PbxSim sim() throws InterruptedException {
        return PbxSim.builder().scenario(Scenario.builder(11).customers(CustomerMix.typical()).build()).start();
    }

    private AgentSessions.Recovery awaitRecovery(Server server) throws Exception {
        await("the agent recovery on ast-1", () -> server.agentRecoveries().size() == 1);
        return server.agentRecoveries().get(0);
    }

    /** state, leg Uniqueid, node, pbx of the agent's saved session. */
    private List<Object> saved(String agent) {
        return Fixtures.row(db, "SELECT state, leg_uniqueid, node, pbx FROM agent_sessions WHERE agent_id = ?", agent, 4);
    }

    private void update(String sql) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                return ps.executeUpdate();
            }
        });
    }

    private void login(Server server, String agent, String extension, String pause) throws Exception {
        String body = "{\"campaigns\": [\"restart\"], \"extension\": \"" + extension + "\""
                + (pause == null ? "" : ", \"pause\": \"" + pause + "\"") + "}";
        HttpResponse<String> r = http.post(server, "/api/agents/" + agent + "/login", body);
        assertEquals(200, r.statusCode(), r.body());
    }

    private boolean legUp(Server server, String agent) throws Exception {
        return "up".equals(agent(server, agent).path("leg").asText());
    }

    /** The agent as GET /api/agents shows it (a missing node when the node does not know it). */
    private JsonNode agent(Server server, String agent) throws Exception {
        HttpResponse<String> r = http.get(server, "/api/agents");
        assertEquals(200, r.statusCode(), r.body());
        for (JsonNode a : JSON.readTree(r.body()).path("agents")) {
            if (agent.equals(a.path("id").asText())) {
                return a;
            }
        }
        return JSON.missingNode();
    }


    private CobraConfig config(PbxSim sim, Path dir, String node) {
        return ServeTest.config(sim, dir, settings, node);
    }

    private static void await(String what, ServeTest.Check check) throws Exception {
        ServeTest.await(what, check);
    }

    /** A first run of the node: the agent logs in, its leg comes up, the node stops (the leg stays on the PBX). */
    private void firstRun(CobraConfig config, String agent, String extension) throws Exception {
        Server first = Server.start(config, clock, List.of());
        try {
            awaitRecovery(first); // the AMI session is up
            login(first, agent, extension, null);
            await("the leg is up", () -> legUp(first, agent));
        } finally {
            first.shutdown();
        }
    }
}

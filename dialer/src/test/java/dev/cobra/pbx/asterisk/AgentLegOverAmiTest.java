package dev.cobra.pbx.asterisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cobra.agents.AgentPool;
import dev.cobra.agents.AgentState;
import dev.cobra.calls.CallId;
import dev.cobra.calls.Destination;
import dev.cobra.campaign.AgentDesk;
import dev.cobra.campaign.AgentEndpoint;
import dev.cobra.campaign.AgentSessions;
import dev.cobra.campaign.CallBudget;
import dev.cobra.campaign.CampaignRunner;
import dev.cobra.campaign.RunnerLoop;
import dev.cobra.campaign.RunnerSettings;
import dev.cobra.compliance.ComplianceEngine;
import dev.cobra.compliance.PresetLoader;
import dev.cobra.pacing.AbandonMeter;
import dev.cobra.pacing.CallHistory;
import dev.cobra.pacing.Pacer;
import dev.cobra.pbxsim.PbxSim;
import dev.cobra.store.AttemptStore;
import dev.cobra.store.CampaignAttempts;
import dev.cobra.store.CampaignDebtors;
import dev.cobra.store.CampaignStore;
import dev.cobra.store.ClaimStore;
import dev.cobra.store.Database;
import dev.cobra.store.DebtorFactsStore;
import dev.cobra.store.Fixtures;
import dev.cobra.store.MariaDbExtension;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents on Asterisk end to end, over real sockets against pbx-sim: the agent logs in, Cobra originates its phone
 * ({@code Local/301@agents}, answered at once) into {@code cobra-agent,301}, where it waits in a Wait() loop; an
 * agent-mode campaign dials a debtor, who is joined to the agent with the AMI {@code Bridge} action at answer.
 * Checked: who hangs up and what becomes of the agent, the attempt row, and an AMI cut or a PBX restart.
 */
@ExtendWith(MariaDbExtension.class)
class AgentLegOverAmiTest {
    private static final Logger log = LoggerFactory.getLogger(AgentLegOverAmiTest.class);
    /** Tuesday 2026-11-24, 11:00 in São Paulo: inside the BR calling window. */
    private static final Instant TUESDAY_11H_SP = LocalDateTime.of(2026, 11, 24, 14, 0).toInstant(ZoneOffset.UTC);
    private static final Duration WAIT = SimFixture.WAIT;
    private static final String AGENT = "301";
    /** The agent's phone as pbx-sim sees it (trace agent phones 3XX answer at once and stay up). */
    private static final String AGENT_PHONE = AGENT + "@agents";
    /** Trace customer 108: answers and stays on the line (60 s), so the test decides when it hangs up. */
    private static final String DEBTOR_PHONE = SimFixture.national("108") + "@customers";
    private static final AtomicInteger CAMPAIGNS = new AtomicInteger();

    private final Database db;

    AgentLegOverAmiTest(Database db) {
        this.db = db;
    }

    @Test
    void debtorHangsUpAfterTheHandOffAndTheAgentStaysOnTheLineUntilItLogsOut() throws Exception {
        try (Rig rig = new Rig()) {
            rig.loginAndAwaitReady();
            rig.startCampaign();
            rig.awaitBridged();
            assertEquals(1, rig.pbx.stats().originatesSent(), "one call placed: the agent's leg was not dialed again");
            assertEquals(4, rig.sim.liveChannelCount(), "agent leg and debtor, two Local pairs: nothing rings on the agent side");
            List<Object> times = Fixtures.row(db, "SELECT answered_at, bridged_at FROM call_attempts WHERE campaign_id = ?",
                    rig.campaign, 2);
            LocalDateTime answered = ((java.sql.Timestamp) times.get(0)).toLocalDateTime();
            LocalDateTime bridged = ((java.sql.Timestamp) times.get(1)).toLocalDateTime();
            assertFalse(bridged.isBefore(answered), "bridged after the answer");
            log.info("hand-off over AMI: answer to BridgeEnter in {} ms", Duration.between(answered, bridged).toMillis());

            rig.sim.hangUpPhone(DEBTOR_PHONE);
            rig.awaitState(AgentState.WRAP_UP);
            rig.sim.awaitLiveChannelCount(2, WAIT); // the agent's leg survives, back in its Wait loop
            rig.awaitAttemptClosed();
            assertEquals("answered_human", rig.attempt().get(0));
            assertNotNull(rig.attempt().get(1), "bridged_at recorded");
            assertEquals(1, rig.core(() -> rig.sessions.sessions().size()), "the session is still open");

            rig.core(() -> rig.sessions.logout(AGENT));
            rig.sim.awaitLiveChannelCount(0, WAIT);
            CallLog.until(() -> rig.pbx.stats().agentLegs() == 0, WAIT, "the adapter to see the leg end");
            assertEquals(0, rig.pbx.stats().agentLegsDropped(), "closed by Cobra, not dropped");
            assertEquals(0, rig.pbx.stats().bridgesFailed());
            rig.awaitState(AgentState.LOGGED_OUT);
            CallLog.until(() -> rig.call(() -> rig.sessions.sessions().isEmpty()), WAIT, "the leg's end to be seen");
            assertEquals(0, rig.core(rig.runner::inFlight));
        }
    }

    @Test
    void agentHangingUpDuringACallEndsTheDebtorsCallAndLogsTheAgentOut() throws Exception {
        try (Rig rig = new Rig()) {
            rig.loginAndAwaitReady();
            rig.startCampaign();
            rig.awaitBridged();

            rig.sim.hangUpPhone(AGENT_PHONE);
            rig.awaitState(AgentState.LOGGED_OUT);
            assertEquals(1, rig.pbx.stats().agentLegsDropped());
            rig.sim.awaitLiveChannelCount(0, WAIT);
            rig.awaitAttemptClosed();
            assertEquals("answered_human", rig.attempt().get(0));
            assertEquals(0, rig.core(rig.runner::inFlight));
            assertEquals(0, rig.core(() -> rig.sessions.sessions().size()));
        }
    }

    @Test
    void anAmiCutLeavesReadyAndOnCallAgentsAsTheyWereAndARestartLogsThemOut() throws Exception {
        try (Rig rig = new Rig()) {
            rig.loginAndAwaitReady();
            rig.cutAndAwaitSession(2);
            assertEquals(AgentState.READY, rig.state(), "the leg is still up after the reconnect");
            assertEquals(2, rig.sim.liveChannelCount());

            rig.startCampaign();
            rig.awaitBridged();
            rig.cutAndAwaitSession(3);
            assertEquals(AgentState.ON_CALL, rig.state(), "the call and the leg are both still up");
            assertNull(rig.attempt().get(2), "the attempt is still open");

            rig.sim.hangUpPhone(DEBTOR_PHONE); // seen on the new session
            rig.awaitState(AgentState.WRAP_UP);
            rig.awaitAttemptClosed();
            assertEquals("answered_human", rig.attempt().get(0));
            rig.sim.awaitLiveChannelCount(2, WAIT);

            rig.sim.restart(); // Asterisk restarts: every channel is gone, without an event
            rig.awaitSessions(4);
            rig.awaitState(AgentState.LOGGED_OUT);
            assertEquals(0, rig.core(() -> rig.sessions.sessions().size()));
            assertEquals(0, rig.core(rig.runner::inFlight));
        }
    }

    @Test
    void aLegStillRingingWhenAmiDropsIsFoundAfterTheReconnectAndTheAgentIsReadyWhenItAnswers() throws Exception {
        try (Rig rig = new Rig()) {
            // Trace agent phone 202 rings 2 s, then answers (and hangs up 8 s later): the cut falls in the ringing.
            rig.core(() -> rig.sessions.login(AGENT, Set.of(rig.code), "202", null));
            CallLog.until(() -> rig.sim.liveChannelCount() == 2, WAIT, "the agent's phone to ring");
            rig.cutAndAwaitSession(2);
            assertEquals(1, rig.core(() -> rig.sessions.sessions().size()), "the session is kept: its leg still rings");
            assertEquals(AgentState.LOGGED_OUT, rig.state(), "not ready before the answer");
            rig.awaitState(AgentState.READY);
            assertEquals(0, rig.pbx.stats().agentLegsDropped(), "never reported down");
            assertEquals(1, rig.pbx.stats().agentLegs());
        }
    }

    @Test
    void anAgentWhosePhoneCannotBeReachedStaysLoggedOutAndMayLogInAgain() throws Exception {
        try (Rig rig = new Rig("PJSIP/{ext}")) { // pbx-sim has no PJSIP: the Originate fails, as with no such endpoint
            rig.core(() -> rig.sessions.login(AGENT, Set.of(rig.code), AGENT, null));
            CallLog.until(() -> rig.call(() -> rig.sessions.sessions().isEmpty()), WAIT, "the failed leg to be reported");
            assertEquals(AgentState.LOGGED_OUT, rig.state());
            assertEquals(0, rig.sim.liveChannelCount());
            rig.core(() -> rig.sessions.login(AGENT, Set.of(rig.code), AGENT, null)); // not refused as "already logged in"
        }
    }

    @Test
    void aCallerTheIvrHandsToAnAgentIsBridgedToTheAgentsLeg() throws Exception {
        try (Rig rig = new Rig()) {
            rig.loginAndAwaitReady();
            rig.startIvrCampaign();
            CallLog.until(() -> {
                List<Object> row = Fixtures.row(db, "SELECT call_id, amd_result FROM call_attempts WHERE campaign_id = ?",
                        rig.campaign, 2);
                return !row.isEmpty() && row.get(1) != null;
            }, WAIT, "the call to reach the IVR (after AMD)");
            assertEquals(AgentState.READY, rig.state(), "an IVR call is not offered to an agent by itself");
            String callId = (String) Fixtures.row(db, "SELECT call_id FROM call_attempts WHERE campaign_id = ?", rig.campaign, 1)
                    .get(0);
            // What the IVR's transfer does (AgiCaller.transfer sets NEXT_STEP=agent; the dialplan parks the call in hold).
            rig.pbx.setVariable(new CallId(callId), "NEXT_STEP", "agent");
            rig.awaitBridged();

            rig.sim.hangUpPhone(DEBTOR_PHONE);
            rig.awaitState(AgentState.WRAP_UP);
            rig.awaitAttemptClosed();
            assertEquals("answered_human", rig.attempt().get(0));
            rig.sim.awaitLiveChannelCount(2, WAIT);
        }
    }

    /** pbx-sim, the AMI adapter, the core loop, the agent pool and sessions, and (once started) one runner. */
    private final class Rig implements AutoCloseable {
        final long campaign;
        final String code = "agents" + CAMPAIGNS.incrementAndGet() + "-" + System.nanoTime() % 100_000;
        final Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), TUESDAY_11H_SP));
        final PbxSim sim;
        final AsteriskPbx pbx;
        final RunnerLoop loop;
        final AgentPool pool = new AgentPool(clock, Duration.ofSeconds(30), Set.of("lunch"));
        final AgentSessions sessions;
        CampaignRunner runner;

        Rig() throws Exception {
            this("Local/{ext}@agents");
        }

        Rig(String endpointTemplate) throws Exception {
            campaign = new CampaignStore(db).ensure(code, "agent legs", "BR", TUESDAY_11H_SP).id();
            Fixtures.bulkDebtors(db, campaign, code + "-", 1, TUESDAY_11H_SP.minus(Duration.ofDays(1)));
            db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE phones p JOIN debtors d ON d.id = p.debtor_id SET p.e164 = ? WHERE d.external_id = ?")) {
                    ps.setString(1, SimFixture.e164("108"));
                    ps.setString(2, code + "-1");
                    ps.executeUpdate();
                }
                return null;
            });
            sim = SimFixture.startSim(0);
            pbx = new AsteriskPbx(SimFixture.server(sim, "secret", 10, 10), SimFixture.settings("Local/{number}@customers"),
                    clock, new SplittableRandom(1));
            loop = new RunnerLoop(clock);
            sessions = new AgentSessions(pool, pbx, new AgentEndpoint(endpointTemplate));
            loop.serveAgents(sessions);
            pbx.setListener(loop);
            pbx.start().get(10, TimeUnit.SECONDS);
        }

        void loginAndAwaitReady() throws Exception {
            // Read in the same core task as the login: the leg's "up" is queued behind it on the core thread.
            assertEquals(AgentState.LOGGED_OUT, core(() -> {
                sessions.login(AGENT, Set.of(code), AGENT, null);
                return sessions.state(AGENT);
            }), "not offered calls before the leg is up");
            awaitState(AgentState.READY);
            assertEquals(2, sim.liveChannelCount(), "the agent's phone is up: one Local pair");
        }

        /** An agent-mode campaign: answered calls wait in hold and are joined to an agent at once. */
        void startCampaign() {
            start(new Destination.Hold(), Duration.ofSeconds(2), true);
        }

        /** An IVR campaign (fixed budget of one call) whose IVR may hand callers to agents. */
        void startIvrCampaign() {
            start(new Destination.Ivr("collect"), Duration.ofSeconds(30), false);
        }

        private void start(Destination onAnswer, Duration agentWait, boolean agentMode) {
            // Call ids are unique per runner prefix and clock millisecond; every test's clock starts at the same instant.
            RunnerSettings settings = new RunnerSettings(campaign, "ag" + campaign, "+551130000000", Duration.ofSeconds(15),
                    onAnswer, Duration.ofMinutes(15), false);
            AgentDesk desk = new AgentDesk(pool, code, agentWait, Duration.ofMillis(100), Pacer.power(1.0),
                    new CallHistory(Duration.ofSeconds(15), 100, 100), AbandonMeter.rolling24Hours(false));
            CampaignDebtors debtors = new CampaignDebtors(campaign, "node-ag", settings.lease(), new ClaimStore(db),
                    new DebtorFactsStore(db));
            CampaignAttempts attempts = new CampaignAttempts(campaign, "node-ag", pbx.name(), new AttemptStore(db));
            ComplianceEngine engine = new ComplianceEngine(PresetLoader.builtIn("BR"), new DebtorFactsStore(db).doNotCallList());
            runner = agentMode ? new CampaignRunner(settings, debtors, attempts, engine, pbx, loop, desk)
                    : new CampaignRunner(settings, debtors, attempts, engine, pbx, CallBudget.fixed(1), loop, desk);
            loop.start(runner, Duration.ofMillis(100));
        }

        void awaitBridged() throws Exception {
            awaitState(AgentState.ON_CALL);
            CallLog.until(() -> {
                List<Object> row = attempt();
                return !row.isEmpty() && row.get(1) != null;
            }, WAIT, "the attempt to be bridged");
            sim.awaitLiveChannelCount(4, WAIT);
        }

        void cutAndAwaitSession(int sessionsSoFar) {
            sim.cutAmiConnections();
            awaitSessions(sessionsSoFar);
        }

        /** The adapter reconnected and reconciled (it is available again only after reconciliation). */
        void awaitSessions(int sessionsSoFar) {
            CallLog.until(() -> pbx.stats().sessions() == sessionsSoFar && pbx.available(), WAIT,
                    "AMI session " + sessionsSoFar + " to be reconciled");
        }

        AgentState state() throws Exception {
            return core(() -> sessions.state(AGENT));
        }

        void awaitState(AgentState expected) {
            CallLog.until(() -> call(() -> sessions.state(AGENT)) == expected, WAIT, "agent " + AGENT + " to be " + expected);
        }

        void awaitAttemptClosed() {
            CallLog.until(() -> {
                List<Object> row = attempt();
                return !row.isEmpty() && row.get(2) != null;
            }, WAIT, "the attempt to be closed");
        }

        /** outcome, bridged_at, ended_at of the campaign's one attempt (empty before it exists). */
        List<Object> attempt() {
            return Fixtures.row(db, "SELECT outcome, bridged_at, ended_at FROM call_attempts WHERE campaign_id = ?", campaign, 3);
        }

        <T> T core(Callable<T> task) throws Exception {
            return loop.call(task, Duration.ofSeconds(5));
        }

        <T> T call(Callable<T> task) {
            try {
                return core(task);
            } catch (Exception e) {
                throw new IllegalStateException("core task failed", e);
            }
        }

        @Override
        public void close() {
            pbx.close(); // first: no PBX event may reach a closed core loop
            loop.close();
            sim.close();
        }
    }
}

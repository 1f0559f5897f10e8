package dev.cobra.pbx.asterisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.calls.CallEvent;
import dev.cobra.calls.CallOutcome;
import dev.cobra.calls.CallRequest;
import dev.cobra.calls.Destination;
import dev.cobra.pbx.PbxPool;
import dev.cobra.pbxsim.PbxSim;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two simulated Asterisk servers behind one pool: calls spread by free capacity, refused past it, and rerouted. */
class PbxPoolOverAmiTest {
    @Test
    void spreadsCallsOverServersRefusesPastCapacityAndAvoidsAServerThatIsDown() throws Exception {
        CallLog log = new CallLog();
        try (TwoServers two = new TwoServers(log)) {
            PbxSim simA = two.simA;
            PbxSim simB = two.simB;
            AsteriskPbx a = two.a;
            PbxPool pool = two.pool;

            List<CallRequest> calls = new ArrayList<>();
            for (int i = 0; i < 21; i++) {
                CallRequest r = SimFixture.request("108"); // answers and stays on the line for 60 s
                log.expect(r.id());
                calls.add(r);
                pool.originate(r);
            }
            for (CallRequest r : calls.subList(0, 20)) {
                log.awaitEvent(r.id(), CallEvent.Answered.class, SimFixture.WAIT);
            }
            assertEquals(CallOutcome.FAILED, log.awaitOutcome(calls.get(20).id(), SimFixture.WAIT), "the 21st has no room: NOT_PLACED");
            assertEquals(Map.of("ast-a", 10, "ast-b", 10), pool.load());
            assertEquals(1, pool.refused());
            simA.awaitLiveChannelCount(20, SimFixture.WAIT); // 10 Local pairs on each server
            simB.awaitLiveChannelCount(20, SimFixture.WAIT);

            calls.subList(0, 20).forEach(r -> pool.hangup(r.id()));
            log.awaitAllEnded(SimFixture.WAIT);
            assertEquals(Map.of("ast-a", 0, "ast-b", 0), pool.load());

            a.close(); // server A goes away: everything goes to B
            CallLog.until(() -> !a.available(), SimFixture.WAIT, "server A unavailable");
            for (int i = 0; i < 3; i++) {
                CallRequest r = SimFixture.request("108");
                log.expect(r.id());
                pool.originate(r);
                log.awaitEvent(r.id(), CallEvent.Answered.class, SimFixture.WAIT);
                pool.hangup(r.id());
                log.awaitOutcome(r.id(), SimFixture.WAIT);
            }
            assertEquals(Map.of("ast-a", 0, "ast-b", 0), pool.load());
            assertEquals(1, pool.refused(), "B had room for each");
        }
    }

    @Test
    void anAgentsLegLivesOnOneServerAndCallsForAgentsAreOriginatedThere() throws Exception {
        CallLog log = new CallLog();
        try (TwoServers two = new TwoServers(log)) {
            PbxSim simA = two.simA;
            AsteriskPbx a = two.a;
            PbxPool pool = two.pool;

            pool.openAgentLeg("301", "Local/301@agents");
            log.awaitAgentLeg("ast-a 301 up", SimFixture.WAIT);
            pool.openAgentLeg("302", "Local/302@agents");
            log.awaitAgentLeg("ast-b 302 up", SimFixture.WAIT); // legs spread: B hosted fewer
            pool.closeAgentLeg("302");
            log.awaitAgentLeg("ast-b 302 down", SimFixture.WAIT);
            assertEquals(Optional.of("ast-a"), pool.agentServer("301"));
            assertEquals(Optional.empty(), pool.agentServer("302"));

            List<CallRequest> forAgents = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                CallRequest r = SimFixture.request(SimFixture.e164("108"), new Destination.Hold(), Duration.ofSeconds(30),
                        Map.of());
                log.expect(r.id());
                forAgents.add(r);
                pool.originate(r);
                log.awaitEvent(r.id(), CallEvent.Answered.class, SimFixture.WAIT);
            }
            CallRequest ivr = SimFixture.request("108");
            log.expect(ivr.id());
            pool.originate(ivr);
            log.awaitEvent(ivr.id(), CallEvent.Answered.class, SimFixture.WAIT);
            assertEquals(Map.of("ast-a", 2, "ast-b", 1), pool.load(), "calls for agents go where the agent legs are");
            assertTrue(pool.canJoin(forAgents.get(0).id(), "301"));
            assertFalse(pool.canJoin(ivr.id(), "301"), "the IVR call is on the other server");
            assertFalse(pool.canJoin(forAgents.get(0).id(), "302"), "302 has no leg");

            pool.move(forAgents.get(0).id(), new Destination.Agent("301"));
            assertEquals("301", log.awaitEvent(forAgents.get(0).id(), CallEvent.Bridged.class, SimFixture.WAIT).agentId());
            simA.awaitLiveChannelCount(6, SimFixture.WAIT); // the agent's pair and two debtors' pairs: nothing new rang

            List.of(forAgents.get(0), forAgents.get(1), ivr).forEach(r -> pool.hangup(r.id()));
            log.awaitAllEnded(SimFixture.WAIT);
            simA.awaitLiveChannelCount(2, SimFixture.WAIT); // the debtor hung up; the agent stays on the line
            pool.closeAgentLeg("301");
            log.awaitAgentLeg("ast-a 301 down", SimFixture.WAIT);
            simA.awaitLiveChannelCount(0, SimFixture.WAIT);
            assertEquals(List.of("ast-a 301 up", "ast-b 302 up", "ast-b 302 down", "ast-a 301 down"), log.agentLegs());
        }
    }

    @Test
    void aCallItsAgentAlreadyHoldsGoesToTheServerOfThatAgentsLeg() throws Exception {
        CallLog log = new CallLog();
        try (TwoServers two = new TwoServers(log)) {
            PbxPool pool = two.pool;
            pool.openAgentLeg("301", "Local/301@agents");
            log.awaitAgentLeg("ast-a 301 up", SimFixture.WAIT);
            pool.openAgentLeg("302", "Local/302@agents");
            log.awaitAgentLeg("ast-b 302 up", SimFixture.WAIT);

            // Preview: agent 302 dialed this debtor; the pool must not put it on ast-a, where most legs would pull it.
            CallRequest preview = SimFixture.request(SimFixture.e164("108"), new Destination.Hold(), Duration.ofSeconds(30),
                    Map.of(CallRequest.AGENT_VARIABLE, "302"));
            log.expect(preview.id());
            pool.originate(preview);
            log.awaitEvent(preview.id(), CallEvent.Answered.class, SimFixture.WAIT);
            assertEquals(Map.of("ast-a", 0, "ast-b", 1), pool.load());
            assertTrue(pool.canJoin(preview.id(), "302"));

            CallRequest noLeg = SimFixture.request(SimFixture.e164("108"), new Destination.Hold(), Duration.ofSeconds(30),
                    Map.of(CallRequest.AGENT_VARIABLE, "399"));
            log.expect(noLeg.id());
            pool.originate(noLeg);
            assertEquals(CallEvent.NoAnswerReason.NOT_PLACED,
                    log.awaitEvent(noLeg.id(), CallEvent.NotAnswered.class, SimFixture.WAIT).reason(), "no leg, nowhere to join it");

            pool.hangup(preview.id());
            log.awaitAllEnded(SimFixture.WAIT);
            pool.closeAgentLeg("301");
            pool.closeAgentLeg("302");
            log.awaitAgentLeg("ast-b 302 down", SimFixture.WAIT);
        }
    }

    /** Two pbx-sims, an adapter on each (ast-a, ast-b: 10 calls, 50 originates/s) and a pool of both, started. */
    private static final class TwoServers implements AutoCloseable {
        final PbxSim simA = SimFixture.startSim(0);
        final PbxSim simB = SimFixture.startSim(0);
        final AsteriskPbx a = new AsteriskPbx(new AsteriskServer("ast-a", "127.0.0.1", simA.amiPort(), "dialer", "secret", 10, 50),
                SimFixture.settings("Local/{number}@customers"), Clock.systemUTC(), new SplittableRandom(1));
        final AsteriskPbx b = new AsteriskPbx(new AsteriskServer("ast-b", "127.0.0.1", simB.amiPort(), "dialer", "secret", 10, 50),
                SimFixture.settings("Local/{number}@customers"), Clock.systemUTC(), new SplittableRandom(2));
        final PbxPool pool = new PbxPool("pool", List.of(new PbxPool.Member(a, 10), new PbxPool.Member(b, 10)), Clock.systemUTC());

        TwoServers(CallLog log) throws Exception {
            pool.setListener(log);
            a.start().get(10, TimeUnit.SECONDS);
            b.start().get(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            a.close();
            b.close();
            simA.close();
            simB.close();
        }
    }
}

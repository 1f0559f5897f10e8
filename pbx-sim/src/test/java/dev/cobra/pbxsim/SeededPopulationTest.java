package dev.cobra.pbxsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.pbxsim.scenario.Scenario;
import dev.cobra.wire.ami.AmiMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A seeded population dialed over AMI in virtual time: the whole event stream is a function of
 * the seed, and the call invariants hold for every seed tried.
 */
class SeededPopulationTest {
    private static final int CALLS = 60;

    /** Dials CALLS random-mix numbers, lets 15 simulated minutes pass, returns every message received. */
    private static List<AmiMessage> run(long seed) throws Exception {
        try (PbxSim pbx = PbxSim.builder().scenario(Scenario.builder(seed).build()).virtualTime().start();
                AmiTestClient c = AmiTestClient.login(pbx.amiPort(), "on")) {
            for (int i = 0; i < CALLS; i++) {
                c.send(AmiMessage.of("Action", "Originate", "ActionID", "o" + i, "Channel",
                        "Local/55119" + (10_000_000 + i) + "@customers", "Context", "dialer-ivr", "Exten", "s",
                        "CallerID", "\"Collections\" <5551000>", "Timeout", "30000", "Async", "true",
                        "Variable", "ACCOUNT_ID=ACC-" + i));
                c.response("o" + i);
            }
            for (int minute = 0; minute < 15; minute++) {
                pbx.advance(Duration.ofMinutes(1));
            }
            c.send(AmiMessage.of("Action", "Ping", "ActionID", "end"));
            c.response("end");
            assertEquals(0, pbx.liveChannelCount(), "every call ended (seed " + seed + ")");
            return new ArrayList<>(c.seen());
        }
    }

    private static List<String> shape(List<AmiMessage> messages) {
        List<String> out = new ArrayList<>();
        for (AmiMessage m : messages) {
            if (!"SuccessfulAuth".equals(m.value("Event"))) {
                out.add(m.toWireString());
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42})
    void sameSeedSameStreamAndCallInvariantsHold(long seed) throws Exception {
        List<AmiMessage> first = run(seed);
        assertEquals(shape(first), shape(run(seed)), "same seed, same event stream");

        Map<String, Integer> originateResponses = new HashMap<>();
        Map<String, Integer> newchannels = new HashMap<>();
        Map<String, Integer> hangups = new HashMap<>();
        for (AmiMessage m : first) {
            String e = m.valueOr("Event", "");
            if (e.equals("OriginateResponse")) {
                originateResponses.merge(m.value("ActionID"), 1, Integer::sum);
            } else if (e.equals("Newchannel")) {
                newchannels.merge(m.value("Channel"), 1, Integer::sum);
            } else if (e.equals("Hangup")) {
                hangups.merge(m.value("Channel"), 1, Integer::sum);
                assertTrue(newchannels.containsKey(m.value("Channel")), "Hangup before Newchannel: " + m);
            }
        }
        assertEquals(CALLS, originateResponses.size(), "one OriginateResponse per Originate");
        assertTrue(originateResponses.values().stream().allMatch(n -> n == 1), originateResponses.toString());
        assertEquals(newchannels.keySet(), hangups.keySet(), "every channel hung up");
        assertTrue(hangups.values().stream().allMatch(n -> n == 1), "exactly one Hangup per channel");
    }

    @ParameterizedTest
    @ValueSource(longs = {3})
    void anotherSeedAnotherStream(long seed) throws Exception {
        assertNotEquals(shape(run(seed)), shape(run(seed + 1)));
    }
}

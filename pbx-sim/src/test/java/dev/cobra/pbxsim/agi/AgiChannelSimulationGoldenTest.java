package dev.cobra.pbxsim.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.wire.agi.AgiRequest;
import dev.cobra.wire.agi.AgiTranscript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The simulated channel, fed the server's side of each real transcript, must write exactly what
 * Asterisk 22.10.1 wrote (header block and every reply line), given a debtor script with the
 * same timing as the captured call.
 */
class AgiChannelSimulationGoldenTest {
    static AgiTranscript trace(String name) {
        try {
            return AgiTranscript.parse(Files.readString(Path.of("../wire/src/test/resources/traces/asterisk", name), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final PromptLengths TRACE_PROMPTS = new PromptLengths(
            Map.of("vm-intro", Duration.ofMillis(5600), "beep", Duration.ofMillis(500)), Duration.ofSeconds(1));

    static AgiCallSpec.Builder customer100() {
        return AgiCallSpec.builder()
                .channel("Local/100@customers-00000001;1").uniqueId("astdev-1795483193.2")
                .callerId("5551000", "Collections").dialplan("dialer-ivr", "s", 6).arg("ACC-1001")
                .variable("ACCOUNT_ID", "ACC-1001").promptLengths(TRACE_PROMPTS);
    }

    private static List<String> replay(AgiTranscript t, AgiChannelSimulation sim) {
        List<String> out = new ArrayList<>();
        AgiRequest request = sim.request("127.0.0.1", 4573);
        request.variables().forEach((k, v) -> out.add(k.equals("agi_threadid") ? "agi_threadid: (any)" : k + ": " + v));
        out.add("");
        for (String command : t.textFrom(AgiTranscript.Direction.FROM_SERVER)) {
            for (String wire : sim.onCommand(command).wire()) {
                out.addAll(List.of(wire.substring(0, wire.length() - 1).split("\n", -1)));
            }
        }
        return out;
    }

    private static List<String> expected(AgiTranscript t) {
        List<String> lines = new ArrayList<>(t.textFrom(AgiTranscript.Direction.FROM_ASTERISK));
        lines.replaceAll(l -> l.startsWith("agi_threadid: ") ? "agi_threadid: (any)" : l);
        return lines;
    }

    @Test
    void reproducesTheFullSessionTraceLineForLine() {
        AgiTranscript t = trace("fastagi-session.txt");
        DebtorScript debtor = DebtorScript.builder()
                .pressAt(Duration.ofMillis(1500), "1")
                .pressAt(Duration.ofMillis(5700), "234#")
                .pressAt(Duration.ofMillis(9400), "5")
                .build();
        AgiChannelSimulation sim = new AgiChannelSimulation(customer100().debtor(debtor).build(), new ConcurrentHashMap<>(), 1000);

        assertEquals(expected(t), replay(t, sim));
        CallRecord r = sim.record();
        assertTrue(r.serverHungUp());
        assertFalse(r.callerHungUp());
        assertEquals(2, r.deadChannelReplies());
        assertEquals(1, r.invalidCommandReplies());
        assertEquals(1, r.usageReplies());
        assertEquals(List.of("vm-intro", "beep", "42", "beep"), r.playedNames());
        assertFalse(r.played().get(0).completed(), "the key cut vm-intro");
        assertEquals(Duration.ofMillis(1500), r.played().get(0).heard());
        assertEquals("done", r.variables().get("NEXT_STEP"));
    }

    @Test
    void reproducesTheCallerHangupTraceLineForLine() {
        AgiTranscript t = trace("fastagi-caller-hangup.txt");
        AgiCallSpec spec = AgiCallSpec.builder()
                .channel("Local/107@customers-0000000a;1").uniqueId("astdev-1795483267.20")
                .callerId("5551000", "Collections").dialplan("dialer-ivr", "agi", 2).arg("ACC-1007")
                .promptLengths(TRACE_PROMPTS)
                .debtor(DebtorScript.builder().hangUpAt(Duration.ofMillis(4800)).build())
                .build();
        AgiChannelSimulation sim = new AgiChannelSimulation(spec, new ConcurrentHashMap<>(), 1000);

        assertEquals(expected(t), replay(t, sim));
        CallRecord r = sim.record();
        assertTrue(r.callerHungUp());
        assertEquals(4, r.commandsAfterHangup());
        assertEquals(3, r.deadChannelReplies());
    }

    @Test
    void getDataReportsTimeoutWithPartialDigitsAndEmptyForALonePound() {
        AgiChannelSimulation sim = new AgiChannelSimulation(customer100()
                .debtor(DebtorScript.builder().pressAt(Duration.ofMillis(1200), "12").pressAt(Duration.ofSeconds(20), "#").build())
                .build(), new ConcurrentHashMap<>(), 100);
        assertEquals(List.of("200 result=12 (timeout)\n"), sim.onCommand("GET DATA beep 3000 4").wire());
        assertEquals(List.of("200 result=\n"), sim.onCommand("GET DATA beep 30000 4").wire());
        assertEquals(List.of("200 result= (timeout)\n"), sim.onCommand("GET DATA beep 100 4").wire());
    }

    @Test
    void hangUpDuringAPromptCutsThatPromptAndKeysOutsideEscapeDigitsAreLost() {
        AgiChannelSimulation sim = new AgiChannelSimulation(customer100()
                .debtor(DebtorScript.builder().pressAt(Duration.ofMillis(100), "9").hangUpDuring("menu", Duration.ofMillis(250)).build())
                .build(), new ConcurrentHashMap<>(), 100);
        assertEquals(List.of("200 result=0 endpos=8000\n"), sim.onCommand("STREAM FILE hello 12").wire());
        assertEquals(List.of("200 result=-1 endpos=2000\n", "HANGUP\n"), sim.onCommand("STREAM FILE menu 0123456789").wire());
        assertEquals(List.of("511 Command Not Permitted on a dead channel or intercept routine\n"), sim.onCommand("ANSWER").wire());
        assertEquals(List.of("200 result=1\n"), sim.onCommand("SET VARIABLE A b").wire());
        assertEquals(List.of("510 Invalid or unknown command\n"), sim.onCommand("FOO").wire());
    }

    @Test
    void getOptionWaitsForAnEscapeKeyAfterThePromptAndSayAlphaIsInterruptible() {
        AgiChannelSimulation sim = new AgiChannelSimulation(customer100()
                .debtor(DebtorScript.builder().pressAt(Duration.ofMillis(2500), "53").build()).build(), new ConcurrentHashMap<>(), 100);
        assertEquals(List.of("200 result=51 endpos=8000\n"), sim.onCommand("GET OPTION hello 123 3000").wire(),
                "5 is not an escape key and is lost; 3 (ASCII 51) comes during the wait after the prompt");
        assertEquals(List.of("200 result=0\n"), sim.onCommand("SAY ALPHA abc \"\"").wire());
        assertEquals(List.of("200 result=1\n"), sim.onCommand("SET CALLERID 5551000").wire());
    }

    @Test
    void aHangupThatHappenedBetweenCommandsIsNoticedBeforeTheNextReply() {
        AgiChannelSimulation sim = new AgiChannelSimulation(customer100()
                .debtor(DebtorScript.builder().hangUpAt(Duration.ofSeconds(1)).build()).build(), new ConcurrentHashMap<>(), 100);
        assertEquals(List.of("200 result=0 endpos=8000\n"), sim.onCommand("STREAM FILE hello \"\"").wire());
        assertEquals(List.of("HANGUP\n", "200 result=0\n"), sim.onCommand("NOOP").wire());
    }
}

package dev.cobra.pbxsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.pbxsim.ami.AmiServerConfig;
import dev.cobra.pbxsim.scenario.Scenario;
import dev.cobra.wire.ami.AmiMessage;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The faults a dialer must survive, injected on the AMI wire. */
class FaultInjectionTest {
    private PbxSim pbx;

    @BeforeEach
    void start() throws InterruptedException {
        pbx = PbxSim.builder().scenario(Scenario.traces(8)).virtualTime().start();
    }

    @AfterEach
    void stop() {
        pbx.close();
    }

    private static void originateHold(AmiTestClient c, String id, String number) throws Exception {
        c.send(AmiMessage.of("Action", "Originate", "ActionID", id, "Channel", "Local/" + number + "@customers",
                "Context", "dialer-ivr", "Exten", "hold", "Async", "true"));
        c.response(id);
    }

    /** Puts one call on hold, injects {@code fault}, and returns what the client saw until its socket closed. */
    private List<AmiMessage> oneHeldCallThen(Runnable fault) throws Exception {
        try (AmiTestClient c = AmiTestClient.login(pbx.amiPort(), "on")) {
            originateHold(c, "o", "108");
            pbx.advance(Duration.ofSeconds(1));
            fault.run();
            assertTrue(c.awaitClosed());
            return c.seen();
        }
    }

    @Test
    void cutSocketsLeaveCallsUpForReconciliation() throws Exception {
        oneHeldCallThen(pbx::cutAmiConnections);
        assertEquals(2, pbx.liveChannelCount());
        try (AmiTestClient again = AmiTestClient.login(pbx.amiPort(), "off")) {
            again.send(AmiMessage.of("Action", "CoreShowChannels", "ActionID", "csc"));
            assertEquals("2", again.until(m -> "CoreShowChannelsComplete".equals(m.value("Event")))
                    .value("ListItems"));
        }
    }

    @Test
    void restartDropsSocketsAndCallsWithoutEvents() throws Exception {
        List<AmiMessage> seen = oneHeldCallThen(pbx::restart);
        assertTrue(seen.stream().noneMatch(m -> "Hangup".equals(m.value("Event"))));
        pbx.drain();
        assertEquals(0, pbx.liveChannelCount());
    }

    @Test
    void stalledOutputIsHeldThenDeliveredInOrder() throws Exception {
        try (AmiTestClient c = AmiTestClient.login(pbx.amiPort(), "on")) {
            pbx.stallAmi(Duration.ofSeconds(5));
            pbx.drain();
            c.send(AmiMessage.of("Action", "Ping", "ActionID", "p1"));
            c.send(AmiMessage.of("Action", "Ping", "ActionID", "p2"));
            pbx.ami().awaitActionsHandled(3, Duration.ofSeconds(10));
            pbx.drain();
            assertTrue(c.drainNow().stream().noneMatch(AmiMessage::isResponse), "responses held while stalled");
            pbx.advance(Duration.ofSeconds(5));
            assertEquals("p1", c.until(AmiMessage::isResponse).value("ActionID"));
            assertEquals("p2", c.until(AmiMessage::isResponse).value("ActionID"));
        }
    }

    @Test
    void delayedEventsLagTheirResponses() throws Exception {
        try (AmiTestClient c = AmiTestClient.login(pbx.amiPort(), "on")) {
            pbx.delayEvents(Duration.ofSeconds(3));
            originateHold(c, "o", "108");
            pbx.drain();
            assertTrue(c.drainNow().stream().noneMatch(AmiMessage::isEvent), "events held back");
            pbx.advance(Duration.ofSeconds(3));
            assertEquals("Success", c.until(m -> "OriginateResponse".equals(m.value("Event"))).value("Response"));
        }
    }

    @Test
    void malformedFramesReachTheClientRaw() throws Exception {
        try (AmiTestClient c = AmiTestClient.login(pbx.amiPort(), "off")) {
            pbx.sendRawToAmiClients("Event: Broken\r\nthis line has no colon\r\n\r\n");
            AmiMessage m = c.event("Broken");
            assertEquals(List.of("Event"), m.names());
        }
    }

    @Test
    void aClientThatStopsReadingIsDisconnected() throws Exception {
        pbx.close();
        pbx = PbxSim.builder().scenario(Scenario.traces(8)).virtualTime()
                .config(new AmiServerConfig(Map.of("dialer", "secret"), Duration.ofSeconds(1), 64 * 1024, 2_000,
                        "pbxsim"))
                .start();
        try (Socket silent = new Socket()) {
            silent.setReceiveBufferSize(4096);
            silent.connect(new java.net.InetSocketAddress("127.0.0.1", pbx.amiPort()));
            OutputStream out = silent.getOutputStream();
            out.write(AmiMessage.of("Action", "Login", "Username", "dialer", "Secret", "secret").toWireString()
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try (AmiTestClient dialer = AmiTestClient.login(pbx.amiPort(), "off")) {
                for (int i = 0; i < 400; i++) {
                    dialer.send(AmiMessage.of("Action", "Originate", "ActionID", "o" + i, "Channel",
                            "Local/55500" + (10_000 + i) + "@customers", "Context", "dialer-ivr", "Exten", "hold",
                            "Async", "true"));
                }
                dialer.response("o399");
                pbx.advance(Duration.ofSeconds(40));
                pbx.drain();
            }
        }
        assertTrue(pbx.ami().slowClientDropCount() >= 1, "slow client drops: " + pbx.ami().slowClientDropCount());
    }
}

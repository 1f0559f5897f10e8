package dev.cobra.pbxsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.pbxsim.scenario.Scenario;
import dev.cobra.wire.ami.AmiBanner;
import dev.cobra.wire.ami.AmiMessage;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Session-level AMI behaviour over a real socket, in virtual time. */
class AmiSessionTest {
    private PbxSim pbx;

    @BeforeEach
    void start() throws InterruptedException {
        pbx = PbxSim.builder().scenario(Scenario.traces(3)).virtualTime().start();
    }

    @AfterEach
    void stop() {
        pbx.close();
    }

    private void handled(long actions) {
        pbx.ami().awaitActionsHandled(actions, Duration.ofSeconds(10));
    }

    @Test
    void failedLoginIsAnsweredOnlyAfterTheDelayThenTheSocketCloses() throws Exception {
        try (AmiTestClient c = AmiTestClient.connect(pbx.amiPort())) {
            assertEquals(AmiBanner.ASTERISK_22, c.nextFrame());
            c.send(AmiMessage.of("Action", "Login", "ActionID", "l", "Username", "dialer", "Secret", "wrong"));
            handled(1);
            pbx.drain();
            assertEquals(List.of(), c.drainNow(), "nothing before the delay");
            pbx.advance(Duration.ofSeconds(1));
            AmiMessage r = c.response("l");
            assertEquals("Error", r.value("Response"));
            assertEquals("Authentication failed", r.value("Message"));
            assertTrue(c.awaitClosed());
            assertEquals(1, pbx.ami().failedLoginCount());
        }
    }

    @Test
    void actionsBeforeLoginAreDeniedAndTheSocketStaysOpen() throws Exception {
        try (AmiTestClient c = AmiTestClient.connect(pbx.amiPort())) {
            c.nextFrame();
            c.send(AmiMessage.of("Action", "Originate", "ActionID", "o", "Channel", "Local/104@customers",
                    "Context", "dialer-ivr", "Exten", "hold", "Async", "true"));
            assertEquals("Permission denied", c.response("o").value("Message"));
            c.send(AmiMessage.of("Action", "Login", "ActionID", "l", "Username", "dialer", "Secret", "secret",
                    "Events", "off"));
            assertEquals("Authentication accepted", c.response("l").value("Message"));
            assertEquals(0, pbx.liveChannelCount());
        }
    }

    @Test
    void md5ChallengeLoginWorks() throws Exception {
        try (AmiTestClient c = AmiTestClient.connect(pbx.amiPort())) {
            c.nextFrame();
            c.send(AmiMessage.of("Action", "Challenge", "ActionID", "c", "AuthType", "MD5"));
            String challenge = c.response("c").value("Challenge");
            String key = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest((challenge + "secret").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            c.send(AmiMessage.of("Action", "Login", "ActionID", "l", "AuthType", "MD5", "Username", "dialer",
                    "Key", key));
            assertEquals("Success", c.response("l").value("Response"));
        }
    }

    @Test
    void syncOriginateHoldsLaterActionsAndEventsUntilAnswered() throws Exception {
        try (AmiTestClient c = AmiTestClient.login(pbx.amiPort(), "on")) {
            c.send(AmiMessage.of("Action", "Originate", "ActionID", "sync", "Channel", "Local/110@customers",
                    "Context", "dialer-ivr", "Exten", "hold", "Async", "false"));
            c.send(AmiMessage.of("Action", "Ping", "ActionID", "after"));
            handled(3);
            pbx.drain();
            assertTrue(c.drainNow().stream().noneMatch(m -> m.has("Channel") || m.isResponse()),
                    "events and later responses are held while the sync Originate runs");
            pbx.advance(Duration.ofSeconds(4));
            AmiMessage r = c.response("sync");
            assertEquals("Originate successfully queued", r.value("Message"));
            c.response("after");
            List<String> names = c.seen().stream().map(m -> m.valueOr("Event", "R:" + m.value("ActionID")))
                    .collect(Collectors.toList());
            assertTrue(names.indexOf("R:sync") < names.indexOf("Newchannel"), names.toString());
            assertTrue(names.indexOf("Newchannel") < names.indexOf("R:after"), names.toString());
            assertFalse(names.contains("OriginateResponse"), "sync originate sends no OriginateResponse");
        }
    }

    @Test
    void eventMaskCallDropsDialplanEventsButNotResponses() throws Exception {
        try (AmiTestClient c = AmiTestClient.login(pbx.amiPort(), "off")) {
            c.send(AmiMessage.of("Action", "Events", "ActionID", "e", "EventMask", "call"));
            assertEquals("On", c.response("e").value("Events"));
            c.send(AmiMessage.of("Action", "Originate", "ActionID", "o", "Channel", "Local/104@customers",
                    "Context", "dialer-ivr", "Exten", "hold", "Async", "true"));
            c.response("o");
            pbx.advance(Duration.ofSeconds(2));
            c.until(m -> "Hangup".equals(m.value("Event")) && m.value("Channel").endsWith(";1"));
            assertTrue(c.seen().stream().noneMatch(m -> "Newexten".equals(m.value("Event"))
                    || "VarSet".equals(m.value("Event"))));
            assertTrue(c.seen().stream().anyMatch(m -> "OriginateResponse".equals(m.value("Event"))));
        }
    }

    @Test
    void legacyFiltersIncludeThenExclude() throws Exception {
        try (AmiTestClient c = AmiTestClient.login(pbx.amiPort(), "on")) {
            c.send(AmiMessage.of("Action", "Filter", "ActionID", "f1", "Operation", "Add", "Filter",
                    "Event: (OriginateResponse|Hangup)"));
            c.send(AmiMessage.of("Action", "Filter", "ActionID", "f2", "Operation", "Add", "Filter", "!Channel: .*;2"));
            c.response("f2");
            c.send(AmiMessage.of("Action", "Originate", "ActionID", "o", "Channel", "Local/104@customers",
                    "Context", "dialer-ivr", "Exten", "hold", "Async", "true"));
            c.response("o");
            pbx.advance(Duration.ofSeconds(2));
            c.until(m -> "Hangup".equals(m.value("Event")));
            c.send(AmiMessage.of("Action", "Ping", "ActionID", "p"));
            c.response("p");
            List<String> events = c.seen().stream().filter(AmiMessage::isEvent).map(m -> m.value("Event")
                    + (m.has("Channel") ? " " + m.value("Channel").substring(m.value("Channel").length() - 2) : ""))
                    .collect(Collectors.toList());
            assertEquals(List.of("OriginateResponse ;1", "HangupRequest ;1", "Hangup ;1"),
                    events.subList(events.indexOf("OriginateResponse ;1"), events.size()), events.toString());
        }
    }

    @Test
    void badFiltersAreRejectedWithAsterisksMessages() throws Exception {
        try (AmiTestClient c = AmiTestClient.login(pbx.amiPort(), "off")) {
            c.send(AmiMessage.of("Action", "Filter", "ActionID", "a", "Operation", "Add", "Filter", "Event: (x"));
            assertTrue(c.response("a").value("Message").startsWith("Filter did not compile."));
            c.send(AmiMessage.of("Action", "Filter", "ActionID", "b", "Operation", "Remove", "Filter", "x"));
            assertEquals("Unknown operation", c.response("b").value("Message"));
            c.send(AmiMessage.of("Action", "Filter", "ActionID", "d", "Operation", "Add", "MatchCriteria",
                    "colour(red)", "Filter", "x"));
            assertTrue(c.response("d").value("Message").startsWith("Filter was formatted incorrectly."));
        }
    }

    @Test
    void oversizedActionIsDroppedAndTheSessionKeepsWorking() throws Exception {
        try (AmiTestClient c = AmiTestClient.login(pbx.amiPort(), "off")) {
            c.sendRaw("Action: Command\r\nCommand: " + "x".repeat(300_000) + "\r\n\r\n");
            c.send(AmiMessage.of("Action", "Ping", "ActionID", "p"));
            assertEquals("Pong", c.response("p").value("Ping"));
            assertEquals(1, pbx.ami().framingErrorCount());
        }
    }

    @Test
    void logoffSaysGoodbyeAndCloses() throws Exception {
        try (AmiTestClient c = AmiTestClient.login(pbx.amiPort(), "on")) {
            c.send(AmiMessage.of("Action", "Logoff", "ActionID", "bye"));
            assertEquals("Goodbye", c.response("bye").value("Response"));
            assertTrue(c.awaitClosed());
        }
    }
}

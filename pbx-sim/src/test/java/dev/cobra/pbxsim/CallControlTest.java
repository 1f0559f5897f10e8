package dev.cobra.pbxsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.pbxsim.scenario.Scenario;
import dev.cobra.wire.ami.AmiMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Call-control actions and originate outcomes over a real socket, in virtual time. */
class CallControlTest {
    private PbxSim pbx;
    private AmiTestClient ami;

    @BeforeEach
    void start() throws Exception {
        pbx = PbxSim.builder().scenario(Scenario.traces(5)).virtualTime().start();
        ami = AmiTestClient.login(pbx.amiPort(), "on");
    }

    @AfterEach
    void stop() throws Exception {
        ami.close();
        pbx.close();
    }

    private AmiMessage originate(String id, String channel, String exten, String... extra) throws Exception {
        AmiMessage.Builder b = AmiMessage.builder().add("Action", "Originate").add("ActionID", id)
                .add("Channel", channel).add("Context", "dialer-ivr").add("Exten", exten).add("Priority", "1")
                .add("CallerID", "\"Collections\" <5551000>").add("Timeout", "8000").add("Async", "true")
                .add("Variable", "ACCOUNT_ID=ACC-1,CAMPAIGN_ID=7");
        for (int i = 0; i < extra.length; i += 2) {
            b.add(extra[i], extra[i + 1]);
        }
        ami.send(b.build());
        return ami.response(id);
    }

    private AmiMessage originateResponse(String id) {
        return ami.until(m -> "OriginateResponse".equals(m.value("Event")) && id.equals(m.value("ActionID")));
    }

    private String answeredChannel(String id, String number, String exten) throws Exception {
        originate(id, "Local/" + number + "@customers", exten);
        pbx.advance(Duration.ofMillis(10));
        AmiMessage r = originateResponse(id);
        assertEquals("Success", r.value("Response"));
        return r.value("Channel");
    }

    @ParameterizedTest
    @CsvSource({
        "Local/101@customers, Failure, 5, 17",
        "Local/102@customers, Failure, 3, 19",
        "Local/103@customers, Failure, 8, 34",
        "Local/109@customers, Failure, 0, 1",
        "Local/104@customers, Success, 4, 16",
        "Local/100@nosuchcontext, Failure, 0, 0",
    })
    void originateOutcomesCarryTheTracedReasonAndCause(String channel, String response, String reason, String cause)
            throws Exception {
        assertEquals("Originate successfully queued", originate("o", channel, "s").value("Message"));
        pbx.advance(Duration.ofSeconds(60));
        AmiMessage r = originateResponse("o");
        assertEquals(response, r.value("Response"));
        assertEquals(reason, r.value("Reason"));
        AmiMessage hangup2 = ami.until(m -> "Hangup".equals(m.value("Event")) && m.value("Channel").endsWith(";2")
                || "Hangup".equals(m.value("Event")) && channel.contains("nosuch"));
        assertEquals(cause, hangup2.value("Cause"));
        assertEquals(0, pbx.liveChannelCount());
    }

    @Test
    void unknownTechnologyFailsWithoutChannels() throws Exception {
        originate("sip", "SIP/1000", "s");
        AmiMessage r = originateResponse("sip");
        assertEquals("0", r.value("Reason"));
        assertEquals("<unknown>", r.value("Uniqueid"));
    }

    @Test
    void validationErrorsUseAsterisksWording() throws Exception {
        ami.send(AmiMessage.of("Action", "Originate", "ActionID", "a", "Context", "dialer-ivr", "Exten", "s"));
        assertEquals("Channel not specified", ami.response("a").value("Message"));
        ami.send(AmiMessage.of("Action", "Originate", "ActionID", "b", "Channel", "Local/1@customers", "Context",
                "nosuchcontext", "Exten", "s", "Async", "true"));
        assertEquals("Extension does not exist.", ami.response("b").value("Message"));
        ami.send(AmiMessage.of("Action", "Originate", "ActionID", "c", "Channel", "Local/1@customers", "Context",
                "dialer-ivr", "Exten", "s", "Priority", "x"));
        assertEquals("Invalid priority", ami.response("c").value("Message"));
        ami.send(AmiMessage.of("Action", "NoSuchAction", "ActionID", "d"));
        assertTrue(ami.response("d").value("Message").startsWith("Invalid/unknown command: NoSuchAction."));
    }

    @Test
    void amdVerdictsArriveAsUserEventAndVarSet() throws Exception {
        answeredChannel("h", "106", "amd");
        answeredChannel("m", "105", "s");
        pbx.advance(Duration.ofSeconds(5));
        ami.until(m -> "UserEvent".equals(m.value("Event")) && "MACHINE".equals(m.value("AmdStatus")));
        List<String> verdicts = new ArrayList<>();
        for (AmiMessage m : ami.seen()) {
            if ("UserEvent".equals(m.value("Event"))) {
                verdicts.add(m.value("AmdStatus") + "/" + m.value("AmdCause"));
            }
        }
        assertEquals(List.of("HUMAN/HUMAN-803-800", "MACHINE/LONGGREETING-1500-1500"), verdicts);
        assertTrue(ami.seen().stream().anyMatch(m -> "VarSet".equals(m.value("Event"))
                && "AMDSTATUS".equals(m.value("Variable")) && "MACHINE".equals(m.value("Value"))));
    }

    @Test
    void hangingUpARingingCallFailsItsOriginate() throws Exception {
        originate("ring", "Local/102@customers", "s");
        AmiMessage newchannel = ami.event("Newchannel");
        ami.send(AmiMessage.of("Action", "Hangup", "ActionID", "h", "Channel", newchannel.value("Channel"),
                "Cause", "16"));
        assertEquals("Channel Hungup", ami.response("h").value("Message"));
        assertEquals("1", originateResponse("ring").value("Reason"));
        assertEquals(0, pbx.liveChannelCount());
    }

    @Test
    void setvarGetvarRedirectHangupAndListsWorkOnALiveCall() throws Exception {
        String ch = answeredChannel("o", "108", "hold");
        ami.send(AmiMessage.of("Action", "Setvar", "ActionID", "s", "Channel", ch, "Variable", "DISPOSITION",
                "Value", "PTP"));
        assertEquals("Variable Set", ami.response("s").value("Message"));
        ami.send(AmiMessage.of("Action", "Getvar", "ActionID", "g", "Channel", ch, "Variable", "DISPOSITION"));
        assertEquals("PTP", ami.response("g").value("Value"));
        ami.send(AmiMessage.of("Action", "Getvar", "ActionID", "g2", "Channel", ch, "Variable", "CHANNEL(state)"));
        assertEquals("Up", ami.response("g2").value("Value"));

        ami.send(AmiMessage.of("Action", "CoreShowChannels", "ActionID", "csc"));
        assertEquals("2", ami.until(m -> "CoreShowChannelsComplete".equals(m.value("Event"))).value("ListItems"));
        ami.send(AmiMessage.of("Action", "Status", "ActionID", "st", "Channel", ch));
        AmiMessage status = ami.event("Status");
        assertEquals("Wait", status.value("Application"));
        ami.event("StatusComplete");

        ami.send(AmiMessage.of("Action", "Redirect", "ActionID", "r", "Channel", ch, "Context", "cobra-abandon",
                "Exten", "s", "Priority", "1"));
        assertEquals("Redirect successful", ami.response("r").value("Message"));
        pbx.advance(Duration.ofSeconds(1));
        ami.until(m -> "Hangup".equals(m.value("Event")) && ch.equals(m.value("Channel")));
        ami.send(AmiMessage.of("Action", "Hangup", "ActionID", "gone", "Channel", ch));
        assertEquals("No such channel", ami.response("gone").value("Message"));
        assertEquals(0, pbx.liveChannelCount());
    }

    @Test
    void regexHangupListsEveryMatchBeforeTheHangupEvents() throws Exception {
        for (int i = 1; i <= 3; i++) {
            originate("b" + i, "Local/555000" + i + "@customers", "hold");
        }
        pbx.advance(Duration.ofSeconds(3));
        ami.send(AmiMessage.of("Action", "Hangup", "ActionID", "rx", "Channel", "/^Local\\/.*customers/"));
        assertEquals("Channels hung up will follow", ami.response("rx").value("Message"));
        AmiMessage done = ami.event("ChannelsHungupListComplete");
        assertEquals("6", done.value("ListItems"));
        long hungupItems = ami.seen().stream().filter(m -> "ChannelHungup".equals(m.value("Event"))).count();
        assertEquals(6, hungupItems);
        pbx.drain();
        assertEquals(0, pbx.liveChannelCount());
    }

    @Test
    void bridgeActionJoinsAgentAndCustomerAndTheAgentSurvivesTheCustomer() throws Exception {
        ami.send(AmiMessage.of("Action", "Originate", "ActionID", "agent", "Channel", "Local/302@agents",
                "Context", "agent-session", "Exten", "wait", "CallerID", "\"Agent 302\" <302>", "Async", "true",
                "Variable", "AGENT=302"));
        ami.response("agent");
        pbx.advance(Duration.ofMillis(50));
        String agent = originateResponse("agent").value("Channel");
        String customer = answeredChannel("c", "111", "hold");
        ami.send(AmiMessage.of("Action", "Bridge", "ActionID", "br", "Channel1", agent, "Channel2", customer,
                "Tone", "no"));
        assertEquals("Channels have been bridged", ami.response("br").value("Message"));
        ami.event("BridgeCreate");
        pbx.advance(Duration.ofSeconds(12));
        ami.event("BridgeDestroy");
        AmiMessage back = ami.until(m -> "Newexten".equals(m.value("Event")) && agent.equals(m.value("Channel")));
        assertEquals("NoOp", back.value("Application"));
        assertEquals(2, pbx.liveChannelCount(), "the agent's Local pair stays up");
    }

    @Test
    void dualRedirectMovesBothLegsAndDissolvesTheirBridge() throws Exception {
        String a = answeredChannel("a", "108", "hold");
        String b = answeredChannel("b", "108", "hold");
        pbx.advance(Duration.ofSeconds(3));
        ami.send(AmiMessage.of("Action", "Bridge", "ActionID", "br", "Channel1", a, "Channel2", b));
        ami.response("br");
        ami.send(AmiMessage.of("Action", "Redirect", "ActionID", "r", "Channel", a, "ExtraChannel", b,
                "Context", "cobra-abandon", "Exten", "s", "Priority", "1"));
        assertEquals("Dual Redirect successful", ami.response("r").value("Message"));
        ami.event("BridgeDestroy");
        for (String ch : List.of(a, b)) {
            AmiMessage first = ami.seen().stream().filter(m -> "Newexten".equals(m.value("Event"))
                    && ch.equals(m.value("Channel")) && "cobra-abandon".equals(m.value("Context")))
                    .findFirst().orElseGet(() -> ami.until(m -> "Newexten".equals(m.value("Event"))
                            && ch.equals(m.value("Channel")) && "cobra-abandon".equals(m.value("Context"))));
            assertEquals("NoOp", first.value("Application"));
        }
        pbx.advance(Duration.ofSeconds(2));
        pbx.drain();
        assertEquals(0, pbx.liveChannelCount(), "both legs played the goodbye and hung up");
    }

    @Test
    void answeredCallsReachTheHandlerWithVariablesDigitsAndHangup() throws Exception {
        List<AnsweredCall> calls = new CopyOnWriteArrayList<>();
        List<Character> digits = new CopyOnWriteArrayList<>();
        List<String> ended = new CopyOnWriteArrayList<>();
        pbx.answeredCallHandler(call -> {
            calls.add(call);
            call.onDtmf(digits::add);
            call.onHangup(() -> ended.add(call.channel()));
        });
        String ch = answeredChannel("ivr", "100", "agi");
        pbx.advance(Duration.ofSeconds(12));
        assertEquals(1, calls.size());
        assertEquals(ch, calls.get(0).channel());
        assertEquals("ACC-1", calls.get(0).variables().get("ACCOUNT_ID"));
        assertEquals(List.of('1', '2', '3', '4', '#', '5'), digits);
        calls.get(0).hangup(16);
        pbx.drain();
        assertEquals(List.of(ch), ended);
        assertEquals(0, pbx.liveChannelCount());
    }
}

package dev.cobra.pbxsim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cobra.pbxsim.scenario.Scenario;
import dev.cobra.wire.ami.AmiMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The simulator on the wall clock, as the standalone jar and the dialer's load tests run it. */
class WallClockTest {
    @Test
    void callsEndOnTheirOwnAndTestsCanWaitForIt() throws Exception {
        try (PbxSim pbx = PbxSim.builder().scenario(Scenario.traces(4)).start();
                AmiTestClient c = AmiTestClient.login(pbx.amiPort(), "on")) {
            c.send(AmiMessage.of("Action", "Originate", "ActionID", "o", "Channel", "Local/104@customers",
                    "Context", "dialer-ivr", "Exten", "s", "Async", "true"));
            assertEquals("Success", c.until(m -> "OriginateResponse".equals(m.value("Event"))).value("Response"));
            pbx.awaitLiveChannelCount(0, Duration.ofSeconds(10));
            AmiMessage amd = c.until(m -> "VarSet".equals(m.value("Event")) && "AMDSTATUS".equals(m.value("Variable")));
            assertEquals("HANGUP", amd.value("Value"), "104 hangs up before AMD decides");
        }
    }
}

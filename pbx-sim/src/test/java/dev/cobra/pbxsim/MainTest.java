package dev.cobra.pbxsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.wire.ami.AmiMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void parsesTheDocumentedOptions() {
        Main.Options o = Main.parse(new String[] {"--ami-port", "0", "--scenario", "x.yaml", "--seed", "7"});
        assertEquals(0, o.amiPort());
        assertEquals("x.yaml", o.scenario());
        assertEquals(7L, o.seed());
        assertEquals("dialer", o.user());
    }

    @Test
    void rejectsBadOptionsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Main.parse(new String[] {"--ami-port", "99999"}));
        assertTrue(e.getMessage().contains("--ami-port: 99999"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--bogus", "1"}));
        assertTrue(e.getMessage().contains("--bogus"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--seed"}));
        assertTrue(e.getMessage().contains("missing value"), e.getMessage());
    }

    @Test
    void startsWithTheBundledScenarioAndAnswersPing() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Main.Options o = Main.parse(new String[] {"--ami-port", "0", "--scenario", "collections-demo", "--seed", "9"});
        try (PbxSim pbx = Main.start(o, new PrintStream(printed, true, StandardCharsets.UTF_8));
                AmiTestClient c = AmiTestClient.login(pbx.amiPort(), "off")) {
            c.send(AmiMessage.of("Action", "Ping", "ActionID", "p1"));
            assertEquals("Pong", c.response("p1").value("Ping"));
            assertTrue(printed.toString(StandardCharsets.UTF_8).contains("seed 9"), printed.toString());
        }
    }

    @Test
    void unknownScenarioNameIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Main.loadScenario("no-such-scenario"));
        assertTrue(e.getMessage().contains("no-such-scenario"), e.getMessage());
    }
}

package dev.cobra.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulateCommandTest {
    private static String run(int expectedCode, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = SimulateCommand.run(List.of(args), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(expectedCode, code);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsOneRowPerPolicy() {
        String out = run(0, "--agents", "10", "--answer-rate", "0.25", "--hours", "0.5", "--seed", "2");
        assertTrue(out.contains("10 agents, answer rate 0.25, 0.5 h, seed 2"), out);
        for (Strategy s : Strategy.standard()) {
            assertTrue(out.contains("| " + s.name()), s.name() + " missing in\n" + out);
        }
    }

    @Test
    void refusesBadOptionsWithUsage() {
        assertTrue(run(2, "--agents").contains("usage: cobra simulate"));
        assertTrue(run(2, "--answer-rate", "1.5").contains("out of range"));
        assertTrue(run(2, "--bogus", "1").contains("unknown option"));
    }
}

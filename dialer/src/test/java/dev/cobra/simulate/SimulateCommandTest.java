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
    void aSweepSaysWhichConfigurationRunsAndAboutHowLongIsLeft() {
        ByteArrayOutputStream tables = new ByteArrayOutputStream();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        assertEquals(0, SimulateCommand.run(List.of("--sweep", "--hours", "0.02", "--seeds", "1"),
                new PrintStream(tables, true, StandardCharsets.UTF_8), new PrintStream(progress, true, StandardCharsets.UTF_8)));
        List<String> lines = progress.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(12, lines.size(), "one line per configuration: 4 agent counts x 3 answer rates x 1 seed");
        assertTrue(lines.get(0).startsWith("simulating 1/12: 5 agents, answer rate 0.15, seed 1"), lines.get(0));
        assertTrue(lines.get(11).startsWith("simulating 12/12: 200 agents, answer rate 0.40, seed 1"), lines.get(11));
        assertTrue(lines.get(11).contains("s left)"), "an estimate once one configuration has run: " + lines.get(11));
        assertTrue(!tables.toString(StandardCharsets.UTF_8).contains("simulating"), "progress stays off the tables");
    }

    @Test
    void refusesBadOptionsWithUsage() {
        assertTrue(run(2, "--agents").contains("usage: cobra simulate"));
        assertTrue(run(2, "--answer-rate", "1.5").contains("out of range"));
        assertTrue(run(2, "--bogus", "1").contains("unknown option"));
    }
}

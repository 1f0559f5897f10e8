package dev.cobra.pbxsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioFileTest {
    @Test
    void readsTheBundledExample() throws IOException {
        String yaml;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("scenarios/collections-demo.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Scenario s = ScenarioFile.parse(yaml, "collections-demo.yaml");
        assertEquals(42, s.seed());
        assertTrue(s.traceNumbers());
        assertEquals(0.15, s.customers().machine());
        assertEquals(Distribution.uniform(Duration.ofSeconds(1), Duration.ofSeconds(12)), s.customers().ringTime());
        assertEquals(List.of(new DtmfPress(Duration.ofSeconds(6), "1"), new DtmfPress(Duration.ofSeconds(14), "2#")),
                s.customers().dtmf());
        assertEquals(PhoneOutcome.BUSY, s.numbers().get("5511990000001").outcome());
        assertEquals(AmdVerdict.NOTSURE, s.numbers().get("5511990000002").amdVerdict());
        assertEquals(Duration.ofHours(8), s.agents().nailedUpTime());
    }

    @Test
    void listsEveryProblemWithItsPath() {
        String yaml = """
                seed: abc
                customers:
                  answer: 1.5
                  ringTime: {uniform: [2s]}
                  talkTme: {fixed: 2s}
                numbers:
                  "123": {outcome: RINGS, ringTime: soon}
                """;
        ScenarioFile.InvalidScenarioException e = assertThrows(ScenarioFile.InvalidScenarioException.class,
                () -> ScenarioFile.parse(yaml, "bad.yaml"));
        String all = String.join("\n", e.problems());
        assertTrue(e.getMessage().startsWith("bad.yaml: "), e.getMessage());
        assertTrue(all.contains("seed: 'abc'"), all);
        assertTrue(all.contains("customers.answer: '1.5'"), all);
        assertTrue(all.contains("customers.ringTime.uniform"), all);
        assertTrue(all.contains("customers.talkTme: unknown key"), all);
        assertTrue(all.contains("numbers.123.outcome: 'RINGS'"), all);
        assertTrue(all.contains("numbers.123.ringTime: 'soon'"), all);
    }

    @Test
    void sharesMustAddUpToOne() {
        ScenarioFile.InvalidScenarioException e = assertThrows(ScenarioFile.InvalidScenarioException.class,
                () -> ScenarioFile.parse("customers: {answer: 0.9, machine: 0.9}", "x.yaml"));
        assertTrue(e.getMessage().contains("sum"), e.getMessage());
    }

    @Test
    void brokenYamlNamesTheLine() {
        ScenarioFile.InvalidScenarioException e = assertThrows(ScenarioFile.InvalidScenarioException.class,
                () -> ScenarioFile.parse("seed: 1\ncustomers: [\n", "y.yaml"));
        assertTrue(e.getMessage().contains("line"), e.getMessage());
        assertFalse(e.problems().isEmpty());
    }
}

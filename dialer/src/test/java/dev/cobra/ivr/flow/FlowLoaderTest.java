package dev.cobra.ivr.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.config.ConfigException;
import dev.cobra.ivr.speech.SpeechLanguage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flow files are refused with every problem named by file, line and node. */
class FlowLoaderTest {
    /** Prompts that "exist" for these tests: the phrases used below, in both languages. */
    private static final Set<String> PROMPTS = Set.of("pt-BR/phrase/hello", "en/phrase/hello", "pt-BR/phrase/bye", "en/phrase/bye",
            "pt-BR/phrase/ask", "en/phrase/ask");
    private static final FlowLoader LOADER = new FlowLoader(PROMPTS::contains);

    private static final String HEAD = "flow: t\nlanguages: [pt-BR, en]\nstart: hello\nnodes:\n";
    private static final String OK = HEAD
            + "  hello:\n"                       // line 5
            + "    type: play\n"
            + "    prompts: [phrase/hello]\n"
            + "    next: ask\n"
            + "  ask:\n"                         // line 9
            + "    type: menu\n"
            + "    prompts: [phrase/ask]\n"
            + "    options: {\"1\": bye}\n"      // line 12
            + "    on-fail: bye\n"
            + "  bye:\n"                         // line 14
            + "    type: hangup\n"
            + "    prompts: [phrase/bye]\n";

    private static ConfigException.Problem onlyProblem(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> LOADER.load("t.yaml", yaml));
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0);
    }

    private static void assertProblem(String yaml, int line, String field, String messagePart) {
        ConfigException.Problem p = onlyProblem(yaml);
        assertEquals("t.yaml", p.file());
        assertEquals(line, p.line(), p.toString());
        assertEquals(field, p.field(), p.toString());
        assertTrue(p.message().contains(messagePart), p.toString());
    }

    @Test
    void aValidFlowLoads() {
        Flow f = LOADER.load("t.yaml", OK);
        assertEquals(List.of("hello", "ask", "bye"), List.copyOf(f.nodes().keySet()));
        assertEquals(List.of(SpeechLanguage.PT_BR, SpeechLanguage.EN), f.languages());
    }

    @Test
    void unknownNodeTypeNamesTheNodeAndLine() {
        assertProblem(OK.replace("    type: hangup\n", "    type: hang-up\n"), 15, "nodes.bye.type", "unknown node type 'hang-up'");
    }

    @Test
    void referenceToAnUnknownNode() {
        assertProblem(OK.replace("    next: ask\n", "    next: asc\n"), 8, "nodes.hello.next", "unknown node 'asc'");
    }

    @Test
    void danglingMenuOptionPointsNowhere() {
        assertProblem(OK.replace("{\"1\": bye}", "{\"1\": bye, \"2\": pay}"), 12, "nodes.ask.options.2", "unknown node 'pay'");
        assertProblem(OK.replace("{\"1\": bye}", "{\"1\": bye, \"2\": }"), 12, "nodes.ask.options.2", "dangling option");
    }

    @Test
    void unreachableNode() {
        String yaml = OK + "  orphan:\n    type: hangup\n";
        assertProblem(yaml, 17, "nodes.orphan", "unreachable node");
    }

    @Test
    void missingPromptNamesTheLanguageWithoutAudio() {
        FlowLoader onlyPt = new FlowLoader(name -> PROMPTS.contains(name) && !name.equals("en/phrase/bye"));
        ConfigException e = assertThrows(ConfigException.class, () -> onlyPt.load("t.yaml", OK));
        assertEquals(1, e.problems().size(), e.getMessage());
        ConfigException.Problem p = e.problems().get(0);
        assertEquals(16, p.line());
        assertEquals("nodes.bye.prompts[0]", p.field());
        assertTrue(p.message().contains("missing prompt: no audio file en/phrase/bye.wav"), p.toString());
    }

    @Test
    void unknownSettingVariableAndCondition() {
        assertProblem(OK.replace("    next: ask\n", "    next: ask\n    nxet: bye\n"), 9, "nodes.hello.nxet", "unknown setting");
        assertProblem(OK.replace("[phrase/hello]", "[phrase/hello, $balance]"), 7, "nodes.hello.prompts[1]", "unknown variable '$balance'");
        assertProblem(OK.replace("    type: play\n", "    type: play\n    when: sunny\n"), 7, "nodes.hello.when", "unknown condition 'sunny'");
    }

    @Test
    void debtDetailBeforeTheRightPartyCheckIsRefused() {
        assertProblem(OK.replace("[phrase/hello]", "[phrase/hello, $total]"), 5, "nodes.hello", "discloses the debt");
        Flow confirmed = LOADER.load("t.yaml", OK.replace("[phrase/hello]", "[phrase/hello, $total]")
                .replace("    type: play\n", "    type: play\n    right-party: confirmed\n"));
        assertTrue(confirmed.node("hello").meta().confirmsRightParty());
    }

    @Test
    void everyProblemIsReportedAtOnceInLineOrder() {
        String yaml = OK.replace("    next: ask\n", "    next: asc\n").replace("    type: hangup\n", "    type: hang-up\n");
        ConfigException e = assertThrows(ConfigException.class, () -> LOADER.load("t.yaml", yaml));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("t.yaml:8: nodes.hello.next: reference to unknown node 'asc'"), e.getMessage());
        assertTrue(e.getMessage().contains("t.yaml:15: nodes.bye.type: unknown node type"), e.getMessage());
    }

    @Test
    void theShippedCollectionFlowIsValidFromTheJarAndFromTheFile() {
        Flow fromJar = FlowLoader.loadResource(getClass().getClassLoader(), "ivr-flows/collection.yaml");
        assertEquals("collection", fromJar.name());
        Flow fromFile = FlowLoader.loadFile(Path.of("../ivr-flows/collection.yaml"));
        assertEquals(fromJar.nodes().keySet(), fromFile.nodes().keySet());
    }

    @Test
    void checkFlowCommandExitsZeroForAGoodFileAndOneWithEveryProblemForABadOne(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, CheckFlowCommand.run(List.of("../ivr-flows/collection.yaml"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("ok (flow collection"));

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, OK.replace("    next: ask\n", "    next: asc\n"));
        err.reset();
        assertEquals(1, CheckFlowCommand.run(List.of(bad.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains(bad + ":8: nodes.hello.next: reference to unknown node 'asc'"), text);
        assertTrue(text.contains("missing prompt"), "no prompts/ directory next to the file: " + text);
        assertEquals(2, CheckFlowCommand.run(List.of(), System.out, new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    @Test
    void aBrokenReloadKeepsThePreviousFlowsServing() {
        String[] text = {OK};
        FlowLibrary library = new FlowLibrary(() -> List.of(LOADER.load("t.yaml", text[0])));
        assertEquals(1, library.reload());
        Flow before = library.flow("t");
        text[0] = OK.replace("    next: ask\n", "    next: asc\n");
        assertThrows(ConfigException.class, library::reload);
        assertTrue(before == library.flow("t"), "the old flow still serves after a failed reload");
        text[0] = OK.replace("flow: t", "flow: t").replace("[phrase/hello]", "[phrase/hello, phrase/ask]");
        library.reload();
        assertEquals(2, ((Node.Play) library.flow("t").node("hello")).prompts().size());
    }
}

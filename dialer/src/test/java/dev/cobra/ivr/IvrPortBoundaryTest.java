package dev.cobra.ivr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The IVR core stays free of I/O types, so the same flows run over FastAGI and ESL. */
class IvrPortBoundaryTest {
    private static final List<String> FORBIDDEN = List.of("import io.netty", "import org.asteriskjava", "import java.sql",
            "import io.micrometer", "import dev.cobra.wire", "import dev.cobra.pbx");

    @Test
    void ivrPackageImportsNoIoTypes() throws IOException {
        Path dir = Path.of("src/main/java/dev/cobra/ivr");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                for (String line : Files.readAllLines(f)) {
                    if (FORBIDDEN.stream().anyMatch(line::startsWith)) {
                        violations.add(f.getFileName() + ": " + line);
                    }
                }
            }
        }
        assertTrue(violations.isEmpty(), violations.toString());
    }

    @Test
    void promptNamesCannotSmuggleSeparatorsOrPaths() {
        for (String bad : List.of("", "a b", "a&b", "../etc/passwd", "/abs", "a\"b", "a/../b", "a\nb")) {
            assertThrows(IllegalArgumentException.class, () -> Prompt.of(bad), bad);
        }
        assertEquals("pt-BR/money/reais", Prompt.of("pt-BR/money/reais").name());
    }

    @Test
    void digitInputNeverPrintsItsDigits() {
        String s = new DigitInput("123", DigitInput.Ending.TERMINATOR).toString();
        assertFalse(s.contains("123"), s);
        assertTrue(new CallContext("astdev-1.2", Optional.empty(), "collect", List.of("ACC-1"), "en",
                java.util.Map.of("agi_callerid", "5551000")).toString().indexOf("5551000") < 0);
    }

    @Test
    void digitRequestsAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> new DigitRequest(List.of(), 0, Duration.ofSeconds(1), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new DigitRequest(List.of(), 4, Duration.ofMillis(10), Optional.empty()));
        assertEquals(Dtmf.POUND, Dtmf.of('#'));
        assertEquals(16, Dtmf.any().size());
    }
}

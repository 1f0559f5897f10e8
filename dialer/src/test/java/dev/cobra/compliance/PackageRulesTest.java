package dev.cobra.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package's promises in package-info.java, checked on the sources: no I/O or adapter
 * imports, no clock or default-zone reads, Jackson only in the preset loader.
 */
class PackageRulesTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/cobra/compliance");
    private static final List<String> FORBIDDEN = List.of("import java.sql", "import io.netty", "import org.asteriskjava",
            "import io.micrometer", "import org.slf4j", "import ch.qos", "import java.net", "import java.nio.file",
            "Instant.now(", "Clock.system", "ZoneId.systemDefault", "TimeZone.getDefault", "LocalDate.now(",
            "LocalDateTime.now(", "ZonedDateTime.now(", "System.currentTimeMillis", "Thread.sleep");

    @Test
    void corePackageStaysPure() throws IOException {
        var problems = new ArrayList<String>();
        int files = 0;
        try (Stream<Path> paths = Files.walk(SOURCES)) {
            for (Path p : paths.filter(f -> f.toString().endsWith(".java")).toList()) {
                files++;
                List<String> lines = Files.readAllLines(p);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).trim();
                    if (line.startsWith("*") || line.startsWith("//")) {
                        continue;
                    }
                    for (String bad : FORBIDDEN) {
                        if (line.contains(bad)) problems.add(p.getFileName() + ":" + (i + 1) + ": " + bad);
                    }
                    if (line.startsWith("import dev.cobra.") && !line.startsWith("import dev.cobra.compliance.")
                            && !line.startsWith("import dev.cobra.calls.")) {
                        problems.add(p.getFileName() + ":" + (i + 1) + ": " + line);
                    }
                    if (line.startsWith("import com.fasterxml") && !p.getFileName().toString().equals("PresetLoader.java")) {
                        problems.add(p.getFileName() + ":" + (i + 1) + ": Jackson outside PresetLoader");
                    }
                }
            }
        }
        assertTrue(files > 10, "sources found under " + SOURCES.toAbsolutePath());
        assertEquals(List.of(), problems);
    }
}

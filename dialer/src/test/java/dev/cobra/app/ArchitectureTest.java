package dev.cobra.app;

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
 * The pure core never touches I/O libraries: adapters translate at the edge (STYLE.md, rule 1).
 * Checked on the sources, so a forbidden import fails the build instead of rotting in a style guide.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/dev/cobra");
    private static final List<String> CORE = List.of("accounts", "compliance", "pacing", "calls", "campaign", "agents", "ivr", "simulate", "pix");
    private static final List<String> FORBIDDEN = List.of("io.netty", "org.asteriskjava", "java.sql", "javax.sql",
            "io.micrometer", "com.zaxxer", "org.mariadb", "org.flywaydb", "dev.cobra.store", "dev.cobra.http", "dev.cobra.pbx.");

    @Test
    void corePackagesImportNoIoLibraries() throws IOException {
        List<String> violations = new ArrayList<>();
        int files = 0;
        for (String pkg : CORE) {
            Path dir = MAIN.resolve(pkg);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) walk.filter(p -> p.toString().endsWith(".java"))::iterator) {
                    files++;
                    for (String line : Files.readAllLines(f)) {
                        String t = line.trim();
                        if (t.startsWith("import ")) {
                            for (String bad : FORBIDDEN) {
                                if (t.startsWith("import " + bad) || t.startsWith("import static " + bad)) {
                                    violations.add(MAIN.relativize(f) + ": " + t);
                                }
                            }
                        }
                    }
                }
            }
        }
        assertTrue(files > 0, "found no core sources under " + MAIN.toAbsolutePath());
        assertEquals(List.of(), violations);
    }

    @Test
    void everyPackageSaysWhatItOwns() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(MAIN)) {
            walk.filter(Files::isDirectory).forEach(dir -> {
                try (Stream<Path> list = Files.list(dir)) {
                    boolean hasJava = list.anyMatch(p -> p.toString().endsWith(".java"));
                    if (hasJava && !Files.exists(dir.resolve("package-info.java"))) {
                        missing.add(MAIN.relativize(dir).toString());
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        assertEquals(List.of(), missing, "packages without package-info.java");
    }
}

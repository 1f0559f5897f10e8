package dev.cobra.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes sure Debian's chromium and chromedriver are installed before a browser test, by running the project's own
 * {@code src/test/browser/ensure-chromium.sh} (idempotent: returns at once when both are there; installs them with
 * apt-get as root otherwise). When it cannot, the test fails with the script's message; a developer without root or
 * network opts out explicitly with {@code COBRA_SKIP_BROWSER_TEST=1}, which skips (never silently passes) the test.
 */
final class Chromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final String OPT_OUT = "COBRA_SKIP_BROWSER_TEST";
    private static final Path SCRIPT = Path.of("src/test/browser/ensure-chromium.sh");
    private static final long INSTALL_LIMIT_MINUTES = 10;

    private Chromium() {}

    static void ensure() throws IOException, InterruptedException {
        Assumptions.assumeFalse("1".equals(System.getenv(OPT_OUT)), OPT_OUT + "=1: the browser test is skipped on request");
        if (Files.isExecutable(BINARY) && Files.isExecutable(DRIVER)) {
            return;
        }
        if (!Files.isRegularFile(SCRIPT)) {
            throw new AssertionError(SCRIPT.toAbsolutePath() + " is missing (run the test from the dialer module)");
        }
        Path log = Files.createTempFile("ensure-chromium", ".log");
        Process p = new ProcessBuilder("sh", SCRIPT.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(INSTALL_LIMIT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("installing chromium took over " + INSTALL_LIMIT_MINUTES + " minutes; see " + log);
        }
        if (p.exitValue() != 0) {
            String out = Files.readString(log, StandardCharsets.UTF_8);
            throw new AssertionError("chromium and chromedriver are needed by the console browser test and could not be installed"
                    + " (exit " + p.exitValue() + "); set " + OPT_OUT + "=1 to skip it. Last output:\n"
                    + out.substring(Math.max(0, out.length() - 2000)));
        }
    }
}

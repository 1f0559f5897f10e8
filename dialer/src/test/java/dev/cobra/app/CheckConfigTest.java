package dev.cobra.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cobra check-config}: every problem with its line and field (exit 1), or what would run (exit 0), never a secret. */
class CheckConfigTest {
    private static final Map<String, String> ENV = Map.of("HOSTNAME", "host-1", "COBRA_AMI_SECRET", "ami-secret-value",
            "COBRA_ADMIN_TOKEN", "admin-token-0123456789", "COBRA_SUPERVISOR_TOKEN", "supervisor-token-0123456789",
            "COBRA_AGENT_1001_TOKEN", "agent-token-0123456789");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... words) {
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env::get, Clock.systemUTC()).run(List.of(words));
    }

    @Test
    void theExampleConfigurationPassesAndSaysWhatWouldRun() {
        assertEquals(0, run(ENV, "check-config", "../config/cobra.example.yaml"), err.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("../config/cobra.example.yaml: OK"), text);
        assertTrue(text.contains("pbx       ast-1 (127.0.0.1:5038), up to 30 calls, 10/s, dialing PJSIP/{number}@carrier"), text);
        assertTrue(text.contains("http      127.0.0.1:8080, tokens {admin=1, supervisor=1, agent=1}"), text);
        assertTrue(text.contains("ivr       flows [collection] (shipped), up to 6 installments, Pix"), text);
        for (String secret : List.of("ami-secret-value", "admin-token-0123456789", "agent-token-0123456789")) {
            assertFalse(text.contains(secret), "secrets are never printed");
        }
    }

    @Test
    void aBrokenFileListsEveryProblemAndExitsOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cobra.yaml");
        Files.writeString(file, "node: n1\nhttp:\n  prot: 8080\n  tokens:\n    - {token: '${COBRA_ADMIN_TOKEN}', role: boss}\n"
                + "dialing:\n  tickMillis: 5\n");
        assertEquals(1, run(ENV, "check-config", file.toString()));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("3 problems"), text);
        assertTrue(text.contains(file + ":3: http.prot: unknown setting"), text);
        assertTrue(text.contains(file + ":5: http.tokens[0].role: 'boss' (expected one of: admin, supervisor, agent)"), text);
        assertTrue(text.contains(file + ":7: dialing.tickMillis: 5 (expected: 50..1000)"), text);
        assertFalse(text.contains("admin-token-0123456789"), "secrets are never printed");
    }

    @Test
    void serveNeedsAConfigFile() {
        assertEquals(2, run(ENV, "serve"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--config is required"));
    }

    @Test
    void logLevelsFromTheConfigurationReachLogback() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.cobra.test.levels");
        ch.qos.logback.classic.Level before = logger.getLevel();
        try {
            Server.applyLogLevels(dev.cobra.config.CobraConfig.load("c.yaml", "logging:\n  packages:\n    dev.cobra.test.levels: debug\n",
                    ENV::get).logging());
            assertEquals(ch.qos.logback.classic.Level.DEBUG, logger.getLevel());
        } finally {
            logger.setLevel(before);
        }
    }
}

package dev.cobra.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.store.DbSettings;
import dev.cobra.store.MariaDbExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The command line against a real MariaDB (the test server, passed as COBRA_DB_* variables). */
@ExtendWith(MariaDbExtension.class)
class MainTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

    private final Map<String, String> env;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    MainTest(DbSettings db) {
        this.env = Map.of("COBRA_DB_URL", db.jdbcUrl(), "COBRA_DB_USER", db.user(), "COBRA_DB_PASSWORD", db.password(),
                "HOSTNAME", "test-node");
    }

    private int run(String... words) {
        out.reset();
        err.reset();
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env::get, CLOCK).run(List.of(words));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void defaultJobImportsTheDemoAccountsAndShowsWhatIsDueWithPersonalDataMasked() {
        assertEquals(0, run(), err());
        assertTrue(out().contains("import    accounts-demo.csv into campaign 'demo': 415 rows: 300 debtors"), out());
        assertTrue(out().contains("due now   300 debtors in campaign 'demo'"), out());
        assertTrue(out().contains("D00001     Car** Cam*** Mou**"), out());
        assertFalse(out().contains("Carla Campos"), "names are masked");
        assertEquals(0, run(), "running it again is idempotent");
        assertTrue(out().contains("300 debtors (0 new), 415 accounts (0 new, 0 changed)"), out());
    }

    @Test
    void importRejectsABadFileNamingRowsAndWritesNothingThenAcceptsTheFixedFile(@TempDir Path dir) throws Exception {
        String header = "debtor_id;name;document;account_id;principal;due_date;phone1\n";
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, header + "M1;Ana;529.982.247-25;MC1;10,00;31/12/2026;(11) 98765-4321\n"
                + "M2;Bia;529.982.247-25;MC2;dez reais;31/12/2026;(11) 98765-4321\n");
        assertEquals(1, run("import", "--campaign", "cli", bad.toString()));
        assertTrue(err().contains("bad.csv: rejected, nothing imported; 1 problem"), err());
        assertTrue(err().contains("line 3, column principal, value \"dez reais\": not an amount in pt-BR format"), err());
        assertEquals(1, run("due", "--campaign", "cli"), "the campaign was not even created");

        Path good = dir.resolve("good.csv");
        Files.writeString(good, header + "M1;Ana;529.982.247-25;MC1;10,00;31/12/2026;(11) 98765-4321\n");
        assertEquals(0, run("import", "--campaign", "cli", good.toString()), err());
        assertTrue(out().contains("created campaign 'cli' (preset BR)"), out());
        assertEquals(0, run("due", "--campaign", "cli"), err());
        assertTrue(out().contains("due now   1 debtors in campaign 'cli', R$ 10,00 open"), out());
    }

    @Test
    void whyExplainsADebtorInPlainWords(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("why.csv");
        Files.writeString(file, "debtor_id;name;document;state;account_id;principal;due_date;phone1\n"
                + "W1;Ana;529.982.247-25;AM;WC1;10,00;01/10/2026;(92) 99876-5432\n");
        assertEquals(0, run("import", "--campaign", "whycamp", file.toString()), err());
        assertEquals(0, run("why", "W1"), err());
        // 12:00 UTC on Tuesday 2026-11-24 is 08:00 in Manaus: inside the BR window (Mon-Fri 08-20).
        assertTrue(out().contains("debtor W1: state AM, 1 open debt(s), 1 phone(s), 0 past attempt(s)"), out());
        assertTrue(out().contains("campaign 'whycamp' (preset BR), active"), out());
        assertTrue(out().contains("now: may be called now"), out());
        assertEquals(1, run("why", "nobody"));
        assertTrue(err().contains("no debtor 'nobody'"), err());
    }

    @Test
    void simulatePrintsThePolicyComparison() {
        assertEquals(0, run("simulate", "--agents", "5", "--answer-rate", "0.25", "--hours", "0.5", "--seed", "3"), err());
        assertTrue(out().contains("cobra predictive"), out());
        assertTrue(out().contains("oracle"), out());
    }

    @Test
    void checkFlowAcceptsTheShippedFlowAndNamesProblemsInABrokenOne(@TempDir Path dir) throws Exception {
        assertEquals(0, run("check-flow", "../ivr-flows/collection.yaml"), err());
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(Path.of("../ivr-flows/collection.yaml")).replaceFirst("type: menu", "type: menuu"));
        assertEquals(1, run("check-flow", broken.toString()));
        assertTrue(err().contains("broken.yaml:"), err());
        assertTrue(err().contains("menuu"), err());
    }

    @Test
    void demoRefusesOptionsOutOfRangeBeforeStartingAnything() {
        assertEquals(2, run("demo", "--agents", "0"));
        assertTrue(err().contains("--agents"), err());
        assertEquals(2, run("demo", "--minutes", "0"));
        assertTrue(err().contains("--minutes 0 (expected: more than 0, at most 480)"), err());
    }

    @Test
    void usageMistakesExitWith2AndSayWhat() {
        assertEquals(2, run("import", "x.csv"));
        assertTrue(err().startsWith("cobra import: --campaign is required"), err());
        assertEquals(2, run("frobnicate"));
        assertTrue(err().contains("unknown verb 'frobnicate'"), err());
        assertEquals(2, run("due", "--campaign", "x", "--limit", "0"));
        assertEquals(0, run("help"));
        assertTrue(out().contains("usage: cobra"));
    }

    @Test
    void checkConfigListsProblemsOrSaysOk(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("cobra.yaml");
        Files.writeString(bad, "nod: x\n");
        assertEquals(1, run("check-config", bad.toString()));
        assertTrue(err().contains("cobra.yaml:1: nod: unknown setting"), err());
        Files.writeString(bad, "node: x\n");
        assertEquals(0, run("check-config", bad.toString()), err());
        assertTrue(out().contains(": OK\n  node      x\n") || out().contains(": OK" + System.lineSeparator() + "  node      x"), out());
    }
}

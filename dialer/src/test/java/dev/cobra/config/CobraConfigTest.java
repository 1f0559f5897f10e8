package dev.cobra.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CobraConfigTest {
    private static final Function<String, String> NO_ENV = k -> Map.of("HOSTNAME", "host-1").get(k);

    @Test
    void defaultsToTheEmbeddedDatabaseInData() {
        CobraConfig c = CobraConfig.defaults(NO_ENV);
        assertNull(c.database());
        assertEquals(Path.of("data"), c.dataDir());
        assertEquals("host-1", c.node());
    }

    @Test
    void readsAnExternalDatabaseWithEnvironmentSubstitution() {
        String yaml = "node: dialer-7\ndatabase:\n  url: jdbc:mariadb://db:3306/cobra\n  user: app\n  password: ${DB_PW}\n  poolSize: 20\n";
        CobraConfig c = CobraConfig.load("cobra.yaml", yaml, k -> Map.of("DB_PW", "s3cret").get(k));
        assertEquals("dialer-7", c.node());
        assertEquals("jdbc:mariadb://db:3306/cobra", c.database().jdbcUrl());
        assertEquals("app", c.database().user());
        assertEquals("s3cret", c.database().password());
        assertEquals(20, c.database().poolSize());
    }

    @Test
    void environmentVariablesOverrideTheFile() {
        CobraConfig c = CobraConfig.load("cobra.yaml", "database:\n  url: jdbc:mariadb://file:3306/x\n",
                k -> Map.of("COBRA_DB_URL", "jdbc:mariadb://env:3306/y", "COBRA_DB_PASSWORD", "p", "COBRA_DATA_DIR", "/var/lib/cobra").get(k));
        assertEquals("jdbc:mariadb://env:3306/y", c.database().jdbcUrl());
        assertEquals(Path.of("/var/lib/cobra"), c.dataDir());
    }

    @Test
    void listsEveryProblemWithFileLineAndField() {
        String yaml = String.join("\n",
                "node: 'bad node!'",
                "databse:",
                "  url: x",
                "database:",
                "  url: postgres://nope",
                "  poolSize: many",
                "  pasword: x",
                "");
        ConfigException e = assertThrows(ConfigException.class, () -> CobraConfig.load("cobra.yaml", yaml, NO_ENV));
        assertEquals(List.of(
                "cobra.yaml:2: databse: unknown setting (known here: dataDir, database, node)",
                "cobra.yaml:1: node: 'bad node!' (expected: 1-64 letters, digits, '_', '.', '-')",
                "cobra.yaml:7: database.pasword: unknown setting (known here: password, poolSize, url, user)",
                "cobra.yaml:6: database.poolSize: 'many' is not a whole number",
                "cobra.yaml:5: database.url: jdbcUrl: postgres://nope (expected: jdbc:mariadb://host:port/db)"),
                e.problems().stream().map(ConfigException.Problem::toString).toList());
    }

    @Test
    void syntaxErrorsAndMissingVariablesNameTheLine() {
        ConfigException syntax = assertThrows(ConfigException.class,
                () -> CobraConfig.load("c.yaml", "node: a\ndatabase:\n  url: [unclosed\n", NO_ENV));
        assertEquals(1, syntax.problems().size());
        assertEquals("c.yaml", syntax.problems().get(0).file());
        ConfigException dup = assertThrows(ConfigException.class, () -> CobraConfig.load("c.yaml", "node: a\nnode: b\n", NO_ENV));
        assertEquals(2, dup.problems().get(0).line());
        ConfigException env = assertThrows(ConfigException.class,
                () -> CobraConfig.load("c.yaml", "database:\n  url: jdbc:mariadb://h/db\n  password: ${NOPE}\n", NO_ENV));
        assertEquals("c.yaml:3: database.password: environment variable NOPE is not set", env.problems().get(0).toString());
    }
}

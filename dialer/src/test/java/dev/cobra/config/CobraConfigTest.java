package dev.cobra.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
                "cobra.yaml:2: databse: unknown setting (known here: agents, dataDir, database, dialing, fastagi, http, ivr, logging, node, pbx)",
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

    private static final Function<String, String> EXAMPLE_ENV = k -> Map.of("HOSTNAME", "host-1", "COBRA_AMI_SECRET", "ami-secret",
            "COBRA_ADMIN_TOKEN", "admin-token-0123456789", "COBRA_SUPERVISOR_TOKEN", "supervisor-token-0123456789",
            "COBRA_AGENT_1001_TOKEN", "agent-token-0123456789").get(k);

    /** The image's configuration loads with exactly the variables the compose example sets: the two cannot drift apart. */
    @Test
    void theContainerConfigurationLoadsWithTheComposeExamplesEnvironment() throws Exception {
        com.fasterxml.jackson.databind.JsonNode compose = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(Path.of("../config/docker-compose.example.yml").toFile());
        Map<String, String> env = new java.util.HashMap<>();
        compose.path("services").path("cobra").path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        CobraConfig c = CobraConfig.load(Path.of("../config/docker/cobra.yaml"), env::get);
        assertEquals("dialer-1", c.node());
        assertEquals("0.0.0.0", c.http().bindHost(), "published ports need the container's every interface");
        assertEquals("0.0.0.0", c.fastAgi().bindHost());
        assertEquals("asterisk.example.internal", c.asterisk().get(0).server().host());
        assertEquals(2, c.http().tokens().size());
    }

    @Test
    void theExampleFileIsValidAndSaysWhatItConfigures() {
        CobraConfig c = CobraConfig.load(Path.of("../config/cobra.example.yaml"), EXAMPLE_ENV);
        assertEquals("dialer-1", c.node());
        assertEquals(1, c.asterisk().size());
        assertEquals("ast-1 (127.0.0.1:5038)", c.asterisk().get(0).server().describe());
        assertEquals("PJSIP/11987654321@carrier", c.asterisk().get(0).settings().dialString().dial("+5511987654321"));
        assertEquals("dialer-ivr", c.asterisk().get(0).settings().contexts().landing());
        assertEquals(4573, c.fastAgi().port());
        assertEquals(java.util.Optional.of("COBRA_CALL_ID"), c.fastAgi().callIdVariable());
        assertEquals(3, c.http().tokens().size());
        assertEquals("1001", c.http().tokens().get(2).agentId());
        assertEquals(java.time.Duration.ofSeconds(20), c.agents().wrapUp());
        assertTrue(c.ivr().pix().isPresent());
        assertEquals(new java.math.BigDecimal("0.0199"), c.ivr().policy().monthlyInterestRate());
        assertEquals(java.time.Duration.ofSeconds(30), c.dialing().shutdownGrace());
        assertEquals("INFO", c.logging().root());
        assertEquals("INFO", c.logging().levels().get("dev.cobra.pbx"));
        assertFalse(c.toString().contains("ami-secret") || c.toString().contains("admin-token-0123456789"),
                "no secret in toString: " + c);
    }

    @Test
    void listsProblemsOfEverySectionAtOnceWithLinesAndFields() {
        String yaml = String.join("\n",
                "pbx:",                                          // 1
                "  asterisk:",                                   // 2
                "    - name: ast-1",                             // 3
                "      host: 127.0.0.1",                         // 4
                "      port: 70000",                             // 5
                "      username: cobra",                         // 6
                "      secret: hunter2",                         // 7
                "      callerId: '1140042000'",                  // 8
                "      dialString:",                             // 9
                "        template: PJSIP/carrier",               // 10
                "      contexts:",                               // 11
                "        landing: 'bad context'",                // 12
                "      maxCalls: 3",                             // 13
                "fastagi:",                                      // 14
                "  port: -1",                                    // 15
                "http:",                                         // 16
                "  tokens:",                                     // 17
                "    - token: short-secret",                     // 18
                "      role: agent",                             // 19
                "    - token: long-enough-token-0123",           // 20
                "      role: root",                              // 21
                "agents:",                                       // 22
                "  wrapUpSeconds: 9999",                         // 23
                "  pauseReasons: [lunch, 'Coffee Break']",       // 24
                "ivr:",                                          // 25
                "  zone: Mars/Olympus",                          // 26
                "  installments:",                               // 27
                "    maxInstallments: 0",                        // 28
                "dialing:",                                      // 29
                "  shutdownGraceSeconds: soon",                  // 30
                "logging:",                                      // 31
                "  packages:",                                   // 32
                "    dev.cobra.pbx: loud",                       // 33
                "");
        ConfigException e = assertThrows(ConfigException.class, () -> CobraConfig.load("cobra.yaml", yaml, NO_ENV));
        List<String> got = e.problems().stream().map(ConfigException.Problem::toString).toList();
        List<String> expected = List.of(
                "cobra.yaml:13: pbx.asterisk[0].maxCalls: unknown setting (known here: callerId, contexts, dialString, host, "
                        + "maxConcurrentCalls, maxOriginatesPerSecond, name, port, secret, username)",
                "cobra.yaml:5: pbx.asterisk[0].port: 70000 (expected: 1..65535)",
                "cobra.yaml:10: pbx.asterisk[0].dialString.template: 'PJSIP/carrier' (expected: TECH/...{number}..., e.g. PJSIP/{number}@carrier)",
                "cobra.yaml:12: pbx.asterisk[0].contexts.landing: 'bad context' (expected: 1-79 letters, digits, '_', '-')",
                "cobra.yaml:15: fastagi.port: -1 (expected: 0..65535)",
                "cobra.yaml:18: http.tokens[0].agent: required for an agent token (the agent id it acts as)",
                "cobra.yaml:18: http.tokens[0].token: 12 characters (expected: at least 16)",
                "cobra.yaml:21: http.tokens[1].role: 'root' (expected one of: admin, supervisor, agent)",
                "cobra.yaml:23: agents.wrapUpSeconds: 9999 (expected: 0..3600)",
                "cobra.yaml:24: agents.pauseReasons[1]: 'Coffee Break' (expected: 1-32 of a-z, 0-9, '_', '-')",
                "cobra.yaml:26: ivr.zone: 'Mars/Olympus' (expected: a time zone such as America/Sao_Paulo)",
                "cobra.yaml:28: ivr.installments.maxInstallments: 0 (expected: 1..120)",
                "cobra.yaml:30: dialing.shutdownGraceSeconds: 'soon' is not a whole number",
                "cobra.yaml:33: logging.packages.dev.cobra.pbx: 'loud' (expected one of: trace, debug, info, warn, error, off)");
        assertEquals(expected, got);
        assertFalse(e.getMessage().contains("hunter2") || e.getMessage().contains("short-secret"), "secrets are never printed");
    }

    @Test
    void asteriskNamesAndTokensMustBeUnique() {
        String server = "    - name: a\n      host: h\n      username: u\n      secret: s\n      callerId: '1'\n"
                + "      dialString: {template: 'Local/{number}@x'}\n";
        String yaml = "pbx:\n  asterisk:\n" + server + server
                + "http:\n  tokens:\n    - {token: same-token-0123456789, role: admin}\n    - {token: same-token-0123456789, role: supervisor}\n";
        ConfigException e = assertThrows(ConfigException.class, () -> CobraConfig.load("c.yaml", yaml, NO_ENV));
        assertEquals(List.of(
                "c.yaml:9: pbx.asterisk[1].name: 'a' is also the name of pbx.asterisk[0] (expected: unique names)",
                "c.yaml:18: http.tokens[1].token: the same token as http.tokens[0] (expected: one token per holder)"),
                e.problems().stream().map(ConfigException.Problem::toString).toList());
    }
}

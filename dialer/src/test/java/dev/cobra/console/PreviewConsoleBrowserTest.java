package dev.cobra.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.app.Server;
import dev.cobra.config.CobraConfig;
import dev.cobra.pbxsim.PbxSim;
import dev.cobra.pbxsim.scenario.PhoneBehaviour;
import dev.cobra.pbxsim.scenario.Scenario;
import dev.cobra.store.Campaign;
import dev.cobra.store.CampaignStore;
import dev.cobra.store.Database;
import dev.cobra.store.DbSettings;
import dev.cobra.store.Fixtures;
import dev.cobra.store.MariaDbExtension;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Preview mode in the agent console, in a real browser, against a whole {@code cobra serve} node on pbx-sim: the agent
 * signs in to a preview campaign, sees the reserved debtor with Dial / Skip, skips it, sees the next one, dials it; the
 * debtor answers and is bridged to the agent, the call ends, the agent disposes and is ready again with nothing left to
 * preview (the skipped debtor waits out the skip delay). Screenshots in {@code target/console-test/preview-*.png}.
 */
@ExtendWith(MariaDbExtension.class)
class PreviewConsoleBrowserTest {
    private static final Instant TUESDAY_11H_SP = LocalDateTime.of(2026, 11, 24, 14, 0).toInstant(ZoneOffset.UTC);
    private static final String TOKEN = "agent7-preview-token-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Database db;
    private final DbSettings settings;

    PreviewConsoleBrowserTest(Database db, DbSettings settings) {
        this.db = db;
        this.settings = settings;
    }

    @BeforeAll
    static void browser() throws Exception {
        Chromium.ensure();
    }

    @Test
    void theAgentSkipsADebtorDialsTheNextAndDisposesTheCall(@TempDir Path dir) throws Exception {
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), TUESDAY_11H_SP));
        CampaignStore campaigns = new CampaignStore(db);
        Campaign campaign = campaigns.ensure("pvc", "Preview console", "BR", clock.instant());
        campaigns.update("pvc", campaign.name(), "BR", new Campaign.Dialing("preview", "collection", 2, new BigDecimal("1.5"),
                new BigDecimal("0.03"), 15, false, null), clock.instant());
        Fixtures.bulkDebtors(db, campaign.id(), "PVC-", 2, TUESDAY_11H_SP.minus(Duration.ofDays(1)));
        campaigns.setStatus("pvc", "running", clock.instant());
        Scenario.Builder scenario = Scenario.builder(17);
        for (Object e164 : Fixtures.row(db, "SELECT MIN(p.e164), MAX(p.e164) FROM phones p JOIN campaign_debtors m"
                + " ON m.debtor_id = p.debtor_id WHERE m.campaign_id = ?", campaign.id(), 2)) {
            scenario.number(((String) e164).substring(3), PhoneBehaviour.answers(Duration.ofSeconds(1), Duration.ofSeconds(4)));
        }

        try (PbxSim sim = PbxSim.builder().scenario(scenario.build()).start()) {
            Server server = Server.start(config(sim, dir), clock, List.of());
            Path profile = Files.createTempDirectory("cobra-chromium-");
            WebDriver browser = ConsoleBrowserTest.chromium(profile);
            try {
                drive(browser, "http://127.0.0.1:" + server.httpPort());
            } finally {
                browser.quit();
                server.shutdown();
                try (var files = Files.walk(profile)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
        // The disposition is written just after the pool's change is pushed: wait for it (bounded) rather than race it.
        String sql = "SELECT COUNT(*), MAX(bridged_at IS NOT NULL), MAX(disposition) FROM call_attempts WHERE campaign_id = ?";
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<Object> attempt = Fixtures.row(db, sql, campaign.id(), 3);
        while (attempt.get(2) == null && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(50));
            attempt = Fixtures.row(db, sql, campaign.id(), 3);
        }
        assertEquals(1L, ((Number) attempt.get(0)).longValue(), "one call: the one the agent dialed");
        assertEquals(1, ((Number) attempt.get(1)).intValue(), "bridged to the agent's leg");
        assertEquals("promise_to_pay", attempt.get(2), "the agent's disposition was stored");
    }

    private void drive(WebDriver browser, String base) throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.get(base + "/console");
        wait.until(ExpectedConditions.textToBe(By.id("login-button"), "Entrar"));
        browser.findElement(By.id("agent-id")).sendKeys("701");
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.id("extension")).sendKeys("301");
        browser.findElement(By.id("campaigns")).clear();
        browser.findElement(By.id("campaigns")).sendKeys("pvc");
        browser.findElement(By.id("login-button")).click();

        wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "preview"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview-bar")));
        wait.until(ExpectedConditions.textMatches(By.id("debtor-name"), java.util.regex.Pattern.compile("Debtor \\d")));
        assertEquals("Ligar", browser.findElement(By.id("preview-dial")).getText(), "Portuguese strings");
        assertTrue(browser.findElement(By.id("preview-until")).getText().startsWith("Reservado para você até"));
        assertTrue(browser.findElement(By.id("debts")).getText().contains("1.025,00"), "the debt before the call");
        String first = browser.findElement(By.id("debtor-name")).getText();
        ConsoleBrowserTest.screenshot(browser, "preview-1-offer.png");

        browser.findElement(By.id("preview-reason")).sendKeys("teste");
        browser.findElement(By.id("preview-skip")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("debtor-name"), first)));
        wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "preview"));
        String next = browser.findElement(By.id("debtor-name")).getText();
        assertNotEquals(first, next);
        assertTrue(next.startsWith("Debtor "), next);

        browser.findElement(By.id("preview-dial")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("preview-bar")));
        wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "wrap_up"));
        assertEquals(next, browser.findElement(By.id("debtor-name")).getText(), "the call screen is the debtor dialed");
        ConsoleBrowserTest.screenshot(browser, "preview-2-wrap-up.png");
        new Select(browser.findElement(By.id("disposition"))).selectByValue("promise_to_pay");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('promise-date').value = '2026-12-10';");
        browser.findElement(By.id("dispose-button")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "ready"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("screen")));
        assertEquals("", browser.findElement(By.id("error")).getText(), "no error shown");
        ConsoleBrowserTest.screenshot(browser, "preview-3-ready.png");
    }

    private CobraConfig config(PbxSim sim, Path dir) {
        String yaml = String.join("\n",
                "node: preview-console",
                "dataDir: " + dir,
                "pbx:",
                "  asterisk:",
                "    - {name: ast-1, host: 127.0.0.1, port: " + sim.amiPort() + ", username: dialer, secret: secret,",
                "       callerId: '\"Cobra\" <1140042000>',",
                "       dialString: {template: 'Local/{number}@customers', numberFormat: national, countryCode: '55'}}",
                "fastagi: {port: 0}",
                "http: {port: 0, tokens: [{token: '" + TOKEN + "', role: agent, agent: '701'}]}",
                "agents: {endpoint: 'Local/{ext}@agents', wrapUpSeconds: 300, pauseReasons: [lunch]}",
                "dialing: {tickMillis: 100, pollSeconds: 1, shutdownGraceSeconds: 1}",
                "");
        Map<String, String> env = Map.of("COBRA_DB_URL", settings.jdbcUrl(), "COBRA_DB_USER", settings.user(),
                "COBRA_DB_PASSWORD", settings.password());
        return CobraConfig.load("cobra.yaml", yaml, env::get);
    }
}

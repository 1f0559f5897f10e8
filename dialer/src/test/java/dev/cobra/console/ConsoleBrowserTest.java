package dev.cobra.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.agents.AgentPool;
import dev.cobra.calls.Destination;
import dev.cobra.campaign.AgentDesk;
import dev.cobra.campaign.AgentEndpoint;
import dev.cobra.campaign.AgentSessions;
import dev.cobra.campaign.CampaignRunner;
import dev.cobra.campaign.RunnerLoop;
import dev.cobra.campaign.RunnerSettings;
import dev.cobra.compliance.ComplianceEngine;
import dev.cobra.compliance.PresetLoader;
import dev.cobra.http.AgentEvents;
import dev.cobra.http.AgentRoutes;
import dev.cobra.http.Authenticator;
import dev.cobra.http.ConsoleRoutes;
import dev.cobra.http.HttpServer;
import dev.cobra.http.Principal;
import dev.cobra.http.Role;
import dev.cobra.http.Route;
import dev.cobra.ivr.plan.InstallmentPlanner;
import dev.cobra.ivr.plan.InstallmentPolicy;
import dev.cobra.pacing.AbandonMeter;
import dev.cobra.pacing.CallHistory;
import dev.cobra.pacing.Pacer;
import dev.cobra.pbx.asterisk.AsteriskPbx;
import dev.cobra.pbx.asterisk.AsteriskServer;
import dev.cobra.pbx.asterisk.AsteriskSettings;
import dev.cobra.pbx.asterisk.DialString;
import dev.cobra.pbx.asterisk.RecordingSettings;
import dev.cobra.pbxsim.PbxSim;
import dev.cobra.pbxsim.ami.AmiServerConfig;
import dev.cobra.pbxsim.scenario.PhoneBehaviour;
import dev.cobra.pbxsim.scenario.Scenario;
import dev.cobra.store.AttemptStore;
import dev.cobra.store.CampaignAttempts;
import dev.cobra.store.CampaignDebtors;
import dev.cobra.store.CampaignStore;
import dev.cobra.store.ClaimStore;
import dev.cobra.store.Database;
import dev.cobra.store.DebtorFactsStore;
import dev.cobra.store.DebtorScreenStore;
import dev.cobra.store.Dispositions;
import dev.cobra.store.Fixtures;
import dev.cobra.store.MariaDbExtension;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The agent console in a real browser (Debian's headless chromium through chromedriver) against the whole stack
 * in-process: embedded MariaDB, pbx-sim over a real AMI socket, {@link AsteriskPbx}, the core loop with an agent-mode
 * campaign runner, and the HTTP server with the agents' and the console's routes. The agent signs in, pauses and
 * comes back, the campaign dials the one due debtor, pbx-sim answers as a person, the screen pops with the debtor's
 * name and itemised debt, the call ends, the agent disposes (a promise to pay) and is ready again. Screenshots are kept
 * in {@code target/console-test/}.
 *
 * <p>The screen pop is driven by the agent pool's assignment (the {@code call} event), not by how the PBX joins the
 * call to the agent, so it holds whichever way the Asterisk adapter bridges.
 */
@ExtendWith(MariaDbExtension.class)
class ConsoleBrowserTest {
    /** Tuesday 2026-11-24, 11:00 in São Paulo: inside the BR calling window, whatever the machine's clock says. */
    private static final Instant TUESDAY_11H_SP = LocalDateTime.of(2026, 11, 24, 14, 0).toInstant(ZoneOffset.UTC);
    private static final String AGENT_TOKEN = "agent7-console-token-0123456789";
    private static final String SUPERVISOR_TOKEN = "supervisor-console-token-0123456789";
    private static final String DEBTOR = "Maria Aparecida Souza";
    private static final String PHONE_NATIONAL = "1190000300";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path SHOTS = Path.of("target", "console-test");

    private final Database db;

    ConsoleBrowserTest(Database db) {
        this.db = db;
    }

    @BeforeAll
    static void browser() throws Exception {
        Chromium.ensure();
    }

    @Test
    void anAgentSignsInGetsACallSeesTheScreenPopAndDisposesIt() throws Exception {
        long campaign = new CampaignStore(db).ensure("console", "Console e2e", "BR", TUESDAY_11H_SP).id();
        Fixtures.bulkDebtors(db, campaign, "CON-", 1, TUESDAY_11H_SP.minus(Duration.ofDays(1)));
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE debtors d JOIN phones p ON p.debtor_id = d.id"
                    + " SET d.name = ?, p.e164 = ? WHERE d.external_id = 'CON-1'")) {
                ps.setString(1, DEBTOR);
                ps.setString(2, "+55" + PHONE_NATIONAL);
                ps.executeUpdate();
            }
            return null;
        });
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), TUESDAY_11H_SP));
        // The debtor answers after a second's ringing and talks for 8 s, then hangs up: the agent is then in wrap-up.
        Scenario scenario = Scenario.builder(7).number(PHONE_NATIONAL, PhoneBehaviour.answers(Duration.ofSeconds(1), Duration.ofSeconds(8))).build();
        AgentPool pool = new AgentPool(clock, Duration.ofMinutes(5), Set.of("lunch", "training"));
        AgentEvents events = new AgentEvents(clock);
        pool.addListener(events);
        AgentDesk desk = new AgentDesk(pool, "console", Duration.ofSeconds(2), Duration.ofMillis(250), Pacer.power(1.0),
                new CallHistory(Duration.ofSeconds(25), 1000, 1000), AbandonMeter.rolling24Hours(false));
        InstallmentPlanner planner = new InstallmentPlanner(new InstallmentPolicy(6, new BigDecimal("100.00"), BigDecimal.ZERO,
                new BigDecimal("0.10"), BigDecimal.ZERO, 5, RoundingMode.HALF_EVEN, true), d -> true);
        Dispositions dispositions = new Dispositions(db, clock);
        Authenticator auth = new Authenticator(Map.of(AGENT_TOKEN, new Principal("agent 701", Role.AGENT, "701"),
                SUPERVISOR_TOKEN, new Principal("supervisor", Role.SUPERVISOR, null)), clock);

        try (PbxSim sim = PbxSim.builder().scenario(scenario).amiPort(0)
                     .config(AmiServerConfig.defaults().withLoginFailureDelay(Duration.ofMillis(100))).start();
             AsteriskPbx pbx = new AsteriskPbx(new AsteriskServer("ast-1", "127.0.0.1", sim.amiPort(), "dialer", "secret", 10, 10),
                     AsteriskSettings.defaults(new DialString("Local/{number}@customers", DialString.NumberFormat.NATIONAL, "55"),
                             "\"Collections\" <5551000>", RecordingSettings.defaults()), clock, new SplittableRandom(1));
             RunnerLoop loop = new RunnerLoop(clock)) {
            pbx.setListener(loop);
            pbx.start().get(10, TimeUnit.SECONDS);
            RunnerSettings settings = new RunnerSettings(campaign, "con", "+551130000000", Duration.ofSeconds(20), new Destination.Hold(),
                    Duration.ofMinutes(15), false);
            CampaignRunner runner = new CampaignRunner(settings,
                    new CampaignDebtors(campaign, "node-con", settings.lease(), new ClaimStore(db), new DebtorFactsStore(db)),
                    new CampaignAttempts(campaign, "node-con", pbx.name(), new AttemptStore(db)),
                    new ComplianceEngine(PresetLoader.builtIn("BR"), new DebtorFactsStore(db).doNotCallList()), pbx, loop, desk);
            // Log-in opens the agent's leg (pbx-sim answers Local/301@agents at once); the debtor is then bridged to it.
            AgentSessions sessions = new AgentSessions(pool, pbx, new AgentEndpoint("Local/{ext}@agents"));
            loop.serveAgents(sessions);
            List<Route> routes = new ArrayList<>(AgentRoutes.routes(sessions, loop::call,
                    (call, d, promise, callback) -> dispositions.record(call.value(), d, promise, callback)));
            routes.addAll(ConsoleRoutes.routes(pool, loop::call, events, auth,
                    new DebtorScreenStore(db, clock, ZoneId.of("America/Sao_Paulo"), planner)::forCall,
                    () -> List.of(ConsoleRoutes.CampaignLive.of("console", runner, desk, clock.instant()))));
            try (HttpServer http = HttpServer.start("127.0.0.1", 0, routes, auth, 64 * 1024, 4)) {
                Path profile = Files.createTempDirectory("cobra-chromium-");
                WebDriver browser = chromium(profile);
                try {
                    drive(browser, "http://127.0.0.1:" + http.port(), () -> loop.start(runner, Duration.ofMillis(250)));
                } finally {
                    browser.quit();
                    try (var files = Files.walk(profile)) {
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                    }
                }
            }
        }
        // The disposition is written just after the pool's change is pushed: wait for it (bounded) rather than race it.
        long deadline = System.nanoTime() + WAIT.toNanos();
        String sql = "SELECT outcome, disposition, bridged_at IS NOT NULL FROM call_attempts WHERE campaign_id = ?";
        List<Object> attempt = Fixtures.row(db, sql, campaign, 3);
        while (attempt.size() == 3 && attempt.get(1) == null && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            attempt = Fixtures.row(db, sql, campaign, 3);
        }
        assertEquals("answered_human", attempt.get(0), "the call ended as a conversation");
        assertEquals("promise_to_pay", attempt.get(1), "the agent's disposition was stored");
        assertTrue(((Number) attempt.get(2)).intValue() == 1, "the debtor was bridged to the agent's leg");
    }

    private void drive(WebDriver browser, String base, Runnable startDialing) throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.get(base + "/console");
        try {
            wait.until(ExpectedConditions.textToBe(By.id("login-button"), "Entrar")); // Portuguese from the browser's language
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the page did not switch to Portuguese; browser says " + ((JavascriptExecutor) browser)
                    .executeScript("return navigator.language + ' / ' + navigator.languages + ' / html lang=' + document.documentElement.lang"), e);
        }
        browser.findElement(By.id("agent-id")).sendKeys("701");
        browser.findElement(By.id("token")).sendKeys(AGENT_TOKEN);
        browser.findElement(By.id("extension")).sendKeys("301");
        browser.findElement(By.id("campaigns")).sendKeys("console");
        browser.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "ready"));
        wait.until(ExpectedConditions.textToBe(By.id("stream"), "ao vivo"));

        new Select(browser.findElement(By.id("pause-reason"))).selectByValue("lunch");
        browser.findElement(By.id("pause")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "paused"));
        browser.findElement(By.id("ready")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "ready"));

        startDialing.run();
        wait.until(ExpectedConditions.textToBe(By.id("debtor-name"), DEBTOR));
        String debts = browser.findElement(By.id("debts")).getText();
        assertTrue(debts.contains("A-CON-1") && debts.contains("1.000,00") && debts.contains("20,00") && debts.contains("5,00")
                && debts.contains("1.025,00"), "the debt itemised in reais: " + debts);
        assertTrue(!browser.findElement(By.id("plans")).getText().isBlank(), "plans are suggested");
        screenshot(browser, "1-screen-pop.png");

        wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "wrap_up"));
        new Select(browser.findElement(By.id("disposition"))).selectByValue("promise_to_pay");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('promise-date').value = '2026-12-10';");
        screenshot(browser, "2-disposition.png");
        browser.findElement(By.id("dispose-button")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "ready"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("screen")));
        screenshot(browser, "3-ready-again.png");
        assertEquals("", browser.findElement(By.id("error")).getText(), "no error shown");

        // The supervisor: signs in without an agent id and watches agents by state and the campaign's numbers.
        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        browser.findElement(By.id("agent-id")).clear();
        browser.findElement(By.id("token")).clear();
        browser.findElement(By.id("token")).sendKeys(SUPERVISOR_TOKEN);
        browser.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("by-state"), "Desconectado: 1"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#campaign-numbers tbody"), "console 1 1 0 0"));
        screenshot(browser, "4-supervisor.png");
    }

    /** Headless chromium with a fresh profile, Debian's binaries named outright (no Selenium Manager download). */
    static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Chromium.BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--lang=pt-BR", "--window-size=1280,1400");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "pt-BR,pt"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Chromium.DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    static void screenshot(WebDriver browser, String name) throws Exception {
        Files.createDirectories(SHOTS);
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}

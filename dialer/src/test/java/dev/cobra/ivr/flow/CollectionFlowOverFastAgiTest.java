package dev.cobra.ivr.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.ivr.plan.InstallmentPolicy;
import dev.cobra.pbx.asterisk.agi.FastAgiServer;
import dev.cobra.pbx.asterisk.agi.FastAgiServerConfig;
import dev.cobra.pbxsim.agi.AgiCallSpec;
import dev.cobra.pbxsim.agi.CallRecord;
import dev.cobra.pbxsim.agi.DebtorScript;
import dev.cobra.pbxsim.agi.FastAgiSimClient;
import dev.cobra.pbxsim.agi.PromptLengths;
import dev.cobra.pix.BrCode;
import dev.cobra.pix.ParsedBrCode;
import dev.cobra.pix.PixKey;
import dev.cobra.store.AttemptStore;
import dev.cobra.store.CampaignStore;
import dev.cobra.store.Database;
import dev.cobra.store.Fixtures;
import dev.cobra.store.IvrStore;
import dev.cobra.store.MariaDbExtension;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped collection flow end to end: pbx-sim's simulated Asterisk calls our FastAGI server
 * over localhost sockets, the flow runs against the real MariaDB. Call time is simulated (prompts
 * take 10 ms of call time, replies come as fast as the socket allows); the scripted person presses
 * a key every 2 s of call time, always while a question listens (its prompts take well under 2 s,
 * its timeout is 5 s).
 */
@ExtendWith(MariaDbExtension.class)
class CollectionFlowOverFastAgiTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    private static final AtomicInteger CALLS = new AtomicInteger();
    private static final InstallmentPolicy POLICY = new InstallmentPolicy(6, new BigDecimal("100.00"), BigDecimal.ZERO,
            new BigDecimal("0.10"), BigDecimal.ZERO, 5, RoundingMode.HALF_EVEN, false);
    private static final PixKey PIX_KEY = PixKey.parse("cobranca@example.com");

    private final Database db;
    private final long campaignId;
    /** A campaign that checks the CPF's first digits and leaves the limited-content message on machines. */
    private final long strictCampaignId;
    private final IvrStore store;
    private final FastAgiServer server;
    private final FastAgiSimClient asterisk = FastAgiSimClient.forTests();
    private final InetSocketAddress address;

    CollectionFlowOverFastAgiTest(Database db) {
        this.db = db;
        this.campaignId = new CampaignStore(db).ensure("ivr", "IVR", "BR", NOW).id();
        this.strictCampaignId = new CampaignStore(db).ensure("ivr-strict", "IVR strict", "BR", NOW).id();
        this.store = new IvrStore(db, Clock.fixed(NOW, ZoneOffset.UTC), ZoneId.of("America/Sao_Paulo"));
        FlowLibrary library = FlowLibrary.shipped(getClass().getClassLoader(), List.of("ivr-flows/collection.yaml"));
        library.reload();
        IvrSettings settings = new IvrSettings(POLICY, true, false, false, "1140042000",
                Optional.of(new IvrSettings.PixPayee(PIX_KEY, "Cobra Cobrancas", "Sao Paulo")));
        IvrSettings strict = new IvrSettings(POLICY, false, true, true, "1140042000", Optional.empty());
        FlowApplication app = new FlowApplication(library, "collection", store, campaign -> campaign == strictCampaignId ? strict : settings,
                date -> true,
                Clock.fixed(NOW, ZoneOffset.UTC));
        server = new FastAgiServer(FastAgiServerConfig.defaults().withPort(0).withSessions(4, 4).withCallIdVariable("COBRA_CALL_ID"),
                Map.of("collection", app));
        address = server.start();
    }

    @AfterEach
    void nothingLeaks() throws Exception {
        try {
            await(() -> server.openConnections() == 0 && server.activeSessions() == 0, "server sessions closed");
            await(() -> asterisk.openConnections() == 0, "simulated Asterisk sockets closed");
        } finally {
            asterisk.close();
            server.close();
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT.toMillis() + "ms waiting for: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    /** A debtor owing 1.000,00 + 200,00 + 37,50 = 1.237,50 (three installments of 412,50), with an open attempt. */
    private String newCall() {
        return newCall(campaignId);
    }

    private String newCall(long campaign) {
        String prefix = "ivr" + CALLS.incrementAndGet() + "-";
        Fixtures.bulkDebtors(db, campaign, prefix, 1, NOW);
        long[] ids = Fixtures.debtorAndPhone(db, prefix + "1");
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE accounts SET principal = 1000.00, interest = 200.00, fees = 37.50"
                    + " WHERE debtor_id = ?")) {
                ps.setLong(1, ids[0]);
                return ps.executeUpdate();
            }
        });
        String callId = "call-" + prefix;
        new AttemptStore(db).open(callId, campaign, ids[0], ids[1], "node-a", "ast-1", NOW);
        return callId;
    }

    /** One key (or key string) every 2 s of call time, starting at 2 s. */
    private static DebtorScript keys(String... presses) {
        DebtorScript.Builder b = DebtorScript.builder();
        for (int i = 0; i < presses.length; i++) {
            b.pressAt(Duration.ofSeconds(2L * (i + 1)), presses[i]);
        }
        return b.build();
    }

    private CallRecord call(String callId, String language, DebtorScript debtor) throws Exception {
        AgiCallSpec spec = AgiCallSpec.builder().script("collection").language(language).variable("COBRA_CALL_ID", callId)
                .uniqueId("sim-" + callId).promptLengths(PromptLengths.uniform(Duration.ofMillis(10))).debtor(debtor).build();
        return asterisk.call(address, spec).finished().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String lang(String channelLanguage) {
        return channelLanguage.startsWith("pt") ? "pt-BR" : "en";
    }

    private List<Object> row(String sql, Object key, int columns) {
        return Fixtures.row(db, sql, key, columns);
    }

    private long count(String sql, Object key) {
        return ((Number) row(sql, key, 1).get(0)).longValue();
    }

    private static boolean disclosed(List<String> played) {
        return played.stream().anyMatch(n -> n.contains("/money/") || n.contains("/phrase/amount") || n.contains("/phrase/offer")
                || n.contains("/date/") || n.contains("/num/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pt_BR", "en"})
    void rightPartyPicksThreeInstallmentsAndTheAgreementLandsExactly(String language) throws Exception {
        String callId = newCall();
        CallRecord r = call(callId, language, keys("1", "2", "3", "1"));
        String l = lang(language);
        assertTrue(r.playedNames().contains(l + "/phrase/call-recorded"), "the campaign records calls: " + r.playedNames());
        assertTrue(r.playedNames().contains(l + "/phrase/agreement-recorded"), r.playedNames().toString());
        assertTrue(r.playedNames().contains(l + "/phrase/pix-sent"), "a Pix payload goes with the agreement");
        assertTrue(r.serverHungUp());

        long attemptId = ((Number) row("SELECT id FROM call_attempts WHERE call_id = ?", callId, 1).get(0)).longValue();
        List<Object> agreement = row("SELECT id, plan, total, installments, pix_payload, payment_code, channel FROM agreements"
                + " WHERE attempt_id = ?", attemptId, 7);
        assertEquals("installments-3", agreement.get(1));
        assertEquals(0, new BigDecimal("1237.50").compareTo((BigDecimal) agreement.get(2)));
        assertEquals(3, ((Number) agreement.get(3)).intValue());
        assertEquals(PaymentCode.forAttempt(attemptId).digits(), agreement.get(5));
        assertEquals("ivr", agreement.get(6));
        long agreementId = ((Number) agreement.get(0)).longValue();
        List<BigDecimal> amounts = new ArrayList<>();
        List<LocalDate> dues = new ArrayList<>();
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT amount, due_date FROM agreement_installments WHERE agreement_id = ? ORDER BY number")) {
                ps.setLong(1, agreementId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        amounts.add(rs.getBigDecimal(1));
                        dues.add(rs.getObject(2, LocalDate.class));
                    }
                }
            }
            return null;
        });
        assertEquals(List.of(new BigDecimal("412.50"), new BigDecimal("412.50"), new BigDecimal("412.50")), amounts);
        assertEquals(LocalDate.of(2026, 11, 29), dues.get(0), "today + 5 days (policy)");
        assertTrue(dues.get(1).isAfter(dues.get(0)) && dues.get(2).isAfter(dues.get(1)));

        ParsedBrCode pix = BrCode.parse((String) agreement.get(4));
        assertEquals(PIX_KEY.value(), pix.key());
        assertEquals("412.50", pix.field("54").orElseThrow().value(), "the first installment");
        assertEquals("COBRA" + agreement.get(5), pix.field("62").orElseThrow().children().get(0).value());

        assertEquals("in_agreement", row("SELECT acc.status FROM accounts acc JOIN call_attempts a ON a.debtor_id = acc.debtor_id"
                + " WHERE a.call_id = ?", callId, 1).get(0));
        assertEquals(List.of("agreement", "goodbye"), row("SELECT disposition, ivr_progress FROM call_attempts WHERE call_id = ?", callId, 2));

        // The agreement stops the cadence for this debt: no open debt is left behind the call.
        assertTrue(store.debtorForCall(callId).isEmpty());
        assertEquals(1, count("SELECT COUNT(*) FROM agreements WHERE attempt_id = ?", attemptId));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pt_BR", "en"})
    void wrongPartyNeverHearsAnAmountAndThePhoneIsMarked(String language) throws Exception {
        String callId = newCall();
        CallRecord r = call(callId, language, keys("2"));
        assertFalse(disclosed(r.playedNames()), r.playedNames().toString());
        assertEquals(lang(language) + "/phrase/wrong-party", r.playedNames().get(r.playedNames().size() - 1));
        assertEquals(List.of("wrong_party", "wrong-party-bye"), row("SELECT disposition, ivr_progress FROM call_attempts WHERE call_id = ?",
                callId, 2));
        assertEquals("wrong_party", row("SELECT p.status FROM phones p JOIN call_attempts a ON a.phone_id = p.id WHERE a.call_id = ?",
                callId, 1).get(0));
        assertEquals(0, count("SELECT COUNT(*) FROM agreements a JOIN call_attempts t ON t.id = a.attempt_id WHERE t.call_id = ?", callId));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pt_BR", "en"})
    void invalidKeysThenSilenceEndTheCallPolitely(String language) throws Exception {
        String callId = newCall();
        CallRecord r = call(callId, language, keys("1", "5", "6"));
        String l = lang(language);
        assertEquals(2, r.playedNames().stream().filter((l + "/phrase/invalid-option")::equals).count(), r.playedNames().toString());
        assertEquals(l + "/phrase/goodbye", r.playedNames().get(r.playedNames().size() - 1));
        assertEquals("no-choice", row("SELECT ivr_progress FROM call_attempts WHERE call_id = ?", callId, 1).get(0));
        assertEquals(0, count("SELECT COUNT(*) FROM agreements a JOIN call_attempts t ON t.id = a.attempt_id WHERE t.call_id = ?", callId));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pt_BR", "en"})
    void hangingUpMidMenuLeavesNoAgreementButTheProgress(String language) throws Exception {
        String callId = newCall();
        CallRecord r = call(callId, language, DebtorScript.builder().pressAt(Duration.ofSeconds(2), "1").pressAt(Duration.ofSeconds(4), "2")
                .hangUpAt(Duration.ofSeconds(5)).build());
        assertTrue(r.callerHungUp());
        assertEquals(0, r.commandsAfterHangup(), "nothing is sent after the hang-up");
        assertEquals("installments", row("SELECT ivr_progress FROM call_attempts WHERE call_id = ?", callId, 1).get(0));
        assertEquals(0, count("SELECT COUNT(*) FROM agreements a JOIN call_attempts t ON t.id = a.attempt_id WHERE t.call_id = ?", callId));
        assertEquals("open", row("SELECT acc.status FROM accounts acc JOIN call_attempts a ON a.debtor_id = acc.debtor_id WHERE a.call_id = ?",
                callId, 1).get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pt_BR", "en"})
    void zeroHandsTheCallerToCobrasAgents(String language) throws Exception {
        String callId = newCall();
        CallRecord r = call(callId, language, keys("1", "0"));
        assertEquals("agent", r.variables().get("NEXT_STEP"), "the snippet's dialplan parks NEXT_STEP=agent in hold");
        assertEquals("any", r.variables().get("COBRA_AGENT"));
        assertEquals(lang(language) + "/phrase/transfer-agent", r.playedNames().get(r.playedNames().size() - 1));
        assertFalse(r.serverHungUp(), "a transferred call goes back to the dialplan, not hung up");
        assertEquals("agent", row("SELECT ivr_progress FROM call_attempts WHERE call_id = ?", callId, 1).get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pt_BR", "en"})
    void theCpfCheckGuardsTheAmountWhenTheCampaignAsksForIt(String language) throws Exception {
        String l = lang(language);
        String wrong = newCall(strictCampaignId);
        CallRecord refused = call(wrong, language, keys("1", "999"));
        assertFalse(disclosed(refused.playedNames()), refused.playedNames().toString());
        assertFalse(refused.playedNames().contains(l + "/phrase/call-recorded"), "this campaign does not record");
        assertEquals(l + "/phrase/verify-failed", refused.playedNames().get(refused.playedNames().size() - 1));

        String right = newCall(strictCampaignId); // Fixtures' CPFs start with 000
        CallRecord accepted = call(right, language, keys("1", "000", "1", "1"));
        assertTrue(accepted.playedNames().contains(l + "/phrase/amount-total"), accepted.playedNames().toString());
        assertTrue(accepted.playedNames().contains(l + "/phrase/agreement-recorded"), accepted.playedNames().toString());
        assertFalse(accepted.playedNames().contains(l + "/phrase/pix-sent"), "this campaign has no Pix key");
        assertEquals(Arrays.asList("full", new BigDecimal("1113.75"), null), row("SELECT g.plan, g.total, g.pix_payload FROM agreements g"
                + " JOIN call_attempts t ON t.id = g.attempt_id WHERE t.call_id = ?", right, 3), "paid in full with 10% off, no Pix");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pt_BR", "en"})
    void anAnsweringMachineGetsOnlyTheLimitedContentMessage(String language) throws Exception {
        String callId = newCall(strictCampaignId);
        new AttemptStore(db).setAmd(callId, "MACHINE");
        CallRecord r = call(callId, language, DebtorScript.silent());
        String l = lang(language);
        assertEquals(l + "/phrase/machine-message-start", r.playedNames().get(0));
        assertTrue(r.playedNames().contains(l + "/phrase/machine-call-back"));
        assertFalse(r.playedNames().stream().anyMatch(n -> n.contains("/money/") || n.contains("/phrase/amount") || n.contains("/date/")),
                r.playedNames().toString());
        assertEquals("machine-end", row("SELECT ivr_progress FROM call_attempts WHERE call_id = ?", callId, 1).get(0));

        String hangUpOnMachine = newCall();
        new AttemptStore(db).setAmd(hangUpOnMachine, "MACHINE");
        assertEquals(List.of(), call(hangUpOnMachine, language, DebtorScript.silent()).playedNames(), "the default campaign hangs up on machines");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pt_BR", "en"})
    void aCallWithNoKnownDebtHearsNothingAndIsHungUp(String language) throws Exception {
        CallRecord r = call("call-nobody-knows", language, keys("1"));
        assertEquals(List.of(), r.playedNames());
        assertTrue(r.serverHungUp());
    }
}

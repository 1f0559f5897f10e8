package dev.cobra.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.ivr.flow.DebtorView;
import dev.cobra.ivr.flow.NewAgreement;
import dev.cobra.ivr.flow.StoredAgreement;
import dev.cobra.ivr.plan.InstallmentPlanner;
import dev.cobra.ivr.plan.InstallmentPolicy;
import dev.cobra.ivr.plan.PaymentPlan;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MariaDbExtension.class)
class AgreementStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");
    private final Database db;
    private final IvrStore ivr;
    private final AgreementStore agreements;

    AgreementStoreTest(Database db) {
        this.db = db;
        this.ivr = new IvrStore(db, Clock.fixed(T0, ZoneOffset.UTC), ZoneId.of("America/Sao_Paulo"));
        this.agreements = new AgreementStore(db);
    }

    private DebtorView call(String prefix) {
        long campaign = new CampaignStore(db).ensure(prefix, prefix, "BR", T0).id();
        Fixtures.bulkDebtors(db, campaign, prefix, 1, T0);
        long[] ids = Fixtures.debtorAndPhone(db, prefix + "1");
        new AttemptStore(db).open("c-" + prefix, campaign, ids[0], ids[1], "node-a", "ast-1", T0);
        return ivr.debtorForCall("c-" + prefix).orElseThrow();
    }

    /** 1.025,00 (Fixtures) in three: 341,67 + 341,67 + 341,66. */
    private static NewAgreement threeInstallments(DebtorView d) {
        InstallmentPolicy policy = new InstallmentPolicy(3, new BigDecimal("50.00"), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 5,
                RoundingMode.HALF_EVEN, false);
        PaymentPlan plan = new InstallmentPlanner(policy, day -> true).offers(d.balance(), LocalDate.of(2026, 11, 24)).installments(3).orElseThrow();
        return new NewAgreement(d, plan, d.currency(), "0000000017", Optional.empty(), T0);
    }

    private long rows(String table, long agreementOrAttempt) {
        String sql = table.equals("agreements") ? "SELECT COUNT(*) FROM agreements WHERE attempt_id = ?"
                : "SELECT COUNT(*) FROM agreement_installments WHERE agreement_id = ?";
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, agreementOrAttempt);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Test
    void theDebtorViewComesFromTheAttemptRow() {
        DebtorView d = call("view-");
        assertEquals("Debtor", d.firstName());
        assertEquals(new BigDecimal("1025.00"), d.balance().total());
        assertEquals(LocalDate.of(2026, 10, 1), d.dueDate());
        assertFalse(d.machineAnswered());
        assertFalse(d.toString().contains(d.documentDigits()) || d.toString().contains("firstName"), "no personal data in toString");
        assertTrue(ivr.debtorForCall("no-such-call").isEmpty());
    }

    @Test
    void aRetriedWriteReturnsTheSameAgreementAndWritesNothing() {
        DebtorView d = call("retry-");
        StoredAgreement first = agreements.record(threeInstallments(d));
        StoredAgreement again = agreements.record(threeInstallments(d));
        assertFalse(first.alreadyExisted());
        assertTrue(again.alreadyExisted());
        assertEquals(first.id(), again.id());
        assertEquals(1, rows("agreements", d.attemptId()));
        assertEquals(3, rows("agreement_installments", first.id()));
        BigDecimal sum = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT SUM(amount) FROM agreement_installments WHERE agreement_id = ?")) {
                ps.setLong(1, first.id());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBigDecimal(1);
                }
            }
        });
        assertEquals(new BigDecimal("1025.00"), sum, "the last installment absorbs the rounding");
        assertTrue(ivr.debtorForCall(d.callId()).isEmpty(), "the account is in agreement: no open debt behind the call");
    }

    @Test
    void racingWritesForOneAttemptLeaveOneAgreement() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                DebtorView d = call("race" + round + "-");
                CountDownLatch go = new CountDownLatch(1);
                List<Future<StoredAgreement>> results = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    results.add(pool.submit(() -> {
                        go.await(10, TimeUnit.SECONDS);
                        return agreements.record(threeInstallments(d));
                    }));
                }
                go.countDown();
                StoredAgreement a = results.get(0).get(30, TimeUnit.SECONDS);
                StoredAgreement b = results.get(1).get(30, TimeUnit.SECONDS);
                assertEquals(a.id(), b.id());
                assertTrue(a.alreadyExisted() != b.alreadyExisted(), "exactly one of them wrote");
                assertEquals(1, rows("agreements", d.attemptId()));
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void wrongPartyAndDoNotCallMarkThePhone() {
        DebtorView d = call("marks-");
        ivr.markWrongParty(d);
        ivr.doNotCall(d);
        ivr.doNotCall(d);
        ivr.recordProgress(d.callId(), "wrong-party-bye");
        List<Object> row = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT p.status, a.disposition, a.ivr_progress, (SELECT COUNT(*) FROM do_not_call n"
                    + " WHERE n.kind = 'phone' AND n.value = p.e164) FROM call_attempts a JOIN phones p ON p.id = a.phone_id WHERE a.call_id = ?")) {
                ps.setString(1, d.callId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4));
                }
            }
        });
        assertEquals(List.of("do_not_call", "do_not_call", "wrong-party-bye", 1L), row);
    }
}

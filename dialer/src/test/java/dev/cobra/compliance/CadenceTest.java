package dev.cobra.compliance;

import static dev.cobra.compliance.Debtors.at;
import static dev.cobra.compliance.Debtors.debtor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.calls.CallOutcome;
import dev.cobra.calls.Disposition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Caps, the régua (retry delays, promises, agreements, suppression), rotation and explanations. */
class CadenceTest {
    private static final String SP = "America/Sao_Paulo";
    private static final String MOBILE = "+5511987654321";
    private static final String LANDLINE = "+5511334455667";
    /** Tuesday 10:00 in São Paulo. */
    private static final Instant TUE_10 = at("2026-11-24T10:00", SP);
    private static final LocalDate DUE = LocalDate.of(2026, 11, 10);

    private final ComplianceEngine br = new ComplianceEngine(PresetLoader.builtIn("BR"), DoNotCallList.NONE);

    private static Debtors owing() {
        return debtor().region("SP").account(DUE);
    }

    @Test
    void callableDebtorIsAllowedOnItsFirstPhone() {
        Decision d = br.decide(owing().phone(MOBILE).phone(LANDLINE).build(), TUE_10);
        assertTrue(d.allowed());
        assertEquals(1, d.phone().phoneId());
        assertEquals(TUE_10, d.nextEligible());
        assertEquals("may be called now, 2026-11-24 10:00 America/Sao_Paulo, on phone #1", d.explain());
    }

    @Test
    void firstCallWaitsFiveDaysAfterTheDueDate() {
        var fresh = debtor().region("SP").account(LocalDate.of(2026, 11, 23)).phone(MOBILE).build();
        Decision d = br.decide(fresh, TUE_10);
        assertEquals(SkipReason.TOO_SOON_AFTER_DUE, d.reason());
        assertEquals(at("2026-11-28T08:00", SP), d.nextEligible());
        assertEquals("next call 2026-11-28 08:00 America/Sao_Paulo on phone #1: first call 5 days after the due date (BR);"
                + " then outside calling window (BR: Sat 08–14)", d.explain());
    }

    @Test
    void busyWaitsFifteenMinutesOnThatPhoneAndNoAnswerRotatesToTheOther() {
        var busy = owing().phone(MOBILE).attempt(1, at("2026-11-24T09:00", SP), CallOutcome.BUSY).build();
        assertTrue(br.decide(busy, at("2026-11-24T09:40", SP)).allowed());
        Decision tooSoon = br.decide(busy, at("2026-11-24T09:10", SP));
        assertEquals(SkipReason.RETRY_DELAY, tooSoon.reason());
        // Min gap between attempts (30 min after the end) is later than the busy delay (15 min).
        assertEquals(at("2026-11-24T09:30:30", SP), tooSoon.nextEligible());

        var noAnswer = owing().phone(MOBILE).phone(LANDLINE)
                .attempt(1, at("2026-11-24T09:00", SP), CallOutcome.NO_ANSWER).build();
        Decision rotated = br.decide(noAnswer, at("2026-11-24T09:40", SP));
        assertTrue(rotated.allowed());
        assertEquals(2, rotated.phone().phoneId());
    }

    @Test
    void machineWaitsForTheNextWindow() {
        var machine = owing().phone(MOBILE).attempt(1, at("2026-11-24T10:00", SP), CallOutcome.ANSWERED_MACHINE).build();
        Decision d = br.decide(machine, at("2026-11-24T12:00", SP));
        assertEquals(SkipReason.RETRY_DELAY, d.reason());
        assertEquals(at("2026-11-25T08:00", SP), d.nextEligible());
    }

    @Test
    void dailyCapCountsTheLast24Hours() {
        var three = owing().phone(MOBILE).phone(LANDLINE).phone("+5511999990000")
                .attempt(1, at("2026-11-24T08:00", SP), CallOutcome.BUSY)
                .attempt(2, at("2026-11-24T09:00", SP), CallOutcome.BUSY)
                .attempt(3, at("2026-11-24T10:00", SP), CallOutcome.BUSY).build();
        Decision d = br.decide(three, at("2026-11-24T12:00", SP));
        assertEquals(SkipReason.DAILY_CAP, d.reason());
        assertEquals(at("2026-11-25T08:00", SP), d.nextEligible());
        assertTrue(br.decide(three, at("2026-11-25T08:00", SP)).allowed());
        assertFalse(br.decide(three, at("2026-11-25T07:59:59", SP)).allowed());
    }

    @Test
    void weeklyCapCountsTheLast7Days() {
        var busyWeek = owing().phone(MOBILE).phone(LANDLINE);
        // 12 attempts: two a day from Wednesday 18th to Monday 23rd (BR cap: 12 per 7 days).
        for (int day = 18; day <= 23; day++) {
            busyWeek.attempt(1, at("2026-11-" + day + "T09:00", SP), CallOutcome.NO_ANSWER);
            busyWeek.attempt(2, at("2026-11-" + day + "T13:00", SP), CallOutcome.NO_ANSWER);
        }
        Decision d = br.decide(busyWeek.build(), TUE_10);
        assertEquals(SkipReason.WEEKLY_CAP, d.reason());
        assertEquals(at("2026-11-25T09:00", SP), d.nextEligible());
    }

    @Test
    void regFSevenInSevenAndSevenDaysAfterAConversation() {
        var us = new ComplianceEngine(PresetLoader.builtIn("US"), DoNotCallList.NONE);
        String ny = "America/New_York";
        var seven = debtor().region("NY").account(LocalDate.of(2026, 11, 1)).phone("+12125550123").phone("+12125550124");
        for (int i = 0; i < 7; i++) {
            seven.attempt(1 + i % 2, at("2026-11-" + (17 + i) + "T10:00", ny), CallOutcome.NO_ANSWER);
        }
        Decision capped = us.decide(seven.build(), at("2026-11-23T18:00", ny));
        assertEquals(SkipReason.WEEKLY_CAP, capped.reason());
        assertEquals(at("2026-11-24T10:00", ny), capped.nextEligible());

        var talked = debtor().region("NY").account(LocalDate.of(2026, 11, 1)).phone("+12125550123")
                .attempt(1, at("2026-11-23T10:00", ny), CallOutcome.ANSWERED_HUMAN, Disposition.CONTACT_NO_RESULT).build();
        Decision gap = us.decide(talked, at("2026-11-24T10:00", ny));
        assertEquals(SkipReason.CONVERSATION_GAP, gap.reason());
        assertEquals(at("2026-11-30T10:00:30", ny), gap.nextEligible());
    }

    @Test
    void ofcomNoRedialWithin72HoursOfAnAbandonedCall() {
        var uk = new ComplianceEngine(PresetLoader.builtIn("UK"), DoNotCallList.NONE);
        String london = "Europe/London";
        var abandoned = debtor().account(LocalDate.of(2026, 11, 1)).phone("+447700900123")
                .attempt(1, at("2026-11-24T10:00", london), CallOutcome.ABANDONED).build();
        Decision d = uk.decide(abandoned, at("2026-11-25T10:00", london));
        assertEquals(SkipReason.ABANDONED_GAP, d.reason());
        assertEquals(at("2026-11-27T10:00:30", london), d.nextEligible());
    }

    @Test
    void promiseToPayPausesUntilTheDayAfterThePromisedDate() {
        var promised = debtor().region("SP").account(DUE, AccountStatus.OPEN, LocalDate.of(2026, 11, 30))
                .phone(MOBILE).build();
        Decision d = br.decide(promised, TUE_10);
        assertEquals(SkipReason.PROMISE_PENDING, d.reason());
        assertEquals(at("2026-12-01T08:00", SP), d.nextEligible());
    }

    @Test
    void agreementOrPaymentStopsCallsForThatDebtOnly() {
        var settled = debtor().region("SP").account(DUE, AccountStatus.IN_AGREEMENT, null)
                .account(DUE, AccountStatus.PAID, null).phone(MOBILE).build();
        Decision d = br.decide(settled, TUE_10);
        assertEquals(SkipReason.NO_OPEN_DEBT, d.reason());
        assertTrue(d.never());
        var oneLeft = debtor().region("SP").account(DUE, AccountStatus.IN_AGREEMENT, null).account(DUE).phone(MOBILE).build();
        assertTrue(br.decide(oneLeft, TUE_10).allowed());
    }

    @Test
    void wrongPartySuppressesThePhone() {
        var wrong = owing().phone(MOBILE).phone(LANDLINE)
                .attempt(1, at("2026-11-20T10:00", SP), CallOutcome.ANSWERED_HUMAN, Disposition.WRONG_PARTY).build();
        Decision d = br.decide(wrong, TUE_10);
        assertTrue(d.allowed());
        assertEquals(2, d.phone().phoneId());
        var only = owing().phone(MOBILE)
                .attempt(1, at("2026-11-20T10:00", SP), CallOutcome.ANSWERED_HUMAN, Disposition.WRONG_PARTY).build();
        assertEquals(SkipReason.NO_CALLABLE_PHONE, br.decide(only, TUE_10).reason());
        var flagged = owing().phone(MOBILE, PhoneStatus.WRONG_PARTY).build();
        assertEquals(SkipReason.NO_CALLABLE_PHONE, br.decide(flagged, TUE_10).reason());
    }

    @Test
    void doNotCallSuppressesTheDebtorAtDialTime() {
        assertEquals(SkipReason.DEBTOR_DO_NOT_CALL, br.decide(owing().phone(MOBILE).doNotCall().build(), TUE_10).reason());
        var asked = owing().phone(MOBILE)
                .attempt(1, at("2026-11-20T10:00", SP), CallOutcome.ANSWERED_HUMAN, Disposition.DO_NOT_CALL).build();
        assertEquals(SkipReason.DEBTOR_DO_NOT_CALL, br.decide(asked, TUE_10).reason());
        var listed = new ComplianceEngine(br.policy(), DoNotCallList.of(Set.of(), Set.of(1L)));
        assertEquals(SkipReason.DEBTOR_DO_NOT_CALL, listed.decide(owing().phone(MOBILE).build(), TUE_10).reason());
        var numberListed = new ComplianceEngine(br.policy(), DoNotCallList.of(Set.of(MOBILE), Set.of()));
        Decision d = numberListed.decide(owing().phone(MOBILE).phone(LANDLINE).build(), TUE_10);
        assertEquals(2, d.phone().phoneId());
    }

    @Test
    void refusalWaitsSevenDays() {
        var refused = owing().phone(MOBILE)
                .attempt(1, at("2026-11-23T10:00", SP), CallOutcome.ANSWERED_HUMAN, Disposition.REFUSED).build();
        Decision d = br.decide(refused, TUE_10);
        assertEquals(SkipReason.RETRY_DELAY, d.reason());
        assertEquals(at("2026-11-30T10:00:30", SP), d.nextEligible());
    }

    @Test
    void callbackAtTheAskedTime() {
        Instant thursday3pm = at("2026-11-26T15:00", SP);
        var callback = owing().phone(MOBILE).attempt(new AttemptFacts(1, at("2026-11-24T09:00", SP), Duration.ofSeconds(40),
                CallOutcome.ANSWERED_HUMAN, Disposition.CALLBACK, thursday3pm)).build();
        Decision d = br.decide(callback, TUE_10);
        assertEquals(SkipReason.CALLBACK_SCHEDULED, d.reason());
        assertEquals(thursday3pm, d.nextEligible());
    }

    @Test
    void lifetimeCapAndOverdueHandOffGoToTheNextStage() {
        var tired = owing().phone(MOBILE);
        for (int i = 0; i < 60; i++) {
            tired.attempt(1, at("2026-11-10T10:00", SP).minus(Duration.ofDays(i)), CallOutcome.NO_ANSWER);
        }
        Decision d = br.decide(tired.build(), TUE_10);
        assertEquals(SkipReason.NEXT_STAGE, d.reason());
        assertTrue(d.never());
        assertTrue(d.explain().contains("outside-agency"), d.explain());

        var old = debtor().region("SP").account(LocalDate.of(2026, 8, 26)).phone(MOBILE).build();
        assertTrue(br.decide(old, TUE_10).allowed(), "90 days overdue on Nov 24: still called");
        var older = debtor().region("SP").account(LocalDate.of(2026, 8, 25)).phone(MOBILE).build();
        assertEquals(SkipReason.NEXT_STAGE, br.decide(older, TUE_10).reason());
    }

    @Test
    void rotationTriesThePhoneThatReachedTheDebtorFirst() {
        var history = owing().phone(MOBILE).phone(LANDLINE)
                .attempt(2, at("2026-11-17T10:00", SP), CallOutcome.ANSWERED_HUMAN, Disposition.CONTACT_NO_RESULT)
                .attempt(1, at("2026-11-18T10:00", SP), CallOutcome.NO_ANSWER).build();
        Decision d = br.decide(history, TUE_10);
        assertTrue(d.allowed());
        assertEquals(2, d.phone().phoneId());
    }

    @Test
    void afterAttemptGivesTheNextEligibleTimeForTheLease() {
        var facts = owing().phone(MOBILE).build();
        var busy = AttemptFacts.of(1, at("2026-11-24T19:50", SP), Duration.ofSeconds(20), CallOutcome.BUSY);
        Decision d = br.afterAttempt(facts, busy);
        assertEquals(at("2026-11-25T08:00", SP), d.nextEligible());
        assertEquals(SkipReason.RETRY_DELAY, d.reason());
        assertEquals(busy.endedAt(), d.decidedAt());
    }

    @Test
    void holidayExplanationNamesTheHoliday() {
        Decision d = br.decide(owing().phone(MOBILE).build(), at("2026-11-20T10:00", SP));
        assertEquals("next call 2026-11-21 08:00 America/Sao_Paulo on phone #1: holiday 2026-11-20 in America/Sao_Paulo:"
                + " Consciência Negra (BR)", d.explain());
        assertEquals("holiday", d.reason().tag());
    }

    @Test
    void manausExampleFromTheIssue() {
        // Saturday 14:30 in Manaus: the window (Sat 08–14) has closed; Sunday has none.
        var manaus = debtor().region("AM").account(DUE).phone("+5592999990000").build();
        Decision d = br.decide(manaus, at("2026-11-28T14:30", "America/Manaus"));
        assertEquals("next call 2026-11-30 08:00 America/Manaus on phone #1: outside calling window (BR: Sat 08–14)",
                d.explain());
        assertEquals(d.explain(), br.why(manaus, at("2026-11-28T14:30", "America/Manaus")));
        assertNull(br.decide(debtor().region("AM").account(DUE).build(), TUE_10).phone());
    }
}

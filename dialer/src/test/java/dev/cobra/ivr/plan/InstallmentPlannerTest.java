package dev.cobra.ivr.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class InstallmentPlannerTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    private static final Predicate<LocalDate> EVERY_DAY = date -> true;

    private static InstallmentPolicy policy(int max, String min, String rate, String discount, String down, int offsetDays) {
        return new InstallmentPolicy(max, new BigDecimal(min), new BigDecimal(rate), new BigDecimal(discount),
                new BigDecimal(down), offsetDays, RoundingMode.HALF_EVEN, true);
    }

    private static DebtBalance balance(String principal) {
        return new DebtBalance(new BigDecimal(principal), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    private static List<String> amounts(PaymentPlan plan) {
        return plan.installments().stream().map(i -> i.amount().toPlainString()).toList();
    }

    @Test
    void splitsAnInterestFreeBalanceWithTheLastInstallmentAbsorbingTheRounding() {
        Offers offers = new InstallmentPlanner(policy(3, "10.00", "0", "0", "0", 5), EVERY_DAY).offers(balance("1000.00"), TODAY);
        PaymentPlan three = offers.installments(3).orElseThrow();
        assertEquals(List.of("333.33", "333.33", "333.34"), amounts(three));
        assertEquals(new BigDecimal("1000.00"), three.total());
        assertEquals(new BigDecimal("0.00"), three.interest());
        assertEquals(List.of(LocalDate.of(2026, 11, 29), LocalDate.of(2026, 12, 29), LocalDate.of(2027, 1, 29)),
                three.installments().stream().map(Installment::dueDate).toList());
    }

    @Test
    void pricesInstallmentsWithTheAntecipatedPriceTable() {
        // 1000 at 1% a month in 12 antecipated payments: P = 1000·0.01/((1−1.01^−12)·1.01) = 87.969097...
        // total = round(12·P) = 1055.63; eleven payments of 87.97 and a last of 1055.63 − 967.67 = 87.96.
        Offers offers = new InstallmentPlanner(policy(12, "10.00", "0.01", "0", "0", 0), EVERY_DAY).offers(balance("1000.00"), TODAY);
        PaymentPlan twelve = offers.installments(12).orElseThrow();
        assertEquals(new BigDecimal("1055.63"), twelve.total());
        assertEquals(new BigDecimal("55.63"), twelve.interest());
        assertEquals("87.97", twelve.regularAmount().toPlainString());
        assertEquals("87.96", twelve.installments().get(11).amount().toPlainString());
        assertEquals(TODAY, twelve.first().dueDate());
    }

    @Test
    void takesADownPaymentFirstAndFinancesTheRest() {
        // Down payment 20% of 1000 = 200; 800 over 2 monthly payments at 2%: P = 800·0.02/(1−1.02^−2) = 412.0396...; total = 200 + round(2·P) = 1024.08
        Offers offers = new InstallmentPlanner(policy(3, "10.00", "0.02", "0", "0.20", 0), EVERY_DAY).offers(balance("1000.00"), TODAY);
        PaymentPlan three = offers.installments(3).orElseThrow();
        assertTrue(three.downPayment());
        assertEquals(List.of("200.00", "412.04", "412.04"), amounts(three));
        assertEquals("412.04", three.regularAmount().toPlainString());
        assertEquals(new BigDecimal("1024.08"), three.total());
    }

    @Test
    void discountsTheFullPayment() {
        Offers offers = new InstallmentPlanner(policy(1, "10.00", "0", "0.15", "0", 3), EVERY_DAY).offers(balance("1234.56"), TODAY);
        assertEquals(new BigDecimal("185.18"), offers.fullPayment().discount());
        assertEquals(new BigDecimal("1049.38"), offers.fullPayment().total());
        assertEquals(LocalDate.of(2026, 11, 27), offers.fullPayment().first().dueDate());
        assertEquals(List.of(), offers.installmentPlans());
    }

    @Test
    void capsTheLateFeeAtTwoPercentOfThePrincipalWhenThePolicySaysSo() {
        DebtBalance withBigFee = new DebtBalance(new BigDecimal("1000.00"), new BigDecimal("50.00"), new BigDecimal("100.00"), new BigDecimal("5.00"));
        Offers capped = new InstallmentPlanner(policy(1, "1.00", "0", "0", "0", 0), EVERY_DAY).offers(withBigFee, TODAY);
        assertEquals(new BigDecimal("20.00"), capped.balance().lateFee());
        assertEquals(new BigDecimal("1075.00"), capped.fullPayment().total());

        InstallmentPolicy uncappedPolicy = new InstallmentPolicy(1, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0,
                RoundingMode.HALF_EVEN, false);
        Offers uncapped = new InstallmentPlanner(uncappedPolicy, EVERY_DAY).offers(withBigFee, TODAY);
        assertEquals(new BigDecimal("1155.00"), uncapped.fullPayment().total());
        // The cap rounds down: 2% of 33.33 is 0.6666, never rounded up to 0.67.
        DebtBalance odd = new DebtBalance(new BigDecimal("33.33"), BigDecimal.ZERO, new BigDecimal("5.00"), BigDecimal.ZERO);
        assertEquals(new BigDecimal("0.66"), new InstallmentPlanner(policy(1, "0.01", "0", "0", "0", 0), EVERY_DAY).offers(odd, TODAY).balance().lateFee());
    }

    @Test
    void leavesOutCountsWhosePaymentsFallUnderTheMinimum() {
        Offers offers = new InstallmentPlanner(policy(12, "100.00", "0", "0", "0", 0), EVERY_DAY).offers(balance("450.00"), TODAY);
        assertEquals(List.of(2, 3, 4), offers.installmentPlans().stream().map(PaymentPlan::count).toList());
        assertEquals(Optional.empty(), offers.installments(5));
    }

    @Test
    void movesDueDatesOnWeekendsToTheNextBusinessDayWithoutChangingAmounts() {
        Predicate<LocalDate> weekdays = date -> date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
        // 2026-11-24 + 4 days = Saturday 2026-11-28 -> Monday 30th; +1 month = Monday 2026-12-28; +2 = Thursday 2027-01-28.
        PaymentPlan plan = new InstallmentPlanner(policy(3, "1.00", "0", "0", "0", 4), weekdays).offers(balance("300.00"), TODAY)
                .installments(3).orElseThrow();
        assertEquals(List.of(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 28), LocalDate.of(2027, 1, 28)),
                plan.installments().stream().map(Installment::dueDate).toList());
        assertEquals(List.of("100.00", "100.00", "100.00"), amounts(plan));
        assertThrows(IllegalStateException.class,
                () -> new InstallmentPlanner(policy(3, "1.00", "0", "0", "0", 4), date -> false).offers(balance("300.00"), TODAY));
    }

    @Test
    void keepsTheMonthEndWhenAMonthIsShort() {
        PaymentPlan plan = new InstallmentPlanner(policy(3, "1.00", "0", "0", "0", 0), EVERY_DAY)
                .offers(balance("300.00"), LocalDate.of(2027, 1, 31)).installments(3).orElseThrow();
        assertEquals(List.of(LocalDate.of(2027, 1, 31), LocalDate.of(2027, 2, 28), LocalDate.of(2027, 3, 31)),
                plan.installments().stream().map(Installment::dueDate).toList());
    }

    @Test
    void rejectsPoliciesAndBalancesItCannotPlanExactly() {
        assertThrows(IllegalArgumentException.class, () -> policy(0, "1.00", "0", "0", "0", 0));
        assertThrows(IllegalArgumentException.class, () -> policy(121, "1.00", "0", "0", "0", 0));
        assertThrows(IllegalArgumentException.class, () -> policy(3, "1.001", "0", "0", "0", 0));
        assertThrows(IllegalArgumentException.class, () -> policy(3, "1.00", "1", "0", "0", 0));
        assertThrows(IllegalArgumentException.class, () -> policy(3, "1.00", "-0.01", "0", "0", 0));
        assertThrows(IllegalArgumentException.class, () -> policy(3, "1.00", "0", "0", "0", 61));
        assertThrows(IllegalArgumentException.class, () -> new InstallmentPolicy(3, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, 0, RoundingMode.UNNECESSARY, true));
        assertThrows(IllegalArgumentException.class, () -> balance("10.005"));
        assertThrows(IllegalArgumentException.class, () -> balance("-1"));
        assertThrows(IllegalArgumentException.class,
                () -> new InstallmentPlanner(policy(3, "1.00", "0", "0", "0", 0), EVERY_DAY).offers(balance("0"), TODAY));
    }

    @Test
    void aPlanWhoseInstallmentsDoNotAddUpCannotBeBuilt() {
        List<Installment> installments = List.of(new Installment(1, TODAY, new BigDecimal("10.00")), new Installment(2, TODAY.plusMonths(1), new BigDecimal("10.00")));
        assertThrows(IllegalArgumentException.class,
                () -> new PaymentPlan(installments, new BigDecimal("20.01"), BigDecimal.ZERO, BigDecimal.ZERO, false));
        List<Installment> sameDay = List.of(new Installment(1, TODAY, new BigDecimal("10.00")), new Installment(2, TODAY, new BigDecimal("10.00")));
        assertThrows(IllegalArgumentException.class,
                () -> new PaymentPlan(sameDay, new BigDecimal("20.00"), BigDecimal.ZERO, BigDecimal.ZERO, false));
    }

    /** Seeded property test: random policies and balances, invariants checked on every offer. */
    @Test
    void everyOfferIsExactWithinThePolicyAndInterestIsMonotone() {
        SplittableRandom random = new SplittableRandom(20261124L);
        RoundingMode[] modes = {RoundingMode.HALF_EVEN, RoundingMode.HALF_UP, RoundingMode.DOWN, RoundingMode.UP, RoundingMode.CEILING};
        int plansChecked = 0;
        for (int run = 0; run < 2_000; run++) {
            int max = 1 + random.nextInt(24);
            BigDecimal min = BigDecimal.valueOf(random.nextLong(5_000), 2);
            BigDecimal rate = random.nextInt(4) == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(random.nextInt(1_000), 4);
            BigDecimal discount = BigDecimal.valueOf(random.nextInt(50), 2);
            BigDecimal down = random.nextBoolean() ? BigDecimal.ZERO : BigDecimal.valueOf(1 + random.nextInt(50), 2);
            RoundingMode mode = modes[random.nextInt(modes.length)];
            InstallmentPolicy policy = new InstallmentPolicy(max, min, rate, discount, down, random.nextInt(31), mode, random.nextBoolean());
            long principalCents = 1 + random.nextLong((long) Math.pow(10, 1 + random.nextInt(9)));
            DebtBalance balance = new DebtBalance(BigDecimal.valueOf(principalCents, 2), BigDecimal.valueOf(random.nextLong(100_000), 2),
                    BigDecimal.valueOf(random.nextLong(100_000), 2), BigDecimal.valueOf(random.nextLong(1_000), 2));
            LocalDate today = TODAY.plusDays(random.nextInt(3_000));
            Offers offers = new InstallmentPlanner(policy, EVERY_DAY).offers(balance, today);
            String context = "run " + run + " " + policy + " " + balance;

            BigDecimal total = offers.balance().total();
            if (policy.capLateFeeAtCdcCeiling()) {
                assertTrue(offers.balance().lateFee().compareTo(balance.principal().multiply(new BigDecimal("0.02"))) <= 0, context);
            }
            assertEquals(0, offers.fullPayment().total().add(offers.fullPayment().discount()).compareTo(total), context);
            int previousCount = 1;
            BigDecimal previousTotal = total;
            for (PaymentPlan plan : offers.installmentPlans()) {
                plansChecked++;
                assertTrue(plan.count() > previousCount && plan.count() <= max, context + " count " + plan.count());
                BigDecimal sum = plan.installments().stream().map(Installment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertEquals(0, sum.compareTo(plan.total()), context);
                assertEquals(0, plan.total().subtract(plan.interest()).compareTo(total), context);
                for (Installment installment : plan.installments()) {
                    assertTrue(installment.amount().compareTo(min) >= 0 && installment.amount().signum() > 0, context + " " + installment);
                }
                assertEquals(today.plusDays(policy.firstDueOffsetDays()), plan.first().dueDate(), context);
                if (rate.signum() == 0) {
                    assertEquals(0, plan.total().compareTo(total), context);
                } else {
                    // More payments at positive interest never cost less.
                    assertTrue(plan.total().compareTo(previousTotal) >= 0, context + " count " + plan.count());
                }
                if (policy.hasDownPayment()) {
                    assertTrue(plan.downPayment(), context);
                }
                // All payments but the down payment and the last are equal.
                List<Installment> level = plan.installments().subList(policy.hasDownPayment() ? 1 : 0, plan.count() - 1);
                assertTrue(level.stream().allMatch(i -> i.amount().equals(plan.regularAmount())), context);
                previousCount = plan.count();
                previousTotal = plan.total();
            }
            if (rate.signum() > 0 && !offers.installmentPlans().isEmpty()) {
                // A higher rate never makes the same plan cheaper.
                InstallmentPolicy dearer = new InstallmentPolicy(max, BigDecimal.ZERO, rate.add(new BigDecimal("0.01")), discount, down,
                        policy.firstDueOffsetDays(), mode, policy.capLateFeeAtCdcCeiling());
                Offers dearerOffers = new InstallmentPlanner(dearer, EVERY_DAY).offers(balance, today);
                for (PaymentPlan plan : offers.installmentPlans()) {
                    PaymentPlan same = dearerOffers.installments(plan.count()).orElseThrow();
                    assertTrue(same.total().compareTo(plan.total()) >= 0, context + " count " + plan.count());
                }
            }
        }
        assertTrue(plansChecked > 5_000, "too few plans exercised: " + plansChecked);
    }
}

package dev.cobra.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cobra.calls.CallOutcome;
import dev.cobra.calls.Disposition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * Seeded property test over random debtors, phones, histories and instants, checked against an
 * independent {@link Oracle}:
 * <ol>
 *   <li>an allowed call is legal under the policy (window in every candidate zone, holidays,
 *       caps, gaps, delays, suppression, debt state);
 *   <li>"next eligible" is the earliest allowed instant: allowed there, not one second before,
 *       not at random instants in between, and (for a sample) not at any step of a scan;
 *   <li>a "never" debtor is not legal at random instants of the next 30 days;
 *   <li>decisions do not depend on the JVM's default time zone.
 * </ol>
 * Run with another seed: {@code -Dcobra.compliance.seed=N} (and {@code -Dcobra.compliance.cases=N});
 * a failure prints the seed and the case.
 */
class CompliancePropertyTest {
    private static final int CASES = Integer.getInteger("cobra.compliance.cases", 1_000_000);
    private static final long SEED = Long.getLong("cobra.compliance.seed", 20261124L);
    private static final Instant FROM = Instant.parse("2016-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2030-12-31T00:00:00Z");
    private static final String[] PRESETS = {"BR", "BR", "BR-RJ", "US", "UK"};

    private final Policy[] policies = new Policy[PRESETS.length];
    private final ComplianceEngine[] engines = new ComplianceEngine[PRESETS.length];
    private final Oracle[] oracles = new Oracle[PRESETS.length];
    private final String[][] codes = new String[PRESETS.length][];
    private final String[][] regions = new String[PRESETS.length][];
    /** Phone numbers to draw from, per preset: area codes of the jurisdiction, and a few foreign ones. */
    private final String[][] numbers = new String[PRESETS.length][];
    private final DoNotCallList dnc = DoNotCallList.of(Set.of("+5511900000000", "+12125550000"), Set.of(13L));

    CompliancePropertyTest() {
        for (int i = 0; i < PRESETS.length; i++) {
            policies[i] = PresetLoader.builtIn(PRESETS[i]);
            engines[i] = new ComplianceEngine(policies[i], dnc);
            oracles[i] = new Oracle(policies[i], dnc);
            AreaCodeTable table = policies[i].jurisdiction().table();
            codes[i] = table.regionByCode().keySet().stream().sorted().toArray(String[]::new);
            regions[i] = table.regionByCode().values().stream().distinct().sorted().toArray(String[]::new);
            var pool = new SplittableRandom(SEED + i);
            numbers[i] = new String[4096];
            for (int n = 0; n < numbers[i].length; n++) {
                numbers[i][n] = n % 64 == 63 ? "+3512" + (1_000_000 + n)
                        : number(policies[i].jurisdiction(), codes[i][pool.nextInt(codes[i].length)], pool);
            }
        }
    }

    /** One generated case. */
    private record Case(int preset, DebtorFacts debtor, Instant now) {}

    private Case generate(SplittableRandom r) {
        int preset = r.nextInt(PRESETS.length);
        Jurisdiction j = policies[preset].jurisdiction();
        String[] codes = this.codes[preset];
        String[] regions = this.regions[preset];
        Instant now = Instant.ofEpochSecond(r.nextLong(FROM.getEpochSecond(), TO.getEpochSecond()));
        if (r.nextInt(4) == 0) {
            // Near a window edge: a whole local hour, give or take a minute.
            long hour = Math.floorDiv(now.getEpochSecond(), 3600) * 3600;
            now = Instant.ofEpochSecond(hour + r.nextInt(-60, 61));
        }
        String region = r.nextInt(4) == 0 ? null : regions[r.nextInt(regions.length)];
        ZoneId override = r.nextInt(50) == 0 ? ZoneId.of(r.nextBoolean() ? "America/Manaus" : "America/Chicago") : null;
        var phones = new ArrayList<PhoneFacts>();
        int phoneCount = 1 + r.nextInt(3);
        for (int i = 0; i < phoneCount; i++) {
            String e164 = numbers[preset][r.nextInt(numbers[preset].length)];
            PhoneStatus status = r.nextInt(12) == 0 ? PhoneStatus.values()[1 + r.nextInt(3)] : PhoneStatus.VALID;
            phones.add(new PhoneFacts(i + 1, e164, r.nextBoolean() ? PhoneType.MOBILE : PhoneType.LANDLINE, r.nextInt(3), status));
        }
        var accounts = new ArrayList<AccountFacts>();
        int accountCount = 1 + r.nextInt(2);
        LocalDate today = LocalDate.ofInstant(now, ZoneId.of("UTC"));
        for (int i = 0; i < accountCount; i++) {
            LocalDate due = today.minusDays(r.nextInt(-5, 100));
            AccountStatus status = r.nextInt(8) == 0 ? AccountStatus.values()[1 + r.nextInt(4)] : AccountStatus.OPEN;
            LocalDate promise = r.nextInt(6) == 0 ? today.plusDays(r.nextInt(-3, 10)) : null;
            accounts.add(new AccountFacts(i + 1, due, status, promise));
        }
        var history = new ArrayList<AttemptFacts>();
        int attempts = r.nextInt(10) == 0 ? r.nextInt(40, 70) : r.nextInt(9);
        for (int i = 0; i < attempts; i++) {
            Instant start = now.minusSeconds(r.nextLong(1, 10L * 86_400));
            Duration ring = r.nextInt(10) == 0 ? null : Duration.ofSeconds(r.nextInt(0, 400));
            if (ring != null && !start.plus(ring).isBefore(now)) {
                ring = Duration.ZERO;
            }
            CallOutcome outcome = CallOutcome.values()[r.nextInt(CallOutcome.values().length)];
            Disposition disposition = null;
            Instant callback = null;
            if (outcome == CallOutcome.ANSWERED_HUMAN && r.nextInt(3) > 0) {
                disposition = Disposition.values()[r.nextInt(Disposition.values().length)];
                if (disposition == Disposition.DO_NOT_CALL && r.nextInt(4) > 0) {
                    disposition = Disposition.CONTACT_NO_RESULT;
                }
                if (disposition == Disposition.CALLBACK && r.nextBoolean()) {
                    callback = start.plusSeconds(r.nextLong(600, 5L * 86_400));
                }
            }
            history.add(new AttemptFacts(1 + r.nextInt(phoneCount), start, ring, outcome, disposition, callback));
        }
        long debtorId = r.nextInt(200) == 0 ? 13 : 100 + r.nextInt(1000);
        var debtor = new DebtorFacts(debtorId, region, override, accounts, phones, history, r.nextInt(200) == 0);
        return new Case(preset, debtor, now);
    }

    private static String number(Jurisdiction j, String code, SplittableRandom r) {
        if (j == Jurisdiction.BR) return "+55" + code + "9" + (10_000_000 + r.nextInt(90_000_000));
        if (j == Jurisdiction.US) return "+1" + code + (2_000_000 + r.nextInt(8_000_000));
        return "+447700" + (900_000 + r.nextInt(1000));
    }

    @Test
    void decisionsAreLegalAndNextEligibleIsTheEarliest() {
        var r = new SplittableRandom(SEED);
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStartNs = threads.getCurrentThreadCpuTime();
        long allowed = 0;
        long waiting = 0;
        long never = 0;
        long scans = 0;
        long decideNs = 0;
        for (int i = 0; i < CASES; i++) {
            Case c = generate(r);
            try {
                long decideStartNs = System.nanoTime();
                Decision d = engines[c.preset()].decide(c.debtor(), c.now());
                decideNs += System.nanoTime() - decideStartNs;
                if (d.allowed()) {
                    allowed++;
                    checkLegal(c, d.phone(), c.now());
                } else if (d.nextEligible() != null) {
                    waiting++;
                    checkEarliest(c, d, r);
                    if (i % 1000 == 0) {
                        scans++;
                        scan(c, d.nextEligible());
                    }
                } else {
                    never++;
                    for (int k = 0; k < 2; k++) {
                        Instant t = c.now().plusSeconds(r.nextLong(0, 30L * 86_400));
                        assertTrue(!oracles[c.preset()].anyLegal(c.debtor(), t), () -> "never, but legal at " + t + ": " + d.explain());
                    }
                }
            } catch (AssertionError | RuntimeException e) {
                fail("case " + i + " (seed " + SEED + ", preset " + PRESETS[c.preset()] + ", now " + c.now() + "): "
                        + e.getMessage() + "\n" + c.debtor(), e);
            }
        }
        long cpuMs = (threads.getCurrentThreadCpuTime() - cpuStartNs) / 1_000_000;
        System.out.printf("compliance property test: %d cases (seed %d): %d allowed, %d waiting, %d never; %d full scans;"
                + " %d ms CPU in all, %.1f µs per decide (wall clock, mean)%n", CASES, SEED, allowed, waiting, never, scans, cpuMs,
                decideNs / 1000.0 / CASES);
        assertEquals(CASES, allowed + waiting + never);
        assertTrue(allowed > CASES / 20 && waiting > CASES / 5 && never > CASES / 50,
                "the generator must exercise every branch: " + allowed + "/" + waiting + "/" + never);
    }

    private void checkLegal(Case c, PhoneFacts phone, Instant t) {
        String broken = oracles[c.preset()].broken(c.debtor(), phone, t);
        if (broken != null) {
            fail("allowed on phone " + phone.phoneId() + " at " + t + " but breaks: " + broken);
        }
    }

    private void checkEarliest(Case c, Decision d, SplittableRandom r) {
        ComplianceEngine engine = engines[c.preset()];
        Instant next = d.nextEligible();
        assertTrue(next.isAfter(c.now()), () -> "next " + next + " not after now");
        Decision there = engine.decide(c.debtor(), next);
        assertTrue(there.allowed(), () -> "not allowed at its own next eligible " + next + ": " + there.explain()
                + " (was: " + d.explain() + ")");
        checkLegal(c, there.phone(), next);
        Instant before = next.minusSeconds(1);
        if ((before.getEpochSecond() & 3) == 0) {
            // The oracle checks every case below; the engine itself on a quarter of them.
            assertTrue(!engine.decide(c.debtor(), before).allowed(), () -> "allowed one second before next eligible " + next);
        }
        assertTrue(!oracles[c.preset()].anyLegal(c.debtor(), before), () -> "legal one second before next eligible " + next
                + ": " + d.explain());
        long span = next.getEpochSecond() - c.now().getEpochSecond();
        Instant between = c.now().plusSeconds(r.nextLong(0, span));
        assertTrue(!oracles[c.preset()].anyLegal(c.debtor(), between), () -> "legal at " + between + " before next eligible "
                + next + ": " + d.explain());
    }

    /** Every 10 minutes from now to next eligible (at most 3 days): nothing is legal. */
    private void scan(Case c, Instant next) {
        Instant end = next.isBefore(c.now().plus(Duration.ofDays(3))) ? next : c.now().plus(Duration.ofDays(3));
        for (Instant t = c.now(); t.isBefore(end); t = t.plusSeconds(600)) {
            Instant at = t;
            assertTrue(!oracles[c.preset()].anyLegal(c.debtor(), at), () -> "legal at " + at + " before next eligible " + next);
        }
    }

    @Test
    void decisionsDoNotDependOnTheDefaultTimeZone() {
        int subset = 10_000;
        var reference = new ArrayList<String>(subset);
        TimeZone original = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            var r = new SplittableRandom(SEED + 1);
            for (int i = 0; i < subset; i++) {
                Case c = generate(r);
                Decision d = engines[c.preset()].decide(c.debtor(), c.now());
                reference.add(d + " | " + d.explain());
            }
            for (String zone : new String[] {"America/Sao_Paulo", "Asia/Kolkata", "Pacific/Kiritimati", "America/Los_Angeles"}) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                var r2 = new SplittableRandom(SEED + 1);
                for (int i = 0; i < subset; i++) {
                    Case c = generate(r2);
                    Decision d = engines[c.preset()].decide(c.debtor(), c.now());
                    int index = i;
                    assertEquals(reference.get(i), d + " | " + d.explain(), () -> "case " + index + " under default zone " + zone);
                }
            }
        } finally {
            TimeZone.setDefault(original);
        }
        System.out.printf("compliance time-zone independence: %d cases x 4 default zones%n", subset);
    }

    /** decide() is pure: the same facts and instant give the same decision every time. Prints its CPU cost. */
    @Test
    void decideIsRepeatableAndItsCostIsPrinted() {
        var r = new SplittableRandom(SEED + 2);
        var cases = new ArrayList<Case>();
        for (int i = 0; i < 10_000; i++) {
            cases.add(generate(r));
        }
        var first = new ArrayList<Decision>(cases.size());
        for (Case c : cases) {
            first.add(engines[c.preset()].decide(c.debtor(), c.now()));
        }
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int rounds = 5;
        long cpuStartNs = threads.getCurrentThreadCpuTime();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                Decision d = engines[c.preset()].decide(c.debtor(), c.now());
                if (!d.equals(first.get(i))) {
                    fail("case " + i + " decided differently in round " + round + ": " + d + " vs " + first.get(i));
                }
            }
        }
        long cpuNs = threads.getCurrentThreadCpuTime() - cpuStartNs;
        System.out.printf("compliance decide(): %.2f µs CPU per call over %d calls (with the equality check)%n",
                cpuNs / 1000.0 / (rounds * cases.size()), rounds * cases.size());
    }
}

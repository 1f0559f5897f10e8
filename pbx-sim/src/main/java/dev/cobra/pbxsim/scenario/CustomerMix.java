package dev.cobra.pbxsim.scenario;

import java.util.List;
import java.util.Objects;

/**
 * How the population of debtor phones behaves, as probabilities per dial and duration
 * distributions. The six outcome shares must add up to 1.
 *
 * @param answer       a person answers
 * @param machine      an answering machine answers
 * @param busy         Busy()
 * @param noAnswer     rings until the Originate timeout
 * @param congestion   Congestion()
 * @param unallocated  invalid number (cause 1 before answer)
 * @param notSure      share of human answers for which AMD says NOTSURE instead of HUMAN
 * @param ringTime     ring time before answer, busy, congestion or unallocated
 * @param talkTime     how long a person stays on the line after answering (includes IVR time)
 * @param machineTime  how long a machine greeting lasts before it hangs up
 * @param dtmfShare    share of human answers that press {@link #dtmf}
 * @param dtmf         the DTMF script those debtors follow
 */
public record CustomerMix(double answer, double machine, double busy, double noAnswer, double congestion,
        double unallocated, double notSure, Distribution ringTime, Distribution talkTime, Distribution machineTime,
        double dtmfShare, List<DtmfPress> dtmf) {
    public CustomerMix {
        double[] shares = {answer, machine, busy, noAnswer, congestion, unallocated, notSure, dtmfShare};
        String[] names = {"answer", "machine", "busy", "noAnswer", "congestion", "unallocated", "notSure", "dtmfShare"};
        for (int i = 0; i < shares.length; i++) {
            if (!(shares[i] >= 0 && shares[i] <= 1)) {
                throw new IllegalArgumentException(names[i] + ": " + shares[i] + " (expected: 0..1)");
            }
        }
        double sum = answer + machine + busy + noAnswer + congestion + unallocated;
        if (Math.abs(sum - 1) > 1e-6) {
            throw new IllegalArgumentException("outcome shares: sum " + sum + " (expected: 1)");
        }
        Objects.requireNonNull(ringTime, "ringTime");
        Objects.requireNonNull(talkTime, "talkTime");
        Objects.requireNonNull(machineTime, "machineTime");
        dtmf = List.copyOf(dtmf);
    }

    /** The traces' dialplan for any other number ({@code _X.}): rings 2 s, answers, stays 30 s. */
    public static CustomerMix traceDefault() {
        return new CustomerMix(1, 0, 0, 0, 0, 0, 0, Distribution.fixed(java.time.Duration.ofSeconds(2)),
                Distribution.fixed(java.time.Duration.ofMillis(31_285)), Distribution.fixed(java.time.Duration.ZERO),
                0.0, List.of());
    }

    /** A plausible collections mix: 45% people, 15% machines, the rest failures. */
    public static CustomerMix typical() {
        return new CustomerMix(0.45, 0.15, 0.12, 0.18, 0.04, 0.06, 0.05,
                Distribution.uniform(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(12)),
                Distribution.exponential(java.time.Duration.ofSeconds(45), java.time.Duration.ofSeconds(300)),
                Distribution.uniform(java.time.Duration.ofSeconds(8), java.time.Duration.ofSeconds(30)),
                0.0, List.of());
    }
}

package dev.cobra.pbxsim.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One sampled behaviour of a simulated phone for one call.
 *
 * @param outcome    what the phone does
 * @param ringTime   how long it rings before answering or failing (zero: no Ringing state)
 * @param talkTime   for answers, how long after the answer the phone hangs up
 * @param amdVerdict what AMD() concludes if it gets to finish (MACHINE for machines)
 * @param amdTime    how long after the answer AMD() decides
 * @param dtmf       digits the debtor presses, in time order
 * @param label      the NoOp text of the phone's dialplan (shows in {@code AppData})
 */
public record PhoneBehaviour(PhoneOutcome outcome, Duration ringTime, Duration talkTime, AmdVerdict amdVerdict,
        Duration amdTime, List<DtmfPress> dtmf, String label) {
    public PhoneBehaviour {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(amdVerdict, "amdVerdict");
        Objects.requireNonNull(label, "label");
        requireNonNegative("ringTime", ringTime);
        requireNonNegative("talkTime", talkTime);
        requireNonNegative("amdTime", amdTime);
        dtmf = List.copyOf(dtmf);
    }

    private static void requireNonNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: >= 0)");
        }
    }

    /** Human answer: AMD HUMAN about 2 s after the answer, no DTMF. */
    public static PhoneBehaviour answers(Duration ringTime, Duration talkTime) {
        return new PhoneBehaviour(PhoneOutcome.ANSWER, ringTime, talkTime, AmdVerdict.HUMAN, Duration.ofMillis(1986),
                List.of(), "answers");
    }

    /** A failure outcome (busy, no answer, congestion, unallocated) after {@code ringTime}. */
    public static PhoneBehaviour fails(PhoneOutcome outcome, Duration ringTime) {
        if (outcome == PhoneOutcome.ANSWER || outcome == PhoneOutcome.MACHINE) {
            throw new IllegalArgumentException("outcome: " + outcome + " (expected: a failure)");
        }
        return new PhoneBehaviour(outcome, ringTime, Duration.ZERO, AmdVerdict.HUMAN, Duration.ZERO, List.of(),
                outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    }

    /** Answering machine: answers, greets for {@code talkTime}, AMD says MACHINE after 2.6 s. */
    public static PhoneBehaviour machine(Duration ringTime, Duration talkTime) {
        return new PhoneBehaviour(PhoneOutcome.MACHINE, ringTime, talkTime, AmdVerdict.MACHINE,
                Duration.ofMillis(2605), List.of(), "answering machine");
    }

    public PhoneBehaviour withLabel(String newLabel) {
        return new PhoneBehaviour(outcome, ringTime, talkTime, amdVerdict, amdTime, dtmf, newLabel);
    }

    public PhoneBehaviour withDtmf(List<DtmfPress> presses) {
        return new PhoneBehaviour(outcome, ringTime, talkTime, amdVerdict, amdTime, presses, label);
    }

    public PhoneBehaviour withAmd(AmdVerdict verdict) {
        return new PhoneBehaviour(outcome, ringTime, talkTime, verdict, amdTime, dtmf, label);
    }

    public boolean answers() {
        return outcome == PhoneOutcome.ANSWER || outcome == PhoneOutcome.MACHINE;
    }
}

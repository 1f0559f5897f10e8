package dev.cobra.pbxsim.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The phones of the shared Asterisk traces ({@code pbx-traces/asterisk/README.md}, "Dialplan
 * numbers"), so that a test dialing {@code Local/101@customers} sees what the real capture saw.
 * Times are measured on the traces, counted from the answer.
 */
public final class TraceNumbers {
    private TraceNumbers() {}

    /** Customers 100..111 by number. */
    public static final Map<String, PhoneBehaviour> CUSTOMERS = Map.ofEntries(
            Map.entry("100", PhoneBehaviour.answers(Duration.ZERO, Duration.ofMillis(31_300))
                    .withDtmf(List.of(new DtmfPress(Duration.ofMillis(3285), "1"),
                            new DtmfPress(Duration.ofMillis(6739), "234#"),
                            new DtmfPress(Duration.ofMillis(11_245), "5")))
                    .withLabel("customer 100: answers + DTMF")),
            Map.entry("101", PhoneBehaviour.fails(PhoneOutcome.BUSY, Duration.ZERO).withLabel("customer 101: busy")),
            Map.entry("102", PhoneBehaviour.fails(PhoneOutcome.NO_ANSWER, Duration.ZERO)
                    .withLabel("customer 102: ring no answer")),
            Map.entry("103", PhoneBehaviour.fails(PhoneOutcome.CONGESTION, Duration.ZERO)
                    .withLabel("customer 103: congestion")),
            Map.entry("104", PhoneBehaviour.answers(Duration.ZERO, Duration.ofMillis(500))
                    .withLabel("customer 104: answer + immediate hangup")),
            Map.entry("105", PhoneBehaviour.machine(Duration.ZERO, Duration.ofSeconds(36))
                    .withLabel("customer 105: answering machine")),
            Map.entry("106", PhoneBehaviour.answers(Duration.ZERO, Duration.ofMillis(9285))
                    .withLabel("customer 106: human-like, silent after hello")),
            Map.entry("107", PhoneBehaviour.answers(Duration.ZERO, Duration.ofMillis(4785))
                    .withLabel("customer 107: hangs up mid-IVR")),
            Map.entry("108", PhoneBehaviour.answers(Duration.ZERO, Duration.ofMillis(61_285))
                    .withLabel("customer 108: answers and stays")),
            Map.entry("109", PhoneBehaviour.fails(PhoneOutcome.UNALLOCATED, Duration.ZERO)
                    .withLabel("customer 109: unallocated number")),
            Map.entry("110", PhoneBehaviour.answers(Duration.ofSeconds(4), Duration.ofMillis(19_285))
                    .withDtmf(List.of(new DtmfPress(Duration.ofMillis(4285), "1")))
                    .withLabel("customer 110: ring then answer")),
            Map.entry("111", PhoneBehaviour.answers(Duration.ZERO, Duration.ofMillis(10_805))
                    .withLabel("customer 111: answers, hangs up after 10 s")));

    /** Agents 201, 202, 209 and the nailed-up 3XX phones; null for other numbers. */
    public static PhoneBehaviour agent(String number) {
        if (number.equals("201")) {
            return PhoneBehaviour.answers(Duration.ofSeconds(1), Duration.ofSeconds(6)).withLabel("agent 201");
        }
        if (number.equals("202")) {
            return PhoneBehaviour.answers(Duration.ofSeconds(2), Duration.ofSeconds(8)).withLabel("agent 202");
        }
        if (number.equals("209")) {
            return PhoneBehaviour.fails(PhoneOutcome.NO_ANSWER, Duration.ZERO).withLabel("agent 209: never answers");
        }
        return null;
    }
}

package dev.cobra.ivr.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.ivr.CallerHungUp;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What the driver tells its {@link IvrListener}: one outcome per call, and each new agreement's total. */
class IvrOutcomeTest {
    /** Writes down what it hears, in order. */
    static final class Heard implements IvrListener {
        final List<String> events = new ArrayList<>();

        @Override
        public synchronized void ended(OptionalLong campaignId, IvrOutcome outcome, boolean rightPartyConfirmed) {
            events.add("ended " + (campaignId.isPresent() ? campaignId.getAsLong() : "-") + " " + outcome.code()
                    + (rightPartyConfirmed ? " confirmed" : ""));
        }

        @Override
        public synchronized void agreement(long campaignId, Currency currency, BigDecimal total) {
            events.add("agreement " + campaignId + " " + currency + " " + total.toPlainString());
        }
    }

    private static List<String> run(boolean machine, boolean hangUpWhenScriptEnds, String... keys) throws Exception {
        Heard heard = new Heard();
        FlowApplicationTest.RecordedOutcomes records = new FlowApplicationTest.RecordedOutcomes(FlowRunTest.debtor(machine));
        FlowApplicationTest.app(records, heard).run(new FlowApplicationTest.ScriptedCaller(hangUpWhenScriptEnds, keys),
                FlowApplicationTest.context("call-1", "pt_BR"));
        return heard.events;
    }

    @Test
    void anAgreementIsHeardWithItsTotalAndTheCallEndsAsAgreement() throws Exception {
        Heard heard = new Heard();
        FlowApplicationTest.RecordedOutcomes records = new FlowApplicationTest.RecordedOutcomes(FlowRunTest.debtor(false));
        FlowApplicationTest.app(records, heard).run(new FlowApplicationTest.ScriptedCaller(false, "1", "2", "3", "1"),
                FlowApplicationTest.context("call-1", "pt_BR"));
        String total = records.agreements.get(0).plan().total().toPlainString();
        assertEquals(List.of("agreement 7 BRL " + total, "ended 7 agreement confirmed"), heard.events);
        assertEquals("1237.50", total, "three installments of 412.50");
    }

    @Test
    void aCallerHangingUpMidMenuEndsAsHungUp() {
        Heard heard = new Heard();
        FlowApplicationTest.RecordedOutcomes records = new FlowApplicationTest.RecordedOutcomes(FlowRunTest.debtor(false));
        assertThrows(CallerHungUp.class, () -> FlowApplicationTest.app(records, heard)
                .run(new FlowApplicationTest.ScriptedCaller(true, "1"), FlowApplicationTest.context("call-1", "en")));
        assertEquals(List.of("ended 7 hung_up confirmed"), heard.events);
    }

    @Test
    void aDriverThatBreaksCountsAsError() {
        Heard heard = new Heard();
        FlowApplicationTest.RecordedOutcomes records = new FlowApplicationTest.RecordedOutcomes(FlowRunTest.debtor(false));
        // A script with no keys and no hang-up: the caller's first read fails with an unexpected exception.
        assertThrows(java.util.NoSuchElementException.class, () -> FlowApplicationTest.app(records, heard)
                .run(new FlowApplicationTest.ScriptedCaller(false), FlowApplicationTest.context("call-1", "en")));
        assertEquals(List.of("ended 7 error"), heard.events);
        assertEquals(1, records.events.size(), records.events.toString());
        assertTrue(records.events.get(0).startsWith("progress "), "the progress is still written: " + records.events);
    }

    @Test
    void wrongPartyUnknownCallsAndMachinesHaveTheirOwnOutcomes() throws Exception {
        assertEquals(List.of("ended 7 wrong_party"), run(false, false, "2"));
        assertEquals("ended 7 machine_message", run(true, false).get(0));

        Heard heard = new Heard();
        FlowApplicationTest.RecordedOutcomes records = new FlowApplicationTest.RecordedOutcomes(FlowRunTest.debtor(false));
        FlowApplicationTest.app(records, heard).run(new FlowApplicationTest.ScriptedCaller(false),
                FlowApplicationTest.context("call-unknown", "en"));
        assertEquals(List.of("ended - no_debt"), heard.events);
    }
}

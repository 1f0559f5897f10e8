package dev.cobra.ivr.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.ivr.CallContext;
import dev.cobra.ivr.Caller;
import dev.cobra.ivr.CallerException;
import dev.cobra.ivr.CallerHungUp;
import dev.cobra.ivr.DigitInput;
import dev.cobra.ivr.DigitRequest;
import dev.cobra.ivr.Dtmf;
import dev.cobra.ivr.Prompt;
import dev.cobra.ivr.TransferTarget;
import dev.cobra.pix.BrCode;
import dev.cobra.pix.PixKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The driver against a scripted {@link Caller}: the same flow the FastAGI binding runs, without a PBX or a database. */
class FlowApplicationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T15:00:00Z"), ZoneOffset.UTC);

    /** A person who answers each digit read from a script ("" = silence) and hangs up when it runs out, if told to. */
    static final class ScriptedCaller implements Caller {
        final Deque<String> keys;
        final boolean hangUpWhenScriptEnds;
        final List<String> played = new ArrayList<>();
        Optional<TransferTarget> transferredTo = Optional.empty();
        boolean hungUp;

        ScriptedCaller(boolean hangUpWhenScriptEnds, String... keys) {
            this.keys = new ArrayDeque<>(List.of(keys));
            this.hangUpWhenScriptEnds = hangUpWhenScriptEnds;
        }

        @Override
        public void answer() {}

        @Override
        public Optional<Dtmf> play(List<Prompt> prompts, java.util.Set<Dtmf> interruptKeys) throws CallerException {
            live();
            prompts.forEach(p -> played.add(p.name()));
            return Optional.empty();
        }

        @Override
        public DigitInput readDigits(DigitRequest request) throws CallerException {
            play(request.prompts(), Dtmf.any());
            if (keys.isEmpty() && hangUpWhenScriptEnds) {
                hungUp = true;
                throw new CallerHungUp("scripted hang-up");
            }
            String k = keys.pop();
            return new DigitInput(k, k.isEmpty() ? DigitInput.Ending.TIMEOUT : DigitInput.Ending.MAX_DIGITS);
        }

        @Override
        public void setVariable(String name, String value) {}

        @Override
        public void transfer(TransferTarget target) {
            transferredTo = Optional.of(target);
        }

        @Override
        public void hangup() {
            hungUp = true;
        }

        private void live() throws CallerHungUp {
            if (hungUp) {
                throw new CallerHungUp("already hung up");
            }
        }
    }

    /** The store side as plain lists: what the driver asked to record. */
    static final class RecordedOutcomes implements IvrRecords {
        final List<NewAgreement> agreements = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        final Map<String, DebtorView> debtors;

        RecordedOutcomes(DebtorView d) {
            this.debtors = Map.of(d.callId(), d);
        }

        public Optional<DebtorView> debtorForCall(String callId) {
            return Optional.ofNullable(debtors.get(callId));
        }

        public StoredAgreement recordAgreement(NewAgreement a) {
            agreements.add(a);
            return new StoredAgreement(1, a.paymentCode(), a.pixPayload(), false);
        }

        public void markWrongParty(DebtorView d) {
            events.add("wrong-party");
        }

        public void doNotCall(DebtorView d) {
            events.add("do-not-call");
        }

        public void scheduleCallback(DebtorView d) {
            events.add("callback");
        }

        public void recordProgress(String callId, String lastNode) {
            events.add("progress " + lastNode);
        }
    }

    private static FlowApplication app(RecordedOutcomes records) {
        return app(records, IvrListener.NONE);
    }

    static FlowApplication app(RecordedOutcomes records, IvrListener listener) {
        FlowLibrary library = FlowLibrary.shipped(FlowApplicationTest.class.getClassLoader(), List.of("ivr-flows/collection.yaml"));
        library.reload();
        IvrSettings settings = new IvrSettings(FlowRunTest.POLICY, false, false, false, "",
                Optional.of(new IvrSettings.PixPayee(PixKey.parse("+5511999990000"), "Credor", "Sao Paulo")));
        return new FlowApplication(library, "collection", records, campaign -> settings, d -> true, CLOCK, listener);
    }

    static CallContext context(String callId, String language) {
        return new CallContext("sim-1", Optional.of(callId), "collection", List.of(), language, Map.of());
    }

    @Test
    void anAgreementIsRecordedWithItsCodeAndPixThenTheCallerHearsTheReadBack() throws Exception {
        RecordedOutcomes records = new RecordedOutcomes(FlowRunTest.debtor(false));
        ScriptedCaller caller = new ScriptedCaller(false, "1", "2", "3", "1");
        app(records).run(caller, context("call-1", "pt_BR"));
        assertEquals(1, records.agreements.size());
        NewAgreement a = records.agreements.get(0);
        assertEquals("installments-3", a.planCode());
        assertEquals(PaymentCode.forAttempt(42).digits(), a.paymentCode());
        assertEquals("412.50", BrCode.parse(a.pixPayload().orElseThrow()).field("54").orElseThrow().value());
        assertTrue(caller.played.contains("pt-BR/phrase/payment-code"));
        assertTrue(caller.hungUp);
        assertEquals(List.of("progress goodbye"), records.events);
    }

    @Test
    void aHangUpMidMenuEscapesAsCallerHungUpAndLeavesOnlyTheProgress() {
        RecordedOutcomes records = new RecordedOutcomes(FlowRunTest.debtor(false));
        ScriptedCaller caller = new ScriptedCaller(true, "1");
        assertThrows(CallerHungUp.class, () -> app(records).run(caller, context("call-1", "en")));
        assertEquals(List.of(), records.agreements);
        assertEquals(List.of("progress options-discount"), records.events);
        assertTrue(caller.played.contains("en/phrase/menu-pay-full-discount"));
    }

    @Test
    void wrongPartyIsMarkedAndUnknownCallsHearNothing() throws Exception {
        RecordedOutcomes records = new RecordedOutcomes(FlowRunTest.debtor(false));
        ScriptedCaller caller = new ScriptedCaller(false, "2");
        app(records).run(caller, context("call-1", "en"));
        assertEquals(List.of("wrong-party", "progress wrong-party-bye"), records.events);
        assertFalse(FlowRunTest.disclosed(caller.played), caller.played.toString());

        ScriptedCaller stranger = new ScriptedCaller(false);
        app(records).run(stranger, context("call-unknown", "en"));
        assertEquals(List.of(), stranger.played);
        assertTrue(stranger.hungUp);
    }

    @Test
    void theChannelLanguagePicksThePrompts() {
        List<dev.cobra.ivr.speech.SpeechLanguage> both = List.of(dev.cobra.ivr.speech.SpeechLanguage.PT_BR, dev.cobra.ivr.speech.SpeechLanguage.EN);
        assertEquals(dev.cobra.ivr.speech.SpeechLanguage.PT_BR, FlowApplication.language("pt_BR", both));
        assertEquals(dev.cobra.ivr.speech.SpeechLanguage.EN, FlowApplication.language("en_US", both));
        assertEquals(dev.cobra.ivr.speech.SpeechLanguage.PT_BR, FlowApplication.language("fr", both), "unknown: the flow's first language");
    }
}

package dev.cobra.ivr.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.ivr.DigitInput;
import dev.cobra.ivr.Prompt;
import dev.cobra.ivr.TransferTarget;
import dev.cobra.ivr.plan.DebtBalance;
import dev.cobra.ivr.plan.InstallmentPlanner;
import dev.cobra.ivr.plan.InstallmentPolicy;
import dev.cobra.ivr.plan.Offers;
import dev.cobra.ivr.plan.PaymentPlan;
import dev.cobra.ivr.speech.SpeechLanguage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The interpreter alone: commands out, scripted inputs in, no PBX and no database. */
class FlowRunTest {
    static final Flow COLLECTION = FlowLoader.loadResource(FlowRunTest.class.getClassLoader(), "ivr-flows/collection.yaml");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    static final InstallmentPolicy POLICY = new InstallmentPolicy(6, new BigDecimal("100.00"), BigDecimal.ZERO, new BigDecimal("0.10"),
            BigDecimal.ZERO, 5, RoundingMode.HALF_EVEN, false);
    /** 1.000,00 + 200,00 + 37,50 = 1.237,50: three installments of 412,50. */
    static final DebtBalance BALANCE = new DebtBalance(new BigDecimal("1000.00"), new BigDecimal("200.00"), new BigDecimal("37.50"),
            BigDecimal.ZERO);

    static DebtorView debtor(boolean machine) {
        return new DebtorView("call-1", 42, 7, 3, 5, 9, "Ana", "12345678909", BALANCE, Currency.getInstance("BRL"),
                LocalDate.of(2026, 10, 1), ZoneId.of("America/Sao_Paulo"), machine);
    }

    static CallFacts facts(SpeechLanguage lang, boolean verify, boolean machine, boolean leaveMessage) {
        Offers offers = new InstallmentPlanner(POLICY, d -> true).offers(BALANCE, TODAY);
        return new CallFacts(lang, debtor(machine), offers, TODAY, true, verify, leaveMessage, true, "1140042000");
    }

    /** Runs a flow to its end: keys answer the digit reads in order ("" = silence until the timeout). */
    static List<FlowCommand> drive(FlowRun run, String... keys) {
        Deque<String> script = new ArrayDeque<>(List.of(keys));
        List<FlowCommand> out = new ArrayList<>();
        FlowCommand c = run.start();
        out.add(c);
        while (!c.isFinal()) {
            FlowInput in;
            if (c instanceof FlowCommand.ReadDigits) {
                String k = script.pop();
                in = new FlowInput.Digits(new DigitInput(k, k.isEmpty() ? DigitInput.Ending.TIMEOUT : DigitInput.Ending.MAX_DIGITS));
            } else if (c instanceof FlowCommand.Play) {
                in = new FlowInput.Played();
            } else if (c instanceof FlowCommand.RecordAgreement) {
                in = new FlowInput.AgreementRecorded("0000000427");
            } else {
                in = new FlowInput.Done();
            }
            c = run.onInput(in);
            out.add(c);
        }
        assertTrue(script.isEmpty(), "unused keys: " + script);
        assertTrue(run.finished());
        return out;
    }

    static List<String> heard(List<FlowCommand> commands) {
        List<String> out = new ArrayList<>();
        for (FlowCommand c : commands) {
            List<Prompt> ps = c instanceof FlowCommand.Play ? ((FlowCommand.Play) c).prompts()
                    : c instanceof FlowCommand.ReadDigits ? ((FlowCommand.ReadDigits) c).request().prompts()
                    : c instanceof FlowCommand.Hangup ? ((FlowCommand.Hangup) c).prompts()
                    : c instanceof FlowCommand.Transfer ? ((FlowCommand.Transfer) c).prompts() : List.of();
            ps.forEach(p -> out.add(p.name()));
        }
        return out;
    }

    static boolean disclosed(List<String> heard) {
        return heard.stream().anyMatch(n -> n.contains("/money/") || n.contains("/phrase/amount") || n.contains("/phrase/offer")
                || n.contains("/date/"));
    }

    @Test
    void rightPartyPicksThreeInstallmentsConfirmsAndHearsTheCode() {
        FlowRun run = new FlowRun(COLLECTION, facts(SpeechLanguage.PT_BR, false, false, false));
        List<FlowCommand> cs = drive(run, "1", "2", "3", "1");
        List<String> heard = heard(cs);
        assertEquals(List.of("pt-BR/phrase/company-greeting", "pt-BR/phrase/company-name", "pt-BR/phrase/call-recorded",
                "pt-BR/phrase/right-party-neutral"), heard.subList(0, 4));
        assertTrue(heard.contains("pt-BR/phrase/amount-total") && heard.contains("pt-BR/money/reais"), heard.toString());
        assertTrue(heard.contains("pt-BR/phrase/menu-pay-full-discount"), "the policy gives a discount: " + heard);
        FlowCommand.RecordAgreement record = cs.stream().filter(c -> c instanceof FlowCommand.RecordAgreement)
                .map(c -> (FlowCommand.RecordAgreement) c).findFirst().orElseThrow();
        PaymentPlan plan = record.plan();
        assertEquals(3, plan.count());
        assertEquals(new BigDecimal("412.50"), plan.regularAmount());
        assertEquals(new BigDecimal("1237.50"), plan.installments().stream().map(i -> i.amount()).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertEquals(Optional.of(plan), run.chosenPlan());
        // the code 0000000427 is read back digit by digit, then goodbye
        assertTrue(String.join(" ", heard).contains("pt-BR/phrase/payment-code pt-BR/num/zero"), heard.toString());
        assertEquals(List.of("pt-BR/phrase/goodbye"), ((FlowCommand.Hangup) cs.get(cs.size() - 1)).prompts().stream().map(Prompt::name).toList());
        assertEquals("goodbye", run.lastNode());
    }

    @Test
    void theOfferMenuSaysEachPlanWithItsKey() {
        FlowRun run = new FlowRun(COLLECTION, facts(SpeechLanguage.EN, false, false, false));
        List<FlowCommand> cs = drive(run, "1", "2", "3", "1");
        FlowCommand.ReadDigits offer = (FlowCommand.ReadDigits) cs.get(5);
        List<String> names = offer.request().prompts().stream().map(Prompt::name).toList();
        // "for three installments of four hundred twelve reais and fifty centavos press three"
        String text = String.join(" ", names);
        assertTrue(text.contains("en/phrase/offer-for en/num/three en/word/installments en/phrase/offer-of en/num/four en/num/hundred"
                + " en/num/twelve en/money/reais en/word/and en/num/fifty en/money/centavos en/phrase/offer-press en/num/three"), text);
        assertEquals(1, offer.request().maxDigits());
    }

    @Test
    void wrongPartyHearsNoDebtDetailAndThePhoneIsMarked() {
        FlowRun run = new FlowRun(COLLECTION, facts(SpeechLanguage.PT_BR, false, false, false));
        List<FlowCommand> cs = drive(run, "2");
        assertTrue(cs.stream().anyMatch(c -> c instanceof FlowCommand.MarkWrongParty));
        assertFalse(disclosed(heard(cs)), heard(cs).toString());
        assertEquals(List.of(Prompt.of("pt-BR/phrase/wrong-party")), ((FlowCommand.Hangup) cs.get(cs.size() - 1)).prompts());
        assertFalse(run.rightPartyConfirmed());
    }

    @Test
    void noAnswerToTheCheckDisclosesNothing() {
        FlowRun run = new FlowRun(COLLECTION, facts(SpeechLanguage.PT_BR, false, false, false));
        List<FlowCommand> cs = drive(run, "7", "", "");
        List<String> heard = heard(cs);
        assertFalse(disclosed(heard), heard.toString());
        assertTrue(heard.contains("pt-BR/phrase/invalid-option") && heard.contains("pt-BR/phrase/no-input"), heard.toString());
        assertEquals(4, cs.stream().filter(c -> c instanceof FlowCommand.ReadDigits).count() + 1, "one try plus two retries");
        assertEquals("no-answer", run.lastNode());
    }

    @Test
    void documentDigitsMustMatchBeforeTheAmount() {
        List<FlowCommand> wrong = drive(new FlowRun(COLLECTION, facts(SpeechLanguage.PT_BR, true, false, false)), "1", "999");
        assertFalse(disclosed(heard(wrong)));
        FlowCommand.ReadDigits ask = (FlowCommand.ReadDigits) wrong.get(3);
        assertTrue(ask.masked(), "CPF digits are masked");
        assertEquals(3, ask.request().maxDigits());
        FlowRun right = new FlowRun(COLLECTION, facts(SpeechLanguage.PT_BR, true, false, false));
        List<FlowCommand> cs = drive(right, "1", "123", "0");
        assertTrue(disclosed(heard(cs)));
        assertEquals(new TransferTarget.ToAgent("any"), ((FlowCommand.Transfer) cs.get(cs.size() - 1)).target());
    }

    @Test
    void nineRepeatsTheAmountAndZeroTransfers() {
        List<FlowCommand> cs = drive(new FlowRun(COLLECTION, facts(SpeechLanguage.EN, false, false, false)), "1", "9", "0");
        assertEquals(2, heard(cs).stream().filter("en/phrase/amount-total"::equals).count());
        FlowCommand.Transfer t = (FlowCommand.Transfer) cs.get(cs.size() - 1);
        assertEquals(List.of(Prompt.of("en/phrase/transfer-agent")), t.prompts());
    }

    @Test
    void backFromConfirmReturnsToTheMenuAndFullPaymentHasTheDiscount() {
        FlowRun run = new FlowRun(COLLECTION, facts(SpeechLanguage.PT_BR, false, false, false));
        List<FlowCommand> cs = drive(run, "1", "2", "3", "2", "1", "1");
        PaymentPlan plan = ((FlowCommand.RecordAgreement) cs.stream().filter(c -> c instanceof FlowCommand.RecordAgreement)
                .findFirst().orElseThrow()).plan();
        assertEquals(1, plan.count());
        assertEquals(new BigDecimal("1113.75"), plan.total(), "10% off 1.237,50");
    }

    @Test
    void machinesHearOnlyTheLimitedContentMessageOrNothing() {
        List<FlowCommand> msg = drive(new FlowRun(COLLECTION, facts(SpeechLanguage.PT_BR, false, true, true)));
        List<String> heard = heard(msg);
        assertEquals("pt-BR/phrase/machine-message-start", heard.get(0));
        assertFalse(disclosed(heard), heard.toString());
        assertFalse(heard.contains("pt-BR/phrase/call-recorded"));
        List<FlowCommand> none = drive(new FlowRun(COLLECTION, facts(SpeechLanguage.PT_BR, false, true, false)));
        assertEquals(List.of(new FlowCommand.Hangup(List.of())), none);
    }

    @Test
    void aFlowThatWouldDiscloseEarlyFailsLoudlyAtRunTime() {
        Node.Meta meta = new Node.Meta("amount", "x.yaml", 1, Optional.empty(), false, Optional.empty());
        Node.Meta end = new Node.Meta("end", "x.yaml", 2, Optional.empty(), false, Optional.empty());
        Flow unchecked = new Flow("x.yaml", "x", List.of(SpeechLanguage.EN), "amount", Optional.empty(),
                Map.of("amount", new Node.Play(meta, List.of(new PromptItem.Variable("total")), "end"), "end", new Node.Hangup(end, List.of())));
        FlowRun run = new FlowRun(unchecked, facts(SpeechLanguage.EN, false, false, false));
        IllegalStateException e = assertThrows(IllegalStateException.class, run::start);
        assertTrue(e.getMessage().contains("before the right party was confirmed"), e.getMessage());
    }

    @Test
    void inputsThatDoNotAnswerTheCommandAreRejected() {
        FlowRun run = new FlowRun(COLLECTION, facts(SpeechLanguage.PT_BR, false, false, false));
        assertThrows(IllegalStateException.class, () -> run.onInput(new FlowInput.Played()), "not started");
        run.start();
        assertThrows(IllegalArgumentException.class, () -> run.onInput(new FlowInput.Done()));
        run.onInput(new FlowInput.Played());
        assertEquals(Duration.ofSeconds(5), ((FlowCommand.ReadDigits) run.onInput(new FlowInput.Played())).request().timeout());
    }

    @Test
    void aLoopThatNeverAsksTheCallerFailsInsteadOfSpinning() {
        String yaml = "flow: spin\nlanguages: [en]\nstart: a\nnodes:\n"
                + "  a:\n    type: play\n    prompts: []\n    next: b\n"
                + "  b:\n    type: play\n    when: records-calls\n    prompts: []\n    next: a\n";
        Flow spin = new FlowLoader(name -> true).load("spin.yaml", yaml);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new FlowRun(spin, facts(SpeechLanguage.EN, false, false, false)).start());
        assertTrue(e.getMessage().contains("loops without asking"), e.getMessage());
    }
}

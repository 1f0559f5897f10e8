package dev.cobra.ivr.flow;

import dev.cobra.ivr.DigitInput;
import dev.cobra.ivr.DigitRequest;
import dev.cobra.ivr.Dtmf;
import dev.cobra.ivr.Prompt;
import dev.cobra.ivr.plan.PaymentPlan;
import dev.cobra.ivr.speech.Speaker;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One run of a {@link Flow} for one call: a pure state machine. {@link #start()} and
 * {@link #onInput(FlowInput)} return the next {@link FlowCommand}; the driver carries it out and
 * reports back. No I/O, no clock, no threads: the same inputs give the same commands, so tests
 * script a whole call without a PBX.
 *
 * <p>Rules kept here and not left to flow authors: a variable that discloses the debt is never
 * rendered before a node marked {@code right-party: confirmed} was reached (the loader also checks
 * this statically; this is the runtime backstop), and a question retries at most {@code retries}
 * times before its {@code on-fail}.
 *
 * <p>Not thread-safe: one driver thread owns a run.
 */
public final class FlowRun {
    private final Flow flow;
    private final CallFacts facts;
    private final Speaker speaker;
    private Node current;
    private int failures;
    private boolean started;
    private boolean finished;
    private boolean rightPartyConfirmed;
    private Optional<PaymentPlan> chosenPlan = Optional.empty();
    private Optional<String> paymentCode = Optional.empty();

    public FlowRun(Flow flow, CallFacts facts) {
        if (!flow.languages().contains(facts.language())) {
            throw new IllegalArgumentException("language: " + facts.language().tag() + " (flow " + flow.name() + " speaks " + flow.languages() + ")");
        }
        this.flow = flow;
        this.facts = facts;
        this.speaker = Speaker.of(facts.language());
    }

    /** The first command: from {@code machine-start} when the call reached a machine, else from {@code start}. */
    public FlowCommand start() {
        if (started) {
            throw new IllegalStateException("run already started (flow=" + flow.name() + ", node=" + lastNode() + ")");
        }
        started = true;
        if (facts.debtor().machineAnswered()) {
            if (flow.machineStart().isEmpty()) {
                finished = true;
                return new FlowCommand.Hangup(List.of());
            }
            return enter(flow.machineStart().get());
        }
        return enter(flow.start());
    }

    /** The command that follows what the driver reports for the previous one. */
    public FlowCommand onInput(FlowInput input) {
        if (!started || finished) {
            throw new IllegalStateException("no command is waiting for input (flow=" + flow.name() + ", node=" + lastNode()
                    + ", finished=" + finished + ")");
        }
        Node n = current;
        if (n instanceof Node.Play) {
            expect(input, FlowInput.Played.class);
            return enter(((Node.Play) n).next());
        }
        if (n instanceof Node.RecordAgreement) {
            paymentCode = Optional.of(expect(input, FlowInput.AgreementRecorded.class).paymentCode());
            return enter(((Node.RecordAgreement) n).next());
        }
        if (n instanceof Node.MarkWrongParty || n instanceof Node.DoNotCall || n instanceof Node.ScheduleCallback) {
            expect(input, FlowInput.Done.class);
            return enter(n.exits().get("next"));
        }
        DigitInput digits = expect(input, FlowInput.Digits.class).input();
        return answered(n, digits);
    }

    /** Whether a final command ({@link FlowCommand#isFinal()}) was returned. */
    public boolean finished() {
        return finished;
    }

    /** The id of the node the run is at (or ended at): how far the caller got. */
    public String lastNode() {
        return current == null ? "-" : current.id();
    }

    public boolean rightPartyConfirmed() {
        return rightPartyConfirmed;
    }

    public Optional<PaymentPlan> chosenPlan() {
        return chosenPlan;
    }

    private FlowCommand enter(String id) {
        // Nodes that need no input (skips, empty plays, plan choices) chain within one step; more of
        // them in a row than the flow has nodes means a cycle that would never wait for the caller.
        for (int hops = 0; ; hops++) {
            if (hops > flow.nodes().size()) {
                throw new IllegalStateException("flow " + flow.name() + " loops without asking the caller anything (at node " + id + ")");
            }
            Node n = flow.node(id);
            current = n;
            failures = 0;
            if (n.meta().confirmsRightParty()) {
                rightPartyConfirmed = true;
            }
            if (n.meta().when().isPresent()) {
                Node.Guard g = n.meta().when().get();
                if (facts.holds(g.condition()) == g.negated()) {
                    id = n.meta().otherwise().orElse(n.exits().get("next"));
                    continue;
                }
            }
            if (n instanceof Node.Play) {
                List<Prompt> prompts = render(((Node.Play) n).prompts());
                if (prompts.isEmpty()) {
                    id = ((Node.Play) n).next();
                    continue;
                }
                return new FlowCommand.Play(prompts);
            }
            if (n instanceof Node.ChooseFullPayment) {
                requireRightParty(n);
                chosenPlan = Optional.of(facts.offers().fullPayment());
                id = ((Node.ChooseFullPayment) n).next();
                continue;
            }
            if (n instanceof Node.OfferInstallments && offerable().isEmpty()) {
                id = ((Node.OfferInstallments) n).ask().onFail();
                continue;
            }
            Node.Ask ask = FlowLoader.askOf(n);
            if (ask != null) {
                return question(n, ask, List.of());
            }
            if (n instanceof Node.RecordAgreement) {
                requireRightParty(n);
                return new FlowCommand.RecordAgreement(chosenPlan.orElseThrow(() -> new IllegalStateException(
                        "record-agreement without a chosen plan (flow=" + flow.name() + ", node=" + n.id() + ")")));
            }
            if (n instanceof Node.MarkWrongParty) {
                return new FlowCommand.MarkWrongParty();
            }
            if (n instanceof Node.DoNotCall) {
                return new FlowCommand.DoNotCall();
            }
            if (n instanceof Node.ScheduleCallback) {
                return new FlowCommand.ScheduleCallback();
            }
            finished = true;
            if (n instanceof Node.Transfer) {
                return new FlowCommand.Transfer(render(((Node.Transfer) n).prompts()), ((Node.Transfer) n).target());
            }
            return new FlowCommand.Hangup(render(((Node.Hangup) n).prompts()));
        }
    }

    /** Asks (again): the retry prompts, then the question's prompts, then the keys. */
    private FlowCommand question(Node n, Node.Ask ask, List<PromptItem> before) {
        List<Prompt> prompts = new ArrayList<>(render(before));
        prompts.addAll(render(ask.prompts()));
        int maxDigits = 1;
        Optional<Dtmf> terminator = Optional.empty();
        if (n instanceof Node.OfferInstallments) {
            requireRightParty(n);
            for (PaymentPlan plan : offerable()) {
                prompts.addAll(toPrompts(speaker.planOffer(plan, facts.debtor().currency(), plan.count())));
            }
        } else if (n instanceof Node.Collect) {
            maxDigits = ((Node.Collect) n).length();
            terminator = ((Node.Collect) n).terminator();
        } else if (n instanceof Node.Confirm) {
            requireRightParty(n);
        }
        return new FlowCommand.ReadDigits(new DigitRequest(prompts, maxDigits, ask.timeout(), terminator), n instanceof Node.Collect);
    }

    private FlowCommand answered(Node n, DigitInput input) {
        Node.Ask ask = FlowLoader.askOf(n);
        if (ask == null) {
            throw new IllegalArgumentException("digits while at node " + n.id() + " which asked for none (flow=" + flow.name() + ")");
        }
        if (input.digits().isEmpty()) {
            return retry(n, ask, ask.noInput());
        }
        char key = input.digits().charAt(0);
        if (n instanceof Node.Menu) {
            String target = ((Node.Menu) n).options().get(Dtmf.of(key));
            return target == null ? retry(n, ask, ask.invalid()) : enter(target);
        }
        if (n instanceof Node.Confirm) {
            Node.Confirm c = (Node.Confirm) n;
            return key == '1' ? enter(c.next()) : key == '2' ? enter(c.back()) : retry(n, ask, ask.invalid());
        }
        if (n instanceof Node.OfferInstallments) {
            for (PaymentPlan plan : offerable()) {
                if (plan.count() == key - '0') {
                    chosenPlan = Optional.of(plan);
                    return enter(((Node.OfferInstallments) n).next());
                }
            }
            return retry(n, ask, ask.invalid());
        }
        Node.Collect c = (Node.Collect) n;
        String expected = facts.debtor().documentDigits();
        boolean match = input.length() == c.length() && expected != null && expected.length() >= c.length()
                && expected.startsWith(input.digits());
        return enter(match ? c.next() : c.onMismatch());
    }

    private FlowCommand retry(Node n, Node.Ask ask, List<PromptItem> why) {
        failures++;
        if (failures > ask.retries()) {
            return enter(ask.onFail());
        }
        return question(n, ask, why);
    }

    /** The installment plans that a single key can pick (2 to 9 payments). */
    private List<PaymentPlan> offerable() {
        List<PaymentPlan> out = new ArrayList<>();
        for (PaymentPlan p : facts.offers().installmentPlans()) {
            if (p.count() >= 2 && p.count() <= 9) {
                out.add(p);
            }
        }
        return out;
    }

    private List<Prompt> render(List<PromptItem> items) {
        List<Prompt> out = new ArrayList<>();
        for (PromptItem item : items) {
            if (item instanceof PromptItem.Fixed) {
                out.add(Prompt.of(facts.language().tag() + "/" + ((PromptItem.Fixed) item).name()));
            } else {
                out.addAll(toPrompts(variable(((PromptItem.Variable) item).name())));
            }
        }
        return out;
    }

    private List<dev.cobra.ivr.speech.Prompt> variable(String name) {
        if (PromptItem.Variable.DISCLOSING.contains(name)) {
            requireRightParty(current);
        }
        DebtorView d = facts.debtor();
        switch (name) {
            case "principal":
                return speaker.money(facts.offers().balance().principal(), d.currency());
            case "interest":
                return speaker.money(facts.offers().balance().interest(), d.currency());
            case "fees":
                return speaker.money(facts.offers().balance().fees(), d.currency());
            case "total":
                return speaker.money(facts.offers().balance().total(), d.currency());
            case "full-payment":
                return speaker.money(facts.offers().fullPayment().total(), d.currency());
            case "due-date":
                return speaker.date(d.dueDate());
            case "days-overdue": {
                long days = ChronoUnit.DAYS.between(d.dueDate(), facts.today());
                return days >= 1 ? speaker.daysOverdue(days) : List.of();
            }
            case "plan":
                return speaker.plan(plan(), d.currency());
            case "first-due-date":
                return speaker.date(plan().first().dueDate());
            case "payment-code":
                return speaker.digits(paymentCode.orElseThrow(() -> new IllegalStateException(
                        "$payment-code before record-agreement (flow=" + flow.name() + ", node=" + lastNode() + ")")));
            case "first-name":
                return d.firstName() == null ? List.of() : speaker.spell(d.firstName());
            case "callback-number":
                return speaker.digits(facts.callbackNumber());
            default:
                throw new IllegalStateException("variable $" + name + " (flow=" + flow.name() + ", node=" + lastNode() + ")");
        }
    }

    private PaymentPlan plan() {
        return chosenPlan.orElseThrow(() -> new IllegalStateException("$plan before a plan was chosen (flow=" + flow.name()
                + ", node=" + lastNode() + ")"));
    }

    private void requireRightParty(Node n) {
        if (!rightPartyConfirmed) {
            throw new IllegalStateException("node " + n.id() + " would disclose the debt before the right party was confirmed (flow="
                    + flow.name() + ")");
        }
    }

    private static List<Prompt> toPrompts(List<dev.cobra.ivr.speech.Prompt> speech) {
        List<Prompt> out = new ArrayList<>(speech.size());
        for (dev.cobra.ivr.speech.Prompt p : speech) {
            out.add(Prompt.of(p.path()));
        }
        return out;
    }

    private <T extends FlowInput> T expect(FlowInput input, Class<T> type) {
        if (!type.isInstance(input)) {
            throw new IllegalArgumentException("input " + input + " at node " + lastNode() + " (expected: " + type.getSimpleName()
                    + ", flow=" + flow.name() + ")");
        }
        return type.cast(input);
    }
}

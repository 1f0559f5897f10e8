package dev.cobra.ivr.flow;

import dev.cobra.ivr.CallContext;
import dev.cobra.ivr.Caller;
import dev.cobra.ivr.CallerException;
import dev.cobra.ivr.CallerHungUp;
import dev.cobra.ivr.Dtmf;
import dev.cobra.ivr.IvrApplication;
import dev.cobra.ivr.plan.InstallmentPlanner;
import dev.cobra.ivr.plan.Offers;
import dev.cobra.ivr.plan.PaymentPlan;
import dev.cobra.ivr.speech.SpeechLanguage;
import dev.cobra.pix.BrCode;
import dev.cobra.pix.PixCharge;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * Runs a flow from a {@link FlowLibrary} for each call a PBX hands over: loads the call's debtor
 * through {@link IvrRecords}, computes today's offers, then drives a {@link FlowRun} against the
 * {@link Caller} until the flow ends or the caller hangs up. Whatever happens, the last node reached
 * is recorded as the attempt's IVR progress, and the {@link IvrListener} hears the call's {@link IvrOutcome} (and
 * each new agreement's total) for the metrics.
 *
 * <p>The call must carry Cobra's call id (the PBX binding reads it from a channel variable); a call
 * without one, or with no open debt behind it, hears nothing about any debt and is hung up.
 *
 * <p>Thread-safe: each {@link #run} owns its own {@link FlowRun}; runs share only thread-safe
 * collaborators.
 */
public final class FlowApplication implements IvrApplication {
    private static final Currency BRL = Currency.getInstance("BRL");

    private final FlowLibrary library;
    private final String flowName;
    private final IvrRecords records;
    private final LongFunction<IvrSettings> settingsByCampaign;
    private final Predicate<LocalDate> businessDay;
    private final Clock clock;
    private final IvrListener listener;

    /**
     * @param settingsByCampaign the IVR settings of a campaign id
     * @param businessDay days a payment may fall due (see {@link InstallmentPlanner})
     */
    public FlowApplication(FlowLibrary library, String flowName, IvrRecords records, LongFunction<IvrSettings> settingsByCampaign,
            Predicate<LocalDate> businessDay, Clock clock) {
        this(library, flowName, records, settingsByCampaign, businessDay, clock, IvrListener.NONE);
    }

    /** As above, telling {@code listener} how each call ended and of each new agreement. */
    public FlowApplication(FlowLibrary library, String flowName, IvrRecords records, LongFunction<IvrSettings> settingsByCampaign,
            Predicate<LocalDate> businessDay, Clock clock, IvrListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.library = library;
        this.flowName = flowName;
        this.records = records;
        this.settingsByCampaign = settingsByCampaign;
        this.businessDay = businessDay;
        this.clock = clock;
    }

    @Override
    public void run(Caller caller, CallContext context) throws CallerException {
        Flow flow = library.flow(flowName);
        Optional<DebtorView> found = context.callId().flatMap(records::debtorForCall);
        if (found.isEmpty()) {
            listener.ended(OptionalLong.empty(), IvrOutcome.NO_DEBT, false);
            caller.hangup();
            return;
        }
        DebtorView debtor = found.get();
        IvrSettings settings = settingsByCampaign.apply(debtor.campaignId());
        LocalDate today = LocalDate.now(clock.withZone(debtor.zone()));
        Offers offers = new InstallmentPlanner(settings.policy(), businessDay).offers(debtor.balance(), today);
        SpeechLanguage language = language(context.language(), flow.languages());
        FlowRun run = new FlowRun(flow, new CallFacts(language, debtor, offers, today, settings.recordsCalls(),
                settings.verifyDocument(), settings.leaveMachineMessage(), pixAvailable(settings, debtor), settings.callbackNumber()));
        Tally tally = new Tally();
        try {
            FlowCommand command = run.start();
            while (true) {
                FlowInput input = carryOut(command, caller, debtor, settings, tally);
                if (command.isFinal()) {
                    tally.finished(debtor.machineAnswered() ? IvrOutcome.MACHINE_MESSAGE
                            : run.rightPartyConfirmed() ? IvrOutcome.DECLINED : IvrOutcome.NOT_CONFIRMED);
                    return;
                }
                command = run.onInput(input);
            }
        } catch (CallerHungUp e) {
            tally.finished(IvrOutcome.HUNG_UP);
            throw e;
        } finally {
            tally.finished(IvrOutcome.ERROR);
            listener.ended(OptionalLong.of(debtor.campaignId()), tally.outcome, run.rightPartyConfirmed());
            records.recordProgress(debtor.callId(), run.lastNode());
        }
    }

    /**
     * What the flow did so far (see {@link IvrOutcome} for the precedence): an agreement stands; other acts replace
     * each other; {@link #finished} fills in only when no act was recorded.
     */
    private static final class Tally {
        IvrOutcome outcome;

        void did(IvrOutcome act) {
            if (outcome != IvrOutcome.AGREEMENT) {
                outcome = act;
            }
        }

        void finished(IvrOutcome how) {
            if (outcome == null) {
                outcome = how;
            }
        }
    }

    private FlowInput carryOut(FlowCommand command, Caller caller, DebtorView debtor, IvrSettings settings, Tally tally)
            throws CallerException {
        if (command instanceof FlowCommand.Play) {
            caller.play(((FlowCommand.Play) command).prompts(), Dtmf.none());
            return new FlowInput.Played();
        }
        if (command instanceof FlowCommand.ReadDigits) {
            return new FlowInput.Digits(caller.readDigits(((FlowCommand.ReadDigits) command).request()));
        }
        if (command instanceof FlowCommand.RecordAgreement) {
            PaymentPlan plan = ((FlowCommand.RecordAgreement) command).plan();
            String code = PaymentCode.forAttempt(debtor.attemptId()).digits();
            StoredAgreement stored = records.recordAgreement(new NewAgreement(debtor, plan, debtor.currency(), code,
                    pixPayload(settings, debtor, plan, code), clock.instant()));
            tally.did(IvrOutcome.AGREEMENT);
            if (!stored.alreadyExisted()) {
                listener.agreement(debtor.campaignId(), debtor.currency(), plan.total());
            }
            return new FlowInput.AgreementRecorded(stored.paymentCode());
        }
        if (command instanceof FlowCommand.MarkWrongParty) {
            records.markWrongParty(debtor);
            tally.did(IvrOutcome.WRONG_PARTY);
            return new FlowInput.Done();
        }
        if (command instanceof FlowCommand.DoNotCall) {
            records.doNotCall(debtor);
            tally.did(IvrOutcome.DO_NOT_CALL);
            return new FlowInput.Done();
        }
        if (command instanceof FlowCommand.ScheduleCallback) {
            records.scheduleCallback(debtor);
            tally.did(IvrOutcome.CALLBACK);
            return new FlowInput.Done();
        }
        if (command instanceof FlowCommand.Transfer) {
            FlowCommand.Transfer t = (FlowCommand.Transfer) command;
            playIfAny(caller, t.prompts());
            caller.transfer(t.target());
            tally.did(IvrOutcome.TRANSFERRED);
            return new FlowInput.Done();
        }
        playIfAny(caller, ((FlowCommand.Hangup) command).prompts());
        caller.hangup();
        return new FlowInput.Done();
    }

    private static void playIfAny(Caller caller, List<dev.cobra.ivr.Prompt> prompts) throws CallerException {
        if (!prompts.isEmpty()) {
            caller.play(prompts, Dtmf.none());
        }
    }

    private static boolean pixAvailable(IvrSettings settings, DebtorView debtor) {
        return settings.pix().isPresent() && debtor.currency().equals(BRL);
    }

    /** The Pix payload for the first payment, when the debt is in reais and the creditor has a key. */
    static Optional<String> pixPayload(IvrSettings settings, DebtorView debtor, PaymentPlan plan, String paymentCode) {
        if (!pixAvailable(settings, debtor)) {
            return Optional.empty();
        }
        IvrSettings.PixPayee payee = settings.pix().get();
        return Optional.of(BrCode.encode(PixCharge.of(payee.key(), payee.merchantName(), payee.merchantCity(),
                Optional.of(plan.first().amount()), "COBRA" + paymentCode, Optional.of("ACORDO " + paymentCode))));
    }

    /** The channel's language ({@code pt_BR}, {@code pt-BR}, {@code en_US} ...) if the flow speaks it, else the flow's first. */
    static SpeechLanguage language(String channelLanguage, List<SpeechLanguage> spoken) {
        String l = channelLanguage == null ? "" : channelLanguage.toLowerCase(Locale.ROOT);
        SpeechLanguage wanted = l.startsWith("pt") ? SpeechLanguage.PT_BR : l.startsWith("en") ? SpeechLanguage.EN : null;
        return wanted != null && spoken.contains(wanted) ? wanted : spoken.get(0);
    }
}

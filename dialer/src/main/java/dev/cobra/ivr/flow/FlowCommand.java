package dev.cobra.ivr.flow;

import dev.cobra.ivr.DigitRequest;
import dev.cobra.ivr.Prompt;
import dev.cobra.ivr.TransferTarget;
import dev.cobra.ivr.plan.PaymentPlan;
import java.util.List;

/**
 * What a {@link FlowRun} asks its driver to do next. Each command is answered with one
 * {@link FlowInput}: {@link Play} with {@link FlowInput.Played}, {@link ReadDigits} with
 * {@link FlowInput.Digits}, {@link RecordAgreement} with {@link FlowInput.AgreementRecorded}, the
 * other non-final commands with {@link FlowInput.Done}. {@link Transfer} and {@link Hangup} end the
 * run.
 */
public sealed interface FlowCommand permits FlowCommand.Play, FlowCommand.ReadDigits, FlowCommand.RecordAgreement,
        FlowCommand.MarkWrongParty, FlowCommand.DoNotCall, FlowCommand.ScheduleCallback, FlowCommand.Transfer,
        FlowCommand.Hangup {

    /** True for the commands after which the flow is over. */
    default boolean isFinal() {
        return false;
    }

    /** Play prompts to the end (no key interrupts). */
    record Play(List<Prompt> prompts) implements FlowCommand {
        public Play {
            prompts = List.copyOf(prompts);
        }
    }

    /**
     * Play and read keys. {@code masked}: the digits are personal data (part of a document):
     * never log them, not even their values in a trace.
     */
    record ReadDigits(DigitRequest request, boolean masked) implements FlowCommand {}

    /** Store the plan as this call's agreement (once per call: a retry returns the same one). */
    record RecordAgreement(PaymentPlan plan) implements FlowCommand {}

    /** The person said they are not the debtor: mark the dialled phone as wrong party. */
    record MarkWrongParty() implements FlowCommand {}

    /** The person asked not to be called again. */
    record DoNotCall() implements FlowCommand {}

    /** The person asked to be called back later. */
    record ScheduleCallback() implements FlowCommand {}

    /** Play the prompts, then hand the call to the target. Final. */
    record Transfer(List<Prompt> prompts, TransferTarget target) implements FlowCommand {
        public Transfer {
            prompts = List.copyOf(prompts);
        }

        @Override
        public boolean isFinal() {
            return true;
        }
    }

    /** Play the prompts, then hang up. Final. */
    record Hangup(List<Prompt> prompts) implements FlowCommand {
        public Hangup {
            prompts = List.copyOf(prompts);
        }

        @Override
        public boolean isFinal() {
            return true;
        }
    }
}

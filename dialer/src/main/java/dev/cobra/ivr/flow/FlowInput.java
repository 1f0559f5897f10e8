package dev.cobra.ivr.flow;

import dev.cobra.ivr.DigitInput;

/** What happened when the driver carried out a {@link FlowCommand}; see there for which answers which. */
public sealed interface FlowInput permits FlowInput.Played, FlowInput.Digits, FlowInput.AgreementRecorded, FlowInput.Done {
    /** The prompts played to the end. */
    record Played() implements FlowInput {}

    /** The caller's keys (masked in {@code toString}), or a timeout with none. */
    record Digits(DigitInput input) implements FlowInput {}

    /** The agreement is stored; {@code paymentCode} is read back to the caller (digits only). */
    record AgreementRecorded(String paymentCode) implements FlowInput {
        public AgreementRecorded {
            if (!paymentCode.matches("[0-9]{1,20}")) {
                throw new IllegalArgumentException("paymentCode: expected 1-20 digits");
            }
        }
    }

    /** A side effect (wrong party, do-not-call, callback) is recorded. */
    record Done() implements FlowInput {}
}

package dev.cobra.ivr.flow;

import dev.cobra.ivr.plan.Offers;
import dev.cobra.ivr.speech.SpeechLanguage;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Everything a {@link FlowRun} reads about one call, fixed when the run starts.
 *
 * @param language the language prompts are played in
 * @param debtor the debtor and debt
 * @param offers what the policy allows today
 * @param today the debtor's local date (for days overdue)
 * @param recordsCalls the campaign records calls
 * @param verifyDocument the campaign asks for the first document digits
 * @param leaveMachineMessage leave the limited-content message on machines (else hang up)
 * @param pixAvailable an agreement gets a Pix payload
 * @param callbackNumber the number read to machines, digits only ("" for none)
 */
public record CallFacts(SpeechLanguage language, DebtorView debtor, Offers offers, LocalDate today, boolean recordsCalls,
        boolean verifyDocument, boolean leaveMachineMessage, boolean pixAvailable, String callbackNumber) {
    public CallFacts {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(debtor, "debtor");
        Objects.requireNonNull(offers, "offers");
        Objects.requireNonNull(today, "today");
        if (!callbackNumber.matches("[0-9]{0,20}")) {
            throw new IllegalArgumentException("callbackNumber: expected up to 20 digits");
        }
    }

    boolean holds(Condition c) {
        switch (c) {
            case RECORDS_CALLS:
                return recordsCalls;
            case VERIFY_DOCUMENT:
                return verifyDocument;
            case HAS_DISCOUNT:
                return offers.fullPayment().discount().signum() > 0;
            case HAS_INSTALLMENTS:
                return !offers.installmentPlans().isEmpty();
            case HAS_PIX:
                return pixAvailable;
            case LEAVE_MACHINE_MESSAGE:
                return leaveMachineMessage;
            default:
                throw new IllegalStateException("condition " + c);
        }
    }
}

package dev.cobra.store;

import java.math.BigDecimal;
import java.util.List;

/**
 * What an agent's screen shows for the call it holds: who (name, masked document and phone), what is owed (each debt
 * itemised), what happened before (attempts with outcome, disposition and how far the IVR got; promises; agreements
 * with their installments) and what can be offered now (plans from the campaign's installment policy). Times are ISO
 * strings, amounts BigDecimal with cents. The full name is shown: the agent must confirm the right party before
 * disclosing the debt; the document and phone are masked (the agent never needs them whole).
 */
public record DebtorScreen(String callId, long campaignId, Debtor debtor, String phoneMasked, CurrentCall call, List<Debt> debts,
                           BigDecimal totalOwed, String currency, List<PastAttempt> attempts, List<Promise> promises,
                           List<AgreementView> agreements, List<Plan> plans) {
    public DebtorScreen {
        debts = List.copyOf(debts);
        attempts = List.copyOf(attempts);
        promises = List.copyOf(promises);
        agreements = List.copyOf(agreements);
        plans = List.copyOf(plans);
    }

    public record Debtor(long id, String externalId, String name, String documentMasked, String documentType, String state) {}

    /** This call: when it was placed and answered, the machine-detection verdict and the last IVR node reached. */
    public record CurrentCall(String placedAt, String answeredAt, String amd, String ivrProgress) {}

    public record Debt(String contract, BigDecimal principal, BigDecimal interest, BigDecimal fees, BigDecimal total, String currency,
                       String dueDate, String status, String promiseUntil) {}

    public record PastAttempt(String callId, String placedAt, String answeredAt, String endedAt, String outcome, String disposition,
                              String ivrProgress, String callbackAt) {}

    public record Promise(String contract, String until) {}

    public record AgreementView(long id, String createdAt, String channel, String plan, BigDecimal total, String currency,
                                List<InstallmentView> installments) {
        public AgreementView {
            installments = List.copyOf(installments);
        }
    }

    public record InstallmentView(int number, String dueDate, BigDecimal amount) {}

    /** One offer: "full" (with its discount) or N installments. */
    public record Plan(String kind, int count, BigDecimal total, BigDecimal discount, BigDecimal interest, List<InstallmentView> installments) {
        public Plan {
            installments = List.copyOf(installments);
        }
    }
}

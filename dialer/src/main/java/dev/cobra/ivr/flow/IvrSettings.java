package dev.cobra.ivr.flow;

import dev.cobra.ivr.plan.InstallmentPolicy;
import dev.cobra.pix.PixKey;
import java.util.Objects;
import java.util.Optional;

/**
 * A campaign's IVR settings.
 *
 * @param policy what may be offered
 * @param recordsCalls the campaign records calls (the flow says so: São Paulo law 14.953/2013)
 * @param verifyDocument ask for the first digits of the CPF after the right-party key
 * @param leaveMachineMessage on an answering machine, leave the limited-content message (else hang up)
 * @param callbackNumber the number read in the machine message, digits only ("" for none)
 * @param pix the creditor's Pix key, name and city, for the first payment's payload
 */
public record IvrSettings(InstallmentPolicy policy, boolean recordsCalls, boolean verifyDocument, boolean leaveMachineMessage,
        String callbackNumber, Optional<PixPayee> pix) {
    public IvrSettings {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(callbackNumber, "callbackNumber");
        Objects.requireNonNull(pix, "pix");
    }

    /** Who Pix payments go to (BR Code fields 26, 59, 60). */
    public record PixPayee(PixKey key, String merchantName, String merchantCity) {}
}

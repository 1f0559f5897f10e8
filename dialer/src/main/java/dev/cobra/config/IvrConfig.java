package dev.cobra.config;

import dev.cobra.ivr.flow.IvrSettings;
import dev.cobra.ivr.plan.InstallmentPolicy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code ivr} section: which flows serve calls and what they may offer.
 *
 * @param flows               flow files, or directories whose {@code *.yaml} are flows; empty = the flows shipped in the jar
 * @param zone                a debtor's time zone when the store has none (dates of payments are the debtor's dates)
 * @param policy              the installments offered by keypad
 * @param verifyDocument      ask for the first digits of the CPF after the right-party key
 * @param leaveMachineMessage on an answering machine, leave the limited-content message (else hang up)
 * @param callbackNumber      the number read in the machine message, digits only ("" for none)
 * @param pix                 who Pix payments go to, if the creditor takes Pix
 */
public record IvrConfig(List<Path> flows, ZoneId zone, InstallmentPolicy policy, boolean verifyDocument,
                        boolean leaveMachineMessage, String callbackNumber, Optional<IvrSettings.PixPayee> pix) {
    /** The shipped flows, as resources in the jar. */
    public static final List<String> SHIPPED_FLOWS = List.of("ivr-flows/collection.yaml");

    public IvrConfig {
        flows = List.copyOf(flows);
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(pix, "pix");
    }

    /** The IVR settings of a campaign (whether it records calls is the campaign's). */
    public IvrSettings settings(boolean recordsCalls) {
        return new IvrSettings(policy, recordsCalls, verifyDocument, leaveMachineMessage, callbackNumber, pix);
    }

    /** Up to 6 installments of at least R$ 50, no interest, 10 % off in full, first due in 5 days, CDC fee cap. */
    public static InstallmentPolicy defaultPolicy() {
        return new InstallmentPolicy(6, new BigDecimal("50.00"), BigDecimal.ZERO, new BigDecimal("0.10"), BigDecimal.ZERO, 5,
                RoundingMode.HALF_EVEN, true);
    }

    public static IvrConfig defaults() {
        return new IvrConfig(List.of(), ZoneId.of("America/Sao_Paulo"), defaultPolicy(), false, true, "", Optional.empty());
    }
}

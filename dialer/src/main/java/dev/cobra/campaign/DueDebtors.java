package dev.cobra.campaign;

import dev.cobra.compliance.DebtorFacts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The campaign's due debtors, as the store hands them out (claims with leases). */
public interface DueDebtors {
    /** A claimed debtor; {@code lease} is opaque to the core and handed back on release. */
    record Claimed(long debtorId, Object lease) {}

    /** Claims up to {@code n} debtors due at {@code now}. */
    List<Claimed> claim(int n, Instant now);

    /** The debtor's facts for the compliance engine. */
    Optional<DebtorFacts> facts(long debtorId, Instant now);

    /** Gives the debtor back, due again at {@code next}. Returns false if the lease was lost. */
    boolean release(Claimed claimed, Instant next, String reason);

    /** Takes the debtor out of the campaign for good ({@code nextStage}: hand to the next collection stage). */
    boolean retire(Claimed claimed, boolean nextStage, String reason);

    /** Keeps a live call's claim from expiring. */
    boolean extend(Claimed claimed, Instant until);
}

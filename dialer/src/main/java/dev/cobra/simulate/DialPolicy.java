package dev.cobra.simulate;

import java.time.Instant;

/**
 * Whether a number may be dialled now: the seam where the compliance engine ({@code dev.cobra.compliance}) plugs into
 * the simulation. The simulation asks before every originate and its PBX checks again, so a call against the policy
 * fails the run.
 */
@FunctionalInterface
public interface DialPolicy {
    boolean allows(String number, Instant at);

    /** Everything allowed (the benchmark's default: the list is all due, inside the window). */
    static DialPolicy allowAll() {
        return (number, at) -> true;
    }
}

package dev.cobra.compliance;

import java.time.ZoneId;
import java.util.Objects;

/**
 * One place the debtor may be: a zone for the clock and a region (UF, US state) for regional
 * holidays, or null when the region is unknown. A time is legal only when it is legal for every
 * candidate.
 */
public record ZoneCandidate(ZoneId zone, String region) {
    public ZoneCandidate {
        Objects.requireNonNull(zone, "zone");
    }
}

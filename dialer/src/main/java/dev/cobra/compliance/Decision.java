package dev.cobra.compliance;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The engine's answer for one debtor at one instant.
 *
 * @param decidedAt the instant decided for
 * @param allowed true when the debtor may be dialed now, on {@link #phone()}
 * @param phone the phone to dial now (allowed) or at {@link #nextEligible()} (not allowed), or
 *     null when no phone can ever be dialed
 * @param reason {@link SkipReason#NONE} when allowed, else the constraint that sets the next
 *     eligible instant (the last one to clear)
 * @param nextEligible the earliest instant at or after {@code decidedAt} at which a call is
 *     allowed ({@code decidedAt} itself when allowed), or null when never (see the reason)
 * @param zones the candidate zones the windows were computed in, for the chosen phone
 * @param detail plain words on the reason, e.g. "outside calling window (BR: Sat 08–14)"; holds
 *     no personal data
 */
public record Decision(
        Instant decidedAt,
        boolean allowed,
        PhoneFacts phone,
        SkipReason reason,
        Instant nextEligible,
        List<ZoneId> zones,
        String detail) {
    public Decision {
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(reason, "reason");
        zones = List.copyOf(zones);
        Objects.requireNonNull(detail, "detail");
        if (allowed != (reason == SkipReason.NONE)) {
            throw new IllegalArgumentException("allowed: " + allowed + " with reason " + reason);
        }
        if (allowed && !decidedAt.equals(nextEligible)) {
            throw new IllegalArgumentException("nextEligible: " + nextEligible + " (expected: " + decidedAt + " when allowed)");
        }
    }

    /** The next eligible instant, empty when the debtor is never to be called again here. */
    public Optional<Instant> next() {
        return Optional.ofNullable(nextEligible);
    }

    /** True when no future call is possible under this policy (next stage, do not call...). */
    public boolean never() {
        return nextEligible == null;
    }

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    /**
     * The plain-words answer to "why was (or wasn't) this debtor called?", for {@code cobra why}
     * and the HTTP API, e.g. "next call 2026-11-25 08:00 America/Manaus: outside calling window
     * (BR: Sat 08–14)". Times are shown in every candidate zone. No personal data.
     */
    public String explain() {
        if (allowed) {
            return "may be called now, " + local(decidedAt) + ", on phone #" + phone.phoneId();
        }
        if (nextEligible == null) {
            return "no further calls: " + detail;
        }
        return "next call " + local(nextEligible) + (phone != null ? " on phone #" + phone.phoneId() : "") + ": " + detail;
    }

    private String local(Instant t) {
        if (zones.isEmpty()) {
            return MINUTES.format(LocalDateTime.ofInstant(t, java.time.ZoneOffset.UTC)) + " UTC";
        }
        var text = new StringBuilder();
        LocalDateTime first = LocalDateTime.ofInstant(t, zones.get(0));
        text.append(MINUTES.format(first)).append(' ').append(zones.get(0));
        for (int i = 1; i < zones.size(); i++) {
            LocalDateTime other = LocalDateTime.ofInstant(t, zones.get(i));
            text.append(i == 1 ? " (" : ", ")
                    .append(other.toLocalDate().equals(first.toLocalDate()) ? CLOCK.format(other) : MINUTES.format(other))
                    .append(' ').append(zones.get(i));
        }
        return zones.size() > 1 ? text.append(')').toString() : text.toString();
    }
}

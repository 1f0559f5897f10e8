package dev.cobra.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One jurisdiction's calling rules as a campaign applies them: loaded from a preset
 * ({@link PresetLoader}), optionally tightened per campaign ({@link #tighten}). Immutable.
 *
 * @param name preset name, e.g. "BR-SP" (used in explanations: "(BR-SP: Sat 08–14)")
 * @param jurisdiction country: area codes and zones
 * @param window weekly calling window in the debtor's local time
 * @param holidays days without calls
 * @param caps frequency caps
 * @param cadence the régua
 * @param telecom ring timeout, abandon rate, short calls
 */
public record Policy(String name, Jurisdiction jurisdiction, CallingWindow window, HolidayCalendar holidays,
                     Caps caps, Cadence cadence, TelecomRules telecom) {
    public Policy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(holidays, "holidays");
        Objects.requireNonNull(caps, "caps");
        Objects.requireNonNull(cadence, "cadence");
        Objects.requireNonNull(telecom, "telecom");
    }

    /** A campaign's changes to its preset; null fields keep the preset's value. */
    public record Overrides(CallingWindow window, HolidayCalendar extraHolidays, Caps caps, Cadence cadence,
                            TelecomRules telecom, Set<String> allowLoosening) {
        public Overrides {
            allowLoosening = Set.copyOf(allowLoosening);
        }
    }

    /**
     * The policy with a campaign's overrides applied, and the loosenings the campaign asked for
     * explicitly (the caller logs each one).
     */
    public record Tightened(Policy policy, List<String> loosenings) {
        public Tightened {
            loosenings = List.copyOf(loosenings);
        }
    }

    /**
     * Applies overrides. Tightening is always accepted. A looser value (a wider window, a higher
     * cap, a shorter delay) is accepted only when its field name ("window", "caps.lifetimeAttempts",
     * "cadence.retryAfterOutcome.BUSY", ...) is in {@code allowLoosening}, and is reported;
     * otherwise this throws, naming every such field.
     */
    public Tightened tighten(Overrides o) {
        var looser = new ArrayList<String>();
        if (o.window() != null && !window.covers(o.window())) looser.add("window");
        if (o.caps() != null) looser.addAll(caps.loosenedBy(o.caps()));
        if (o.cadence() != null) looser.addAll(cadence.loosenedBy(o.cadence()));
        if (o.telecom() != null) looser.addAll(telecom.loosenedBy(o.telecom()));
        var refused = new ArrayList<String>();
        for (String field : looser) {
            if (!o.allowLoosening().contains(field)) refused.add(field);
        }
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException("campaign overrides loosen preset " + name + ": " + refused
                    + " (expected: tighter values, or the field listed in allowLoosening)");
        }
        var tightened = new Policy(name,
                jurisdiction,
                o.window() != null ? o.window() : window,
                o.extraHolidays() != null ? holidays.plus(o.extraHolidays()) : holidays,
                o.caps() != null ? o.caps() : caps,
                o.cadence() != null ? o.cadence() : cadence,
                o.telecom() != null ? o.telecom() : telecom);
        return new Tightened(tightened, looser);
    }
}

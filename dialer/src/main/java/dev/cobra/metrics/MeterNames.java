package dev.cobra.metrics;

/**
 * Every Cobra meter name, in Micrometer's dotted-free form; the Prometheus registry adds the base unit and
 * {@code _total} (a timer {@code cobra_handoff} is served as {@code cobra_handoff_seconds_bucket} ...). Tags, from
 * fixed sets only: {@code campaign} (the campaign code), {@code outcome}, {@code reason}, {@code state}, {@code pbx}.
 * The Grafana dashboard ({@code config/grafana/dashboards}) queries these names; {@code DashboardTest} checks it.
 */
public final class MeterNames {
    /** Prefix of every Cobra meter (Prometheus naming: base units, {@code _total} for counters). */
    public static final String PREFIX = "cobra_";

    // Campaign runners (CampaignMeters)
    public static final String CALLS_PLACED = "cobra_calls_placed";
    public static final String CALLS_ENDED = "cobra_calls_ended";
    public static final String CALLS_SHORT = "cobra_calls_short";
    public static final String CALLS_IN_FLIGHT = "cobra_calls_in_flight";
    public static final String COMPLIANCE_SKIPS = "cobra_compliance_skips";
    public static final String CLAIMS = "cobra_claims";
    public static final String LEASES_LOST = "cobra_leases_lost";
    public static final String PAUSED_TICKS = "cobra_dialing_paused_ticks";
    public static final String DIAL_RATIO = "cobra_dial_ratio";
    public static final String PACED_CALLS = "cobra_paced_calls";
    public static final String PACED_READY_AGENTS = "cobra_paced_ready_agents";
    public static final String ABANDON_RATIO = "cobra_abandon_ratio";

    // Agents (AgentMeters)
    public static final String AGENTS = "cobra_agents";
    public static final String HANDOFF = "cobra_handoff";

    // IVR and agreements (IvrMeters)
    public static final String IVR_CALLS = "cobra_ivr_calls";
    public static final String IVR_RIGHT_PARTY = "cobra_ivr_right_party_confirmed";
    public static final String AGREEMENTS = "cobra_agreements";
    public static final String AGREEMENTS_AMOUNT = "cobra_agreements_amount";

    // PBX connections (PbxMeters)
    public static final String PBX_UP = "cobra_pbx_up";
    public static final String PBX_CALLS = "cobra_pbx_calls";
    public static final String PBX_REFUSED = "cobra_pbx_originates_refused";

    private MeterNames() {}
}

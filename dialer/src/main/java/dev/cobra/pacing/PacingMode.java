package dev.cobra.pacing;

/** How a campaign decides how many calls to place; chosen per campaign in configuration. */
public enum PacingMode {
    /** The agent sees the debtor first and chooses to dial or skip: the pacer never dials on its own. */
    PREVIEW,
    /** One call per ready agent, never more: no abandons by construction. */
    PROGRESSIVE,
    /** A fixed ratio of calls per ready agent (e.g. 1.5): simple over-dial, abandons not controlled. */
    POWER,
    /** The model in {@link PredictivePacer}: over-dial as far as the expected abandon rate allows. */
    PREDICTIVE
}

package dev.cobra.calls;

/**
 * Where a live call goes, in domain terms; each PBX adapter maps these to its own dialplan or
 * applications (Asterisk: contexts from {@code config/asterisk/extensions.conf}).
 */
public sealed interface Destination {
    /** The IVR application {@code name} (Asterisk: FastAGI script; FreeSWITCH: outbound socket). */
    record Ivr(String name) implements Destination {}

    /** Parked in silence, waiting to be moved to an agent or to the abandon message. */
    record Hold() implements Destination {}

    /** Joined to the agent's nailed-up leg, where the agent is already on the line (Asterisk: the AMI Bridge action). */
    record Agent(String agentId) implements Destination {}

    /** The information message for a live call no agent could take (company and callback number, no debt detail), then hang-up. */
    record AbandonMessage() implements Destination {}
}

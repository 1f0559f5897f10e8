package dev.cobra.calls;

import java.util.Objects;

/**
 * An agent's nailed-up leg as the PBX knows it: the server it lives on, the agent id (Asterisk: its exten in the agent
 * context), and the PBX's own names for it (Asterisk: channel name and Uniqueid). What a node saves about each session,
 * so that after a restart it can tell its own legs from another node's ({@link Pbx#findAgentLegs}).
 */
public record AgentLeg(String pbx, String agentId, String channel, String uniqueid) {
    public AgentLeg {
        Objects.requireNonNull(pbx, "pbx");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(uniqueid, "uniqueid");
    }
}

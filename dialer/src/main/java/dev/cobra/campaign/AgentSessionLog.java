package dev.cobra.campaign;

import java.util.Objects;
import java.util.Set;

/**
 * Where {@link AgentSessions} saves each agent's session as it changes (implemented by the store: one row per agent,
 * with the node that owns it). Called on the core thread; an implementation writes at once (a restart must find the
 * state the node last had) and keeps no reference to the records.
 */
public interface AgentSessionLog {
    /** Saves nothing (tests, and nodes without a database). */
    AgentSessionLog NONE = saved -> { };

    /** The state of a session whose leg is not up yet (not an agent state: the agent is still logged out). */
    String OPENING = "OPENING";

    /**
     * One agent's session as last saved.
     *
     * @param state       {@link #OPENING} or an {@link dev.cobra.agents.AgentState} name
     * @param pbx         the server the leg lives on; null until the leg is up
     * @param channel     the leg's channel; null until the leg is up
     * @param uniqueid    the leg's PBX id; null until the leg is up
     * @param pauseReason the pause reason while PAUSED, else null
     * @param callId      the call held while ON_CALL, else null
     */
    record Saved(String agentId, String extension, Set<String> campaigns, String state, String pbx, String channel,
                 String uniqueid, String pauseReason, String callId) {
        public Saved {
            Objects.requireNonNull(agentId, "agentId");
            Objects.requireNonNull(extension, "extension");
            campaigns = Set.copyOf(campaigns);
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * Saves the session. A {@code LOGGED_OUT} save only changes a row this node owns: an agent that logged in on another
     * node since is that node's.
     */
    void save(Saved session);
}

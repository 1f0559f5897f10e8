package dev.cobra.agents;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an agent is. The allowed transitions (anything else is refused with {@link IllegalStateException}):
 *
 * <pre>
 * LOGGED_OUT --login--------------------&gt; READY | PAUSED  (with PBX agent legs: once the leg is up; see
 *                                                         campaign.AgentSessions)
 * READY      --assign(call)-------------&gt; ON_CALL
 * READY      --preview(debtor reserved)-&gt; PREVIEW   (preview campaigns: one debtor is held for this agent)
 * READY      --pause(reason)------------&gt; PAUSED
 * PREVIEW    --dial(call)---------------&gt; ON_CALL   (holds the call from the originate: it rings while the agent
 *                                                    waits on its leg, and is joined to this agent only)
 * PREVIEW    --skip / timeout / release-&gt; READY     (the debtor goes back to the queue)
 * PREVIEW    --pause(reason)------------&gt; PAUSED    (the debtor goes back to the queue)
 * PAUSED     --ready--------------------&gt; READY
 * ON_CALL    --call ended---------------&gt; WRAP_UP   (timer starts; the agent may set a disposition)
 * WRAP_UP    --ready / dispose / timer--&gt; READY     (or PAUSED when a pause was asked for during the call)
 * WRAP_UP    --pause(reason)------------&gt; PAUSED
 * any        --logout / leg dropped-----&gt; LOGGED_OUT (a call in progress is released to the caller of the hook)
 * </pre>
 * An agent in ON_CALL holds exactly one call; no other state holds a call. A PREVIEW agent holds no call and is never
 * offered one ({@link AgentPool#assign} takes READY agents only); which debtor it previews is the campaign's business
 * ({@code campaign.PreviewDesk}), not the pool's.
 */
public enum AgentState {
    LOGGED_OUT, READY, PREVIEW, ON_CALL, WRAP_UP, PAUSED;

    private Set<AgentState> next;

    static {
        LOGGED_OUT.next = EnumSet.of(READY, PAUSED);
        READY.next = EnumSet.of(ON_CALL, PREVIEW, PAUSED, LOGGED_OUT);
        PREVIEW.next = EnumSet.of(ON_CALL, READY, PAUSED, LOGGED_OUT);
        PAUSED.next = EnumSet.of(READY, LOGGED_OUT);
        ON_CALL.next = EnumSet.of(WRAP_UP, LOGGED_OUT);
        WRAP_UP.next = EnumSet.of(READY, PAUSED, LOGGED_OUT);
    }

    /** True when the drawing in the class comment allows going from this state to {@code to}. */
    public boolean canGoTo(AgentState to) {
        return next.contains(to);
    }

    /** Logged in: counts towards the agent time a shift is measured against. */
    public boolean loggedIn() {
        return this != LOGGED_OUT;
    }
}

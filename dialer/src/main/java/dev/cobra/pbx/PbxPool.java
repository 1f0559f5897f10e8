package dev.cobra.pbx;

import dev.cobra.calls.CallEvent;
import dev.cobra.calls.CallId;
import dev.cobra.calls.CallRequest;
import dev.cobra.calls.Destination;
import dev.cobra.calls.Pbx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several PBX servers behind one {@link Pbx}: each originate goes to the available member with the most free
 * capacity ({@code maxConcurrentCalls} minus the calls it holds; ties to the first listed); the member that placed a
 * call keeps it (hang-up, move and variables go there) until the call's final event. When no member is available or
 * has room, the call ends at once with {@code NotAnswered(NOT_PLACED)} and is counted, never queued silently.
 *
 * <p><b>Agent legs.</b> An agent's leg lives on one member (the available one hosting the fewest legs when it is
 * opened) until it is down. A call can only be bridged to a leg on its own member ({@link #canJoin}), so calls that
 * wait for an agent ({@link Destination.Hold} on answer) go to the member with room that hosts the most agent legs
 * (then the most room): that is where the agents are.
 *
 * <p>The pool is available while any member is; the listener hears each member's availability under its own name.
 * Thread-safe: members may call back on their own threads.
 */
public final class PbxPool implements Pbx {
    private static final Logger log = LoggerFactory.getLogger(PbxPool.class);

    /** A server and how many calls it may hold at once (keep it at or under the server's own limit). */
    public record Member(Pbx pbx, int maxConcurrentCalls) {
        public Member {
            Objects.requireNonNull(pbx, "pbx");
            if (maxConcurrentCalls < 1) {
                throw new IllegalArgumentException("maxConcurrentCalls: " + maxConcurrentCalls + " (expected: >= 1)");
            }
        }
    }

    private final String name;
    private final List<Member> members;
    private final Clock clock;
    private final Map<Pbx, AtomicInteger> holding = new ConcurrentHashMap<>();
    private final Map<CallId, Member> owners = new ConcurrentHashMap<>();
    /** Agent id to the member holding its leg (opening or up). */
    private final Map<String, Member> agentOwners = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private volatile Listener listener = new Listener() {
        @Override
        public void onCallEvent(CallEvent event) {}

        @Override
        public void onAvailability(String pbx, boolean available) {}
    };

    public PbxPool(String name, List<Member> members, Clock clock) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("members: empty (expected: at least one PBX)");
        }
        this.name = name;
        this.members = List.copyOf(members);
        this.clock = clock;
        for (Member m : this.members) {
            holding.put(m.pbx(), new AtomicInteger());
            m.pbx().setListener(new Forwarder(m));
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void originate(CallRequest request) {
        String agent = request.variables().get(CallRequest.AGENT_VARIABLE);
        Member chosen = agent != null ? chooseFor(agent) : choose(request.onAnswer() instanceof Destination.Hold);
        if (chosen == null) {
            refused.incrementAndGet();
            log.warn("call {} not placed: no PBX of pool {} is available with room ({})", request.id(), name, load());
            listener.onCallEvent(new CallEvent.NotAnswered(request.id(), clock.instant(), CallEvent.NoAnswerReason.NOT_PLACED, 0));
            return;
        }
        owners.put(request.id(), chosen);
        chosen.pbx().originate(request);
    }

    /** Reserves a slot on the member hosting the agent's leg (a call that agent already holds), or returns null. */
    private synchronized Member chooseFor(String agentId) {
        Member m = agentOwners.get(agentId);
        if (m == null || !m.pbx().available() || m.maxConcurrentCalls() - holding.get(m.pbx()).get() <= 0) {
            return null;
        }
        holding.get(m.pbx()).incrementAndGet();
        return m;
    }

    /**
     * Reserves a slot on the member with the most room, or returns null. With {@code nearAgents}, the member hosting
     * the most agent legs comes first.
     */
    private synchronized Member choose(boolean nearAgents) {
        Member best = null;
        int bestFree = 0;
        int bestLegs = 0;
        for (Member m : members) {
            int free = m.maxConcurrentCalls() - holding.get(m.pbx()).get();
            int legs = nearAgents ? legsOn(m) : 0;
            if (m.pbx().available() && free > 0 && (best == null || legs > bestLegs || legs == bestLegs && free > bestFree)) {
                best = m;
                bestFree = free;
                bestLegs = legs;
            }
        }
        if (best != null) {
            holding.get(best.pbx()).incrementAndGet();
        }
        return best;
    }

    @Override
    public void hangup(CallId id) {
        Member m = owners.get(id);
        if (m != null) {
            m.pbx().hangup(id);
        }
    }

    @Override
    public void move(CallId id, Destination destination) {
        Member m = owners.get(id);
        if (m != null) {
            m.pbx().move(id, destination);
        }
    }

    @Override
    public void setVariable(CallId id, String variable, String value) {
        Member m = owners.get(id);
        if (m != null) {
            m.pbx().setVariable(id, variable, value);
        }
    }

    @Override
    public void openAgentLeg(String agentId, String endpoint) {
        Member chosen;
        synchronized (this) {
            chosen = agentOwners.get(agentId);
            if (chosen == null) {
                for (Member m : members) {
                    if (m.pbx().available() && (chosen == null || legsOn(m) < legsOn(chosen))) {
                        chosen = m;
                    }
                }
                if (chosen != null) {
                    agentOwners.put(agentId, chosen);
                }
            }
        }
        if (chosen == null) {
            log.warn("agent {}'s leg not opened: no PBX of pool {} is available", agentId, name);
            listener.onAgentLeg(name, agentId, false);
            return;
        }
        chosen.pbx().openAgentLeg(agentId, endpoint);
    }

    private int legsOn(Member m) {
        int n = 0;
        for (Member held : agentOwners.values()) {
            n += held == m ? 1 : 0;
        }
        return n;
    }

    @Override
    public void closeAgentLeg(String agentId) {
        Member m = agentOwners.get(agentId);
        if (m != null) {
            m.pbx().closeAgentLeg(agentId);
        }
    }

    @Override
    public Optional<dev.cobra.calls.AgentLeg> agentLeg(String agentId) {
        Member m = agentOwners.get(agentId);
        return m == null ? Optional.empty() : m.pbx().agentLeg(agentId);
    }

    /** Every member's agent legs; a member that is down or fails to list them fails the whole answer. */
    @Override
    public java.util.concurrent.CompletableFuture<List<dev.cobra.calls.AgentLeg>> findAgentLegs() {
        List<java.util.concurrent.CompletableFuture<List<dev.cobra.calls.AgentLeg>>> asks = new ArrayList<>();
        members.forEach(m -> asks.add(m.pbx().findAgentLegs()));
        return java.util.concurrent.CompletableFuture.allOf(asks.toArray(new java.util.concurrent.CompletableFuture<?>[0]))
                .thenApply(v -> asks.stream().flatMap(a -> a.join().stream()).toList());
    }

    /** The leg stays on the member that has it ({@link dev.cobra.calls.AgentLeg#pbx()}). */
    @Override
    public void adoptAgentLeg(dev.cobra.calls.AgentLeg leg) {
        Member m = member(leg.pbx());
        agentOwners.put(leg.agentId(), m);
        m.pbx().adoptAgentLeg(leg);
    }

    @Override
    public void hangUpAgentLeg(dev.cobra.calls.AgentLeg leg) {
        member(leg.pbx()).pbx().hangUpAgentLeg(leg);
    }

    private Member member(String pbxName) {
        for (Member m : members) {
            if (m.pbx().name().equals(pbxName)) {
                return m;
            }
        }
        throw new IllegalArgumentException("pbx: '" + pbxName + "' (expected one of " + memberNames() + ")");
    }

    /** True when the call and the agent's leg are on the same member. */
    @Override
    public boolean canJoin(CallId call, String agentId) {
        Member m = owners.get(call);
        return m != null && m == agentOwners.get(agentId);
    }

    /** The member holding the agent's leg, if it has one. */
    public Optional<String> agentServer(String agentId) {
        return Optional.ofNullable(agentOwners.get(agentId)).map(m -> m.pbx().name());
    }

    @Override
    public boolean available() {
        for (Member m : members) {
            if (m.pbx().available()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void setListener(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Calls each member holds now, by member name. */
    public Map<String, Integer> load() {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        for (Member m : members) {
            out.put(m.pbx().name(), holding.get(m.pbx()).get());
        }
        return out;
    }

    /** Originates refused because no member had room. */
    public long refused() {
        return refused.get();
    }

    /** The servers of this pool, in configuration order (read-only). */
    public List<Member> members() {
        return members;
    }

    public List<String> memberNames() {
        List<String> out = new ArrayList<>();
        members.forEach(m -> out.add(m.pbx().name()));
        return out;
    }

    /** Passes a member's events on, and frees its slot at each call's final event. */
    private final class Forwarder implements Listener {
        private final Member member;

        Forwarder(Member member) {
            this.member = member;
        }

        @Override
        public void onCallEvent(CallEvent event) {
            boolean terminal = event instanceof CallEvent.NotAnswered || event instanceof CallEvent.HungUp
                    || event instanceof CallEvent.Lost;
            if (terminal && owners.remove(event.callId(), member)) {
                holding.get(member.pbx()).decrementAndGet();
            }
            listener.onCallEvent(event);
        }

        @Override
        public void onAvailability(String pbx, boolean available) {
            listener.onAvailability(pbx, available);
        }

        @Override
        public void onAgentLeg(String pbx, String agentId, boolean up) {
            if (!up) {
                agentOwners.remove(agentId, member);
            }
            listener.onAgentLeg(pbx, agentId, up);
        }
    }
}

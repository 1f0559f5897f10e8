package dev.cobra.calls;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The state machine of one dial attempt: consumes {@link CallEvent}s and decides the {@link CallOutcome}.
 *
 * <pre>
 * REQUESTED --Dialing--&gt; DIALING --Ringing--&gt; RINGING
 * REQUESTED/DIALING/RINGING --Answered--&gt; ANSWERED --Bridged--&gt; BRIDGED
 * REQUESTED/DIALING/RINGING --NotAnswered/HungUp/Lost--&gt; ENDED (busy, no answer, failed, invalid number, unknown)
 * ANSWERED/BRIDGED --HungUp/Lost--&gt; ENDED (human, machine, abandoned, dropped)
 * </pre>
 * Outcome of an answered call: MACHINE if AMD said so; ABANDONED if the caller marked it so (no agent in time);
 * DROPPED if it was lost with the PBX connection, or ended by a network failure cause before it reached an agent or
 * IVR; otherwise ANSWERED_HUMAN. Events after the end, and duplicates, are ignored (reconnects may replay them).
 *
 * <p>Not thread-safe: owned by the core's single event thread.
 */
public final class Call {
    /** Where the call is. Transitions as drawn in the class comment. */
    public enum State { REQUESTED, DIALING, RINGING, ANSWERED, BRIDGED, ENDED }

    private final CallId id;
    private final Instant createdAt;
    private State state = State.REQUESTED;
    private Instant answeredAt;
    private Instant bridgedAt;
    private Instant endedAt;
    private CallEvent.AmdVerdict amd;
    private String amdCause;
    private String agentId;
    private boolean abandoned;
    private int cause;
    private CallOutcome outcome;

    public Call(CallId id, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.createdAt = createdAt;
    }

    /**
     * Applies one event. Returns the outcome when this event ended the call, empty otherwise.
     *
     * @throws IllegalArgumentException if the event belongs to another call
     */
    public Optional<CallOutcome> apply(CallEvent e) {
        if (!e.callId().equals(id)) {
            throw new IllegalArgumentException("event for " + e.callId() + " applied to call " + id);
        }
        if (state == State.ENDED) {
            return Optional.empty();
        }
        if (e instanceof CallEvent.Dialing) {
            if (state == State.REQUESTED) {
                state = State.DIALING;
            }
        } else if (e instanceof CallEvent.Ringing) {
            if (state == State.REQUESTED || state == State.DIALING) {
                state = State.RINGING;
            }
        } else if (e instanceof CallEvent.Answered) {
            if (!live()) {
                state = State.ANSWERED;
                answeredAt = e.at();
            }
        } else if (e instanceof CallEvent.Amd) {
            CallEvent.Amd a = (CallEvent.Amd) e;
            amd = a.verdict();
            amdCause = a.cause();
        } else if (e instanceof CallEvent.Bridged) {
            if (live()) {
                state = State.BRIDGED;
                bridgedAt = e.at();
                agentId = ((CallEvent.Bridged) e).agentId();
            }
        } else if (e instanceof CallEvent.NotAnswered) {
            CallEvent.NotAnswered n = (CallEvent.NotAnswered) e;
            if (!live()) {
                cause = n.q850Cause();
                return end(e.at(), notAnswered(n));
            }
        } else if (e instanceof CallEvent.HungUp) {
            cause = ((CallEvent.HungUp) e).q850Cause();
            if (live()) {
                return end(e.at(), answeredOutcome(Q850.networkFailure(cause) && state != State.BRIDGED));
            }
            return end(e.at(), Q850.unanswered(cause));
        } else if (e instanceof CallEvent.Lost) {
            return end(e.at(), live() ? answeredOutcome(true) : CallOutcome.UNKNOWN);
        }
        return Optional.empty();
    }

    /** Marks a live call as abandoned (a person answered and no agent was free in time). */
    public void markAbandoned() {
        if (!live()) {
            throw new IllegalStateException("call " + id + " is " + state + ", only a live call can be abandoned");
        }
        abandoned = true;
    }

    private static CallOutcome notAnswered(CallEvent.NotAnswered n) {
        switch (n.reason()) {
            case BUSY:
                return CallOutcome.BUSY;
            case NO_ANSWER:
                return CallOutcome.NO_ANSWER;
            case CONGESTION:
                return CallOutcome.FAILED;
            case REJECTED: {
                CallOutcome byCause = Q850.unanswered(n.q850Cause());
                return byCause == CallOutcome.UNKNOWN ? CallOutcome.FAILED : byCause;
            }
            default:
                return CallOutcome.FAILED;
        }
    }

    private CallOutcome answeredOutcome(boolean cutByNetwork) {
        if (amd == CallEvent.AmdVerdict.MACHINE) {
            return CallOutcome.ANSWERED_MACHINE;
        }
        if (abandoned) {
            return CallOutcome.ABANDONED;
        }
        return cutByNetwork ? CallOutcome.DROPPED : CallOutcome.ANSWERED_HUMAN;
    }

    private Optional<CallOutcome> end(Instant at, CallOutcome o) {
        state = State.ENDED;
        endedAt = at;
        outcome = o;
        return Optional.of(o);
    }

    private boolean live() {
        return state == State.ANSWERED || state == State.BRIDGED;
    }

    public CallId id() {
        return id;
    }

    public State state() {
        return state;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant answeredAt() {
        return answeredAt;
    }

    public Instant bridgedAt() {
        return bridgedAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public CallEvent.AmdVerdict amd() {
        return amd;
    }

    public String amdCause() {
        return amdCause;
    }

    public String agentId() {
        return agentId;
    }

    /** The Q.850 cause of the last hang-up or failure (0 when unknown). */
    public int cause() {
        return cause;
    }

    /** The outcome once ended, or null. */
    public CallOutcome outcome() {
        return outcome;
    }
}

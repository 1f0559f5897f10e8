package dev.cobra.simulate;

import dev.cobra.calls.CallEvent;
import dev.cobra.calls.CallId;
import dev.cobra.calls.CallRequest;
import dev.cobra.calls.Destination;
import dev.cobra.calls.Pbx;
import dev.cobra.calls.Q850;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An in-memory PBX behind the production {@link Pbx} port: each originated number's fate comes from the
 * {@link Population} (the index is the number's last nine digits), and its events are scheduled in simulated time.
 * A person talks to an agent for the population's talk time and then hangs up; the information message plays for
 * its length and then the call is hung up. Every originate ends with exactly one NotAnswered or HungUp.
 *
 * <p>Not thread-safe: driven by the simulation's single thread.
 */
final class SimPbx implements Pbx {
    private final SimTime time;
    private final Population population;
    private final DialPolicy policy;
    private final Map<CallId, Population.Outcome> calls = new HashMap<>();
    private Listener listener;

    SimPbx(SimTime time, Population population, DialPolicy policy) {
        this.time = time;
        this.population = population;
        this.policy = policy;
    }

    static String number(int index) {
        return String.format("+5511%09d", index);
    }

    static int index(String number) {
        return Integer.parseInt(number.substring(5));
    }

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public void originate(CallRequest request) {
        if (!policy.allows(request.number(), time.instant())) {
            throw new IllegalStateException("call " + request.id() + " placed against the dial policy at " + time.instant());
        }
        Population.Outcome o = population.get(index(request.number()));
        CallId id = request.id();
        calls.put(id, o);
        long now = time.nowMs();
        emit(now, new CallEvent.Dialing(id, time.at(now)));
        emit(now, new CallEvent.Ringing(id, time.at(now)));
        long at = now + o.resolveMs();
        switch (o.kind()) {
            case LIVE:
                emit(at, new CallEvent.Answered(id, time.at(at)));
                emit(at, new CallEvent.Amd(id, time.at(at), CallEvent.AmdVerdict.HUMAN, "HUMAN"));
                break;
            case MACHINE:
                emit(at, new CallEvent.Answered(id, time.at(at)));
                long verdict = at + population.settings().amdDelay().toMillis();
                emit(verdict, new CallEvent.Amd(id, time.at(verdict), CallEvent.AmdVerdict.MACHINE, "LONGGREETING"));
                break;
            case BUSY:
                emit(at, new CallEvent.NotAnswered(id, time.at(at), CallEvent.NoAnswerReason.BUSY, Q850.USER_BUSY));
                calls.remove(id);
                break;
            default:
                emit(at, new CallEvent.NotAnswered(id, time.at(at), CallEvent.NoAnswerReason.NO_ANSWER, Q850.NO_ANSWER));
                calls.remove(id);
                break;
        }
    }

    @Override
    public void hangup(CallId id) {
        if (calls.remove(id) != null) {
            emit(time.nowMs(), new CallEvent.HungUp(id, time.instant(), Q850.NORMAL_CLEARING));
        }
    }

    @Override
    public void move(CallId id, Destination destination) {
        Population.Outcome o = calls.get(id);
        if (o == null) {
            throw new IllegalStateException("move of unknown or ended call " + id + " to " + destination);
        }
        long now = time.nowMs();
        if (destination instanceof Destination.Agent) {
            emit(now, new CallEvent.Bridged(id, time.at(now), ((Destination.Agent) destination).agentId()));
            hangUpAt(id, now + o.talkMs());
        } else if (destination instanceof Destination.AbandonMessage) {
            hangUpAt(id, now + population.settings().messageLength().toMillis());
        }
    }

    private void hangUpAt(CallId id, long at) {
        time.at(at, SimTime.PBX, () -> {
            if (calls.remove(id) != null) {
                listener.onCallEvent(new CallEvent.HungUp(id, time.at(at), Q850.NORMAL_CLEARING));
            }
        });
    }

    private void emit(long at, CallEvent e) {
        time.at(at, SimTime.PBX, () -> listener.onCallEvent(e));
    }

    /** The talk time the callee of a live call will have once bridged (what the oracle knows in advance). */
    long talkMs(CallId id) {
        return calls.get(id).talkMs();
    }

    @Override
    public void setVariable(CallId id, String name, String value) {
        // Nothing reads channel variables in the simulation.
    }

    /** Agent legs come up at once (the simulation's agents are always on the line). */
    @Override
    public void openAgentLeg(String agentId, String endpoint) {
        long now = time.nowMs();
        time.at(now, SimTime.PBX, () -> listener.onAgentLeg(name(), agentId, true));
    }

    @Override
    public void closeAgentLeg(String agentId) {
        long now = time.nowMs();
        time.at(now, SimTime.PBX, () -> listener.onAgentLeg(name(), agentId, false));
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public void setListener(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }
}

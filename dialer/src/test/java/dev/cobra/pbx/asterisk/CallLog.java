package dev.cobra.pbx.asterisk;

import dev.cobra.calls.Call;
import dev.cobra.calls.CallEvent;
import dev.cobra.calls.CallId;
import dev.cobra.calls.CallOutcome;
import dev.cobra.calls.Pbx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * The test's side of the port: one {@link Call} state machine per expected call fed by the adapter's events, the
 * outcomes, and availability changes. Every wait is bounded and names what it waited for.
 */
final class CallLog implements Pbx.Listener {
    private final Map<CallId, Call> calls = new HashMap<>();
    private final Map<CallId, List<CallEvent>> events = new HashMap<>();
    private final List<Boolean> availability = new ArrayList<>();
    private final List<CallEvent> unexpected = new ArrayList<>();
    private final List<String> agentLegs = new ArrayList<>();
    private BiConsumer<Call, CallOutcome> onEnd = (c, o) -> { };

    synchronized void expect(CallId id) {
        calls.put(id, new Call(id, Instant.now()));
        events.put(id, new ArrayList<>());
    }

    /** Runs when a call's state machine decides (on the adapter's thread). */
    synchronized void onEnd(BiConsumer<Call, CallOutcome> hook) {
        this.onEnd = hook;
    }

    @Override
    public synchronized void onCallEvent(CallEvent e) {
        Call c = calls.get(e.callId());
        if (c == null) {
            unexpected.add(e);
        } else {
            events.get(e.callId()).add(e);
            c.apply(e).ifPresent(o -> onEnd.accept(c, o));
        }
        notifyAll();
    }

    @Override
    public synchronized void onAvailability(String pbx, boolean available) {
        availability.add(available);
        notifyAll();
    }

    @Override
    public synchronized void onAgentLeg(String pbx, String agentId, boolean up) {
        agentLegs.add(pbx + " " + agentId + (up ? " up" : " down"));
        notifyAll();
    }

    /** Waits until the agent leg report {@code "<pbx> <agentId> up|down"} has been seen. */
    synchronized void awaitAgentLeg(String report, Duration timeout) {
        waitFor(() -> agentLegs.contains(report), timeout, () -> "agent leg '" + report + "'; reports so far " + agentLegs);
    }

    synchronized List<String> agentLegs() {
        return List.copyOf(agentLegs);
    }

    synchronized List<Boolean> availability() {
        return List.copyOf(availability);
    }

    synchronized List<CallEvent> unexpected() {
        return List.copyOf(unexpected);
    }

    synchronized List<CallEvent> events(CallId id) {
        return List.copyOf(events.get(id));
    }

    synchronized Call call(CallId id) {
        return calls.get(id);
    }

    synchronized <T extends CallEvent> T awaitEvent(CallId id, Class<T> type, Duration timeout) {
        waitFor(() -> events.get(id).stream().anyMatch(type::isInstance), timeout,
                () -> type.getSimpleName() + " for " + id + "; events so far " + events.get(id));
        return events.get(id).stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    synchronized CallOutcome awaitOutcome(CallId id, Duration timeout) {
        waitFor(() -> calls.get(id).outcome() != null, timeout, () -> "outcome of " + id + "; events " + events.get(id));
        return calls.get(id).outcome();
    }

    synchronized void awaitAvailability(int changes, Duration timeout) {
        waitFor(() -> availability.size() >= changes, timeout, () -> changes + " availability changes, saw " + availability);
    }

    synchronized void awaitAllEnded(Duration timeout) {
        waitFor(() -> calls.values().stream().allMatch(c -> c.outcome() != null), timeout,
                () -> "every call to end; open: " + calls.values().stream().filter(c -> c.outcome() == null)
                        .map(c -> c.id() + "=" + c.state()).toList());
    }

    /** Waits on this monitor (notified on every event) until {@code done}, at most {@code timeout}. */
    private void waitFor(BooleanSupplier done, Duration timeout, java.util.function.Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + "ms waiting for " + what.get());
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what.get(), e);
            }
        }
    }

    /** Polls a condition outside this log (simulator state) until true, at most {@code timeout}. */
    static void until(BooleanSupplier done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + "ms waiting for " + what);
            }
            LockSupport.parkNanos(2_000_000);
        }
    }
}

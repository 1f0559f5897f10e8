package dev.cobra.simulate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/**
 * Simulated time and the event queue: events run in (time, priority, insertion) order, and the clock handed to the
 * production code reads the time of the event being run. Nothing sleeps; time jumps from event to event.
 *
 * <p>Not thread-safe: one simulation, one thread.
 */
final class SimTime extends Clock {
    /** Agent-side events (a wrap-up ends) before PBX events at the same instant, then pacing ticks. */
    static final int AGENTS = 0;
    static final int PBX = 1;
    static final int DIALER = 2;

    private record Event(long atMs, int priority, long seq, Runnable action) {}

    private final Instant epoch;
    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.atMs != b.atMs ? Long.compare(a.atMs, b.atMs)
            : a.priority != b.priority ? Integer.compare(a.priority, b.priority) : Long.compare(a.seq, b.seq));
    private long nowMs;
    private long seq;

    SimTime(Instant epoch) {
        this.epoch = epoch;
    }

    void at(long atMs, int priority, Runnable action) {
        if (atMs < nowMs) {
            throw new IllegalStateException("event scheduled in the past: " + atMs + "ms < now " + nowMs + "ms");
        }
        queue.add(new Event(atMs, priority, seq++, action));
    }

    /** Runs the next event if it is due no later than {@code endMs}; false when none is. */
    boolean runNext(long endMs) {
        Event e = queue.peek();
        if (e == null || e.atMs > endMs) {
            return false;
        }
        queue.poll();
        nowMs = e.atMs;
        e.action.run();
        return true;
    }

    long nowMs() {
        return nowMs;
    }

    void advanceTo(long ms) {
        nowMs = Math.max(nowMs, ms);
    }

    Instant at(long ms) {
        return epoch.plusMillis(ms);
    }

    @Override
    public Instant instant() {
        return epoch.plusMillis(nowMs);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("simulated time is UTC only");
    }
}

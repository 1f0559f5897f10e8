package dev.cobra.pbx.asterisk;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A snapshot of one {@link AsteriskPbx}'s counters: what the metrics adapter exports and what tests assert on.
 * Every limit hit has its counter (never a silent drop).
 */
public record AsteriskStats(String pbx, long inFlight, long originatesSent, long originatesRejected, long refusedDown,
                            long refusedConcurrency, long refusedRate, long rateDelayed, long duplicateOriginates,
                            long guardExpired, long lateChannelsHungUp, long lostOnReconcile, long reattached, long sessions, long disconnects,
                            long events, long ended, long actionsFailed, long recordingsStarted, long recordingsFailed,
                            long agentLegs, long agentLegsDropped, long bridgesFailed) {

    /** The live counters behind a snapshot; thread-safe. */
    static final class Counters {
        final AtomicLong inFlight = new AtomicLong();
        final LongAdder originatesSent = new LongAdder();
        final LongAdder originatesRejected = new LongAdder();
        final LongAdder refusedDown = new LongAdder();
        final LongAdder refusedConcurrency = new LongAdder();
        final LongAdder refusedRate = new LongAdder();
        final LongAdder rateDelayed = new LongAdder();
        final LongAdder duplicateOriginates = new LongAdder();
        final LongAdder guardExpired = new LongAdder();
        final LongAdder lateChannelsHungUp = new LongAdder();
        final LongAdder lostOnReconcile = new LongAdder();
        final LongAdder reattached = new LongAdder();
        final LongAdder sessions = new LongAdder();
        final LongAdder disconnects = new LongAdder();
        final LongAdder events = new LongAdder();
        final LongAdder ended = new LongAdder();
        final LongAdder actionsFailed = new LongAdder();
        final LongAdder recordingsStarted = new LongAdder();
        final LongAdder recordingsFailed = new LongAdder();
        /** Agent legs open or opening now. */
        final AtomicLong agentLegs = new AtomicLong();
        /** Agent legs that ended without Cobra closing them (refused, unanswered, hung up by the agent, lost). */
        final LongAdder agentLegsDropped = new LongAdder();
        /** Hand-offs that could not be bridged (no leg up here, or Asterisk refused the Bridge): the message played. */
        final LongAdder bridgesFailed = new LongAdder();

        AsteriskStats snapshot(String pbx) {
            return new AsteriskStats(pbx, inFlight.get(), originatesSent.sum(), originatesRejected.sum(), refusedDown.sum(),
                    refusedConcurrency.sum(), refusedRate.sum(), rateDelayed.sum(), duplicateOriginates.sum(),
                    guardExpired.sum(), lateChannelsHungUp.sum(), lostOnReconcile.sum(), reattached.sum(), sessions.sum(), disconnects.sum(),
                    events.sum(), ended.sum(), actionsFailed.sum(), recordingsStarted.sum(), recordingsFailed.sum(),
                    agentLegs.get(), agentLegsDropped.sum(), bridgesFailed.sum());
        }
    }
}

package dev.cobra.pbx.asterisk.agi;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the FastAGI server, updated from I/O and session threads (lock-free). A metrics
 * adapter reads {@link #snapshot()}; nothing here names a call or a person.
 */
public final class FastAgiCounters {
    final LongAdder sessionsStarted = new LongAdder();
    final LongAdder sessionsCompleted = new LongAdder();
    final LongAdder sessionsRejected = new LongAdder();
    final LongAdder sessionsFailed = new LongAdder();
    final LongAdder callerHangups = new LongAdder();
    final LongAdder unknownScripts = new LongAdder();
    final LongAdder commandsSent = new LongAdder();
    final LongAdder commandTimeouts = new LongAdder();
    final LongAdder invalidCommandReplies = new LongAdder();
    final LongAdder usageReplies = new LongAdder();
    final LongAdder deadChannelReplies = new LongAdder();
    final LongAdder malformedFrames = new LongAdder();
    final LongAdder unexpectedReplies = new LongAdder();
    final LongAdder headerTimeouts = new LongAdder();

    /**
     * A consistent-enough copy of the counters (each value is exact; they are read one after another).
     *
     * @param sessionsStarted sessions whose IVR application started
     * @param sessionsCompleted sessions whose application returned normally or on a caller hang-up
     * @param sessionsRejected connections closed at once because every session thread and queue slot was taken
     * @param sessionsFailed sessions ended by a timeout, a link failure or an application error
     * @param callerHangups sessions in which the call hung up before the application finished
     * @param unknownScripts connections for a script with no application
     * @param commandsSent AGI commands written
     * @param commandTimeouts commands Asterisk did not answer in time (the session is closed)
     * @param invalidCommandReplies {@code 510} replies
     * @param usageReplies {@code 520} replies
     * @param deadChannelReplies {@code 511} replies
     * @param malformedFrames sessions closed because Asterisk sent something that is not FastAGI
     * @param unexpectedReplies replies that arrived with no command pending (the session is closed)
     * @param headerTimeouts connections closed because no complete {@code agi_*} block came within the command timeout
     */
    public record Snapshot(long sessionsStarted, long sessionsCompleted, long sessionsRejected, long sessionsFailed,
            long callerHangups, long unknownScripts, long commandsSent, long commandTimeouts, long invalidCommandReplies,
            long usageReplies, long deadChannelReplies, long malformedFrames, long unexpectedReplies, long headerTimeouts) {}

    public Snapshot snapshot() {
        return new Snapshot(sessionsStarted.sum(), sessionsCompleted.sum(), sessionsRejected.sum(), sessionsFailed.sum(),
                callerHangups.sum(), unknownScripts.sum(), commandsSent.sum(), commandTimeouts.sum(),
                invalidCommandReplies.sum(), usageReplies.sum(), deadChannelReplies.sum(), malformedFrames.sum(),
                unexpectedReplies.sum(), headerTimeouts.sum());
    }
}

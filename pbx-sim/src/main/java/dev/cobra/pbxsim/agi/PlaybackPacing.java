package dev.cobra.pbxsim.agi;

import java.time.Duration;

/**
 * Maps the simulated duration of a command (a 5.6 s prompt, a 6 s digit timeout) to the real time
 * the simulator waits before writing the reply. Tests use {@link #instant()}: replies come as fast
 * as the socket allows and the outcome depends only on the script, never on the machine's speed.
 * Demos use {@link #realTime()}. Implementations must be thread-safe and must not block.
 */
@FunctionalInterface
public interface PlaybackPacing {
    /** The real delay before replying to a command that took {@code simulated} on the channel. */
    Duration realDelayFor(Duration simulated);

    /** No real waiting at all. */
    static PlaybackPacing instant() {
        return simulated -> Duration.ZERO;
    }

    /** Wait as long as a real channel would. */
    static PlaybackPacing realTime() {
        return simulated -> simulated;
    }
}

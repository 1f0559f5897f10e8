package dev.cobra.pbxsim.agi;

import java.time.Duration;

/**
 * One thing the simulated channel played to the person, for assertions such as "no amount prompt
 * was ever played to a wrong party".
 *
 * @param how the command that played it
 * @param name the file name as sent ({@code vm-intro}), or the number/digits said
 * @param startedAt call time when it started
 * @param heard how much of it played before it ended or was cut
 * @param completed false when a key or a hang-up cut it short
 */
public record PlayedPrompt(How how, String name, Duration startedAt, Duration heard, boolean completed) {
    /** The AGI command that played something. */
    public enum How { STREAM_FILE, GET_DATA, EXEC_PLAYBACK, SAY_NUMBER, SAY_DIGITS }
}

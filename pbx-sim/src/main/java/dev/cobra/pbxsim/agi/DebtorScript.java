package dev.cobra.pbxsim.agi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the simulated person on the channel does, in call time (zero = the moment Asterisk
 * connected to the FastAGI server, i.e. after answer).
 *
 * <p>Key presses are heard only by a command that listens at that moment (STREAM FILE with that
 * key among its escape digits, GET DATA, WAIT FOR DIGIT, SAY * with escape digits); a key pressed
 * while nothing listens is lost, as on Asterisk, whose AGI loop reads and drops DTMF frames
 * between commands.
 *
 * @param presses key presses sorted by time
 * @param hangUpAt when the person hangs up, if at a fixed time
 * @param hangUpDuring hang up this far into the first playback of a given prompt, if set
 */
public record DebtorScript(List<KeyPress> presses, Optional<Duration> hangUpAt, Optional<HangUpDuring> hangUpDuring) {
    /** One DTMF key at a call time. */
    public record KeyPress(Duration at, char key) {
        public KeyPress {
            if ("0123456789*#ABCD".indexOf(key) < 0) {
                throw new IllegalArgumentException("key: '" + key + "' (expected: one of 0-9 * # A-D)");
            }
            if (at.isNegative()) {
                throw new IllegalArgumentException("at: " + at + " (expected: >= 0)");
            }
        }
    }

    /** Hang up {@code into} after the first playback of {@code prompt} starts. */
    public record HangUpDuring(String prompt, Duration into) {}

    /** Keys of one string pressed this far apart (fast typing). */
    public static final Duration KEY_GAP = Duration.ofMillis(100);

    public DebtorScript {
        List<KeyPress> sorted = new ArrayList<>(presses);
        sorted.sort(Comparator.comparing(KeyPress::at));
        presses = List.copyOf(sorted);
    }

    /** A person who listens and never presses anything nor hangs up. */
    public static DebtorScript silent() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a script; times are absolute ({@code at}) or relative to the previous key ({@code after}). */
    public static final class Builder {
        private final List<KeyPress> presses = new ArrayList<>();
        private Duration last = Duration.ZERO;
        private Duration hangUpAt;
        private HangUpDuring hangUpDuring;

        /** Presses the keys of {@code keys}, the first at {@code at}, then {@link #KEY_GAP} apart. */
        public Builder pressAt(Duration at, String keys) {
            Duration t = at;
            for (char c : keys.toCharArray()) {
                presses.add(new KeyPress(t, c));
                last = t;
                t = t.plus(KEY_GAP);
            }
            return this;
        }

        /** Presses the keys {@code delay} after the previous key (or after call start). */
        public Builder pressAfter(Duration delay, String keys) {
            return pressAt(last.plus(delay), keys);
        }

        public Builder hangUpAt(Duration at) {
            this.hangUpAt = at;
            return this;
        }

        public Builder hangUpDuring(String prompt, Duration into) {
            this.hangUpDuring = new HangUpDuring(prompt, into);
            return this;
        }

        public DebtorScript build() {
            return new DebtorScript(presses, Optional.ofNullable(hangUpAt), Optional.ofNullable(hangUpDuring));
        }
    }
}

package dev.cobra.ivr;

/**
 * What the caller typed. {@link #toString()} masks the digits (they may be part of a document
 * number): log {@link #length()} and {@link #ending()} only.
 *
 * @param digits the keys, terminator excluded ({@code ""} if none)
 * @param ending why input stopped
 */
public record DigitInput(String digits, Ending ending) {
    /** Why input stopped. */
    public enum Ending {
        /** The terminator key was pressed. */
        TERMINATOR,
        /** {@code maxDigits} keys were typed. */
        MAX_DIGITS,
        /** The caller stopped typing for longer than the timeout (possibly before the first key). */
        TIMEOUT
    }

    public DigitInput {
        for (char c : digits.toCharArray()) {
            Dtmf.of(c);
        }
    }

    public int length() {
        return digits.length();
    }

    @Override
    public String toString() {
        return "DigitInput[digits=" + "*".repeat(digits.length()) + ", ending=" + ending + "]";
    }
}

package dev.cobra.calls;

import java.util.regex.Pattern;

/**
 * Our id for one dial attempt: stored on the attempt row, set on the PBX channel as the variable
 * {@code COBRA_CALL_ID}, and used to correlate every event. Letters, digits and '-', at most 40.
 */
public record CallId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,39}");

    public CallId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("callId: '" + value + "' (expected: 1-40 letters, digits, '-')");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}

package dev.cobra.wire.ami;

import java.util.Objects;

/**
 * One {@code Name: value} line. The name keeps the case it had on the wire; lookups in
 * {@link AmiMessage} ignore case, as Asterisk does for action headers.
 *
 * @param name  header name, non-empty, without the colon
 * @param value header value after the colon and the blanks that follow it; may be empty
 *              ({@code AccountCode: } is common)
 */
public record AmiHeader(String name, String value) {
    public AmiHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty() || name.indexOf(':') >= 0 || hasLineBreak(name) || hasLineBreak(value)) {
            throw new IllegalArgumentException("header: '" + name + "' (expected: non-empty name without"
                    + " ':' and no line breaks in name or value)");
        }
    }

    private static boolean hasLineBreak(String s) {
        return s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    }

    /** Case-insensitive name comparison. */
    public boolean named(String other) {
        return name.equalsIgnoreCase(other);
    }
}

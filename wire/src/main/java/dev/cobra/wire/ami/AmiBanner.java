package dev.cobra.wire.ami;

import java.util.Objects;

/**
 * The greeting a manager server sends on connect, e.g. {@code Asterisk Call Manager/11.0.0}
 * (Asterisk 22 still announces protocol 11.0.0). On the wire it is one CRLF line with no blank
 * line after it, so it is framed separately from {@link AmiMessage}.
 *
 * @param line the banner text without the line terminator
 */
public record AmiBanner(String line) implements AmiFrame {
    /** The banner Asterisk 22.10.1 sends. */
    public static final AmiBanner ASTERISK_22 = new AmiBanner("Asterisk Call Manager/11.0.0");

    private static final String PREFIX = "Asterisk Call Manager/";

    public AmiBanner {
        Objects.requireNonNull(line, "line");
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("line: contains a line break (expected: one line)");
        }
    }

    /** The protocol version after the slash, or the whole line when it has no known prefix. */
    public String version() {
        return line.startsWith(PREFIX) ? line.substring(PREFIX.length()) : line;
    }
}

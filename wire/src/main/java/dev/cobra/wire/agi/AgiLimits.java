package dev.cobra.wire.agi;

/**
 * Bounds for the FastAGI decoders. A line longer than {@code maxLineLengthBytes}, a header block
 * with more than {@code maxHeaderLines} lines or a 520 usage block with more than
 * {@code maxUsageLines} lines is a protocol error: the decoder throws and stays failed (a line
 * protocol cannot be resynchronised safely, so the session must be closed).
 *
 * <p>Defaults: Asterisk's own AGI buffer is 2048 bytes per command; replies carry variable values,
 * so lines get 16 KiB. Real header blocks have 23 lines plus one per argument (at most 127
 * arguments); the longest usage text in Asterisk 22 is about 40 lines.
 */
public record AgiLimits(int maxLineLengthBytes, int maxHeaderLines, int maxUsageLines) {
    public static final AgiLimits DEFAULT = new AgiLimits(16 * 1024, 256, 128);

    public AgiLimits {
        if (maxLineLengthBytes < 64) {
            throw new IllegalArgumentException("maxLineLengthBytes: " + maxLineLengthBytes + " (expected: >= 64)");
        }
        if (maxHeaderLines < 1) {
            throw new IllegalArgumentException("maxHeaderLines: " + maxHeaderLines + " (expected: >= 1)");
        }
        if (maxUsageLines < 1) {
            throw new IllegalArgumentException("maxUsageLines: " + maxUsageLines + " (expected: >= 1)");
        }
    }
}

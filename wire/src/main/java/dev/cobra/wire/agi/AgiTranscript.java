package dev.cobra.wire.agi;

import java.util.ArrayList;
import java.util.List;

/**
 * A FastAGI transcript in the format of {@code pbx-traces/asterisk/fastagi-*.txt}: {@code #} header
 * lines, then one socket line per row, {@code +t << text} (from Asterisk), {@code +t >> text}
 * (from the server) or {@code +t ## comment}. Used by golden tests to replay real sessions.
 *
 * @param lines the socket lines in order (comments dropped)
 */
public record AgiTranscript(List<Line> lines) {
    /** Who wrote a line. */
    public enum Direction { FROM_ASTERISK, FROM_SERVER }

    /** One socket line, without its LF. */
    public record Line(double atSeconds, Direction direction, String text) {}

    public AgiTranscript {
        lines = List.copyOf(lines);
    }

    /** Parses the transcript text. */
    public static AgiTranscript parse(String text) {
        List<Line> lines = new ArrayList<>();
        for (String row : text.split("\n", -1)) {
            String s = row.strip();
            if (s.isEmpty() || s.startsWith("#") || !s.startsWith("+")) {
                continue;
            }
            int blank = s.indexOf(' ');
            double at = Double.parseDouble(s.substring(1, blank));
            String marker = s.substring(blank + 1, blank + 3);
            // The text starts after the marker and one blank; keep the rest verbatim (it may be empty).
            int textStart = Math.min(row.indexOf(marker) + 3, row.length());
            String lineText = row.substring(textStart);
            if (marker.equals("<<")) {
                lines.add(new Line(at, Direction.FROM_ASTERISK, lineText));
            } else if (marker.equals(">>")) {
                lines.add(new Line(at, Direction.FROM_SERVER, lineText));
            } else if (!marker.equals("##")) {
                throw new IllegalArgumentException("transcript row " + row + " (expected: '<<', '>>' or '##' after the time)");
            }
        }
        return new AgiTranscript(lines);
    }

    /** The lines one side wrote, in order. */
    public List<String> textFrom(Direction direction) {
        List<String> out = new ArrayList<>();
        for (Line l : lines) {
            if (l.direction() == direction) {
                out.add(l.text());
            }
        }
        return out;
    }

    /** The exact bytes one side wrote, each line LF-terminated. */
    public String wireFrom(Direction direction) {
        StringBuilder sb = new StringBuilder();
        textFrom(direction).forEach(t -> sb.append(t).append('\n'));
        return sb.toString();
    }
}

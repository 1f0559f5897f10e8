package dev.cobra.wire.ami;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed AMI trace in the shared format of {@code pbx-traces/asterisk/ami-*.txt}: {@code #}
 * comment lines, then blocks that start with {@code #@ +seconds SENT|RECV|EOF [(note)]}. Block
 * text is the socket text with CRLF written as LF; it is framed with the real {@link AmiDecoder},
 * so a trace that parses here also decodes on the wire.
 *
 * @param comments the leading {@code #} lines without the {@code #}
 * @param entries  frames in file order with their offset from TCP connect
 * @param closedAt when the trace records the socket being closed, its offset
 */
public record AmiTranscript(List<String> comments, List<Entry> entries, Optional<Duration> closedAt) {
    /** Who wrote a frame: SENT = the client (dialer side), RECV = the server (Asterisk). */
    public enum Direction { SENT, RECV }

    /**
     * One frame of the trace.
     *
     * @param at        offset since TCP connect
     * @param direction who wrote it
     * @param note      the parenthesised note of the block header, empty when none
     * @param frame     the decoded frame
     * @param line      1-based line number of the block header in the file
     */
    public record Entry(Duration at, Direction direction, String note, AmiFrame frame, int line) {
        /** The frame as a message; throws when it is the banner. */
        public AmiMessage message() {
            if (frame instanceof AmiMessage m) {
                return m;
            }
            throw new IllegalStateException("entry at line " + line + " is " + frame + " (expected: a message)");
        }
    }

    private static final Pattern BLOCK = Pattern.compile("^#@ \\+(\\d+(?:\\.\\d+)?) (SENT|RECV|EOF)(?: \\((.*)\\))?\\s*$");

    public AmiTranscript {
        comments = List.copyOf(comments);
        entries = List.copyOf(entries);
        Objects.requireNonNull(closedAt, "closedAt");
    }

    public static AmiTranscript read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
    }

    /**
     * Parses trace text.
     *
     * @param source name used in error messages
     * @throws IllegalArgumentException naming the source and line when a block does not decode
     */
    public static AmiTranscript parse(String text, String source) {
        String[] lines = text.split("\n", -1);
        List<String> comments = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        Duration closedAt = null;
        EmbeddedChannel recv = new EmbeddedChannel(AmiDecoder.forClient());
        EmbeddedChannel sent = new EmbeddedChannel(AmiDecoder.forServer());
        try {
            int i = 0;
            while (i < lines.length && !lines[i].startsWith("#@")) {
                if (lines[i].startsWith("#")) {
                    comments.add(lines[i].substring(1).strip());
                }
                i++;
            }
            while (i < lines.length) {
                Matcher m = BLOCK.matcher(lines[i]);
                if (!m.matches()) {
                    throw new IllegalArgumentException(source + ":" + (i + 1) + ": bad block header '" + lines[i] + "'");
                }
                int headerLine = i + 1;
                Duration at = Duration.ofNanos(Math.round(Double.parseDouble(m.group(1)) * 1e9));
                String dir = m.group(2);
                String note = m.group(3) == null ? "" : m.group(3);
                StringBuilder body = new StringBuilder();
                i++;
                while (i < lines.length && !lines[i].startsWith("#@")) {
                    body.append(lines[i]).append("\r\n");
                    i++;
                }
                if (dir.equals("EOF")) {
                    closedAt = at;
                    continue;
                }
                Direction direction = Direction.valueOf(dir);
                EmbeddedChannel ch = direction == Direction.RECV ? recv : sent;
                ch.writeInbound(Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
                int before = entries.size();
                for (Object o; (o = ch.readInbound()) != null; ) {
                    entries.add(new Entry(at, direction, note, (AmiFrame) o, headerLine));
                }
                if (entries.size() == before) {
                    throw new IllegalArgumentException(source + ":" + headerLine + ": block holds no complete AMI frame");
                }
            }
        } finally {
            recv.finishAndReleaseAll();
            sent.finishAndReleaseAll();
        }
        return new AmiTranscript(comments, entries, Optional.ofNullable(closedAt));
    }

    /** Messages written by one side, in order. */
    public List<AmiMessage> messages(Direction direction) {
        List<AmiMessage> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.direction() == direction && e.frame() instanceof AmiMessage m) {
                out.add(m);
            }
        }
        return out;
    }

    /** Events (messages with {@code Event:}) sent by the server, in order. */
    public List<AmiMessage> events() {
        List<AmiMessage> out = new ArrayList<>();
        for (AmiMessage m : messages(Direction.RECV)) {
            if (m.isEvent()) {
                out.add(m);
            }
        }
        return out;
    }
}

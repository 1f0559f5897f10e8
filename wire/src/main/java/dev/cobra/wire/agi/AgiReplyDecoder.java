package dev.cobra.wire.agi;

import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Decodes what Asterisk sends to a FastAGI server: first one {@link AgiRequest} (the
 * {@code agi_*} block up to the empty line), then {@link AgiReply} and {@link AgiHangupNotice}
 * messages. State machine: {@code HEADER -> REPLIES <-> USAGE}; one instance per channel.
 *
 * <p>Any other line is a {@link CorruptedFrameException}; limits are in {@link AgiLimits}.
 */
public final class AgiReplyDecoder extends AgiLineDecoder {
    private enum State { HEADER, REPLIES, USAGE }

    private State state = State.HEADER;
    private LinkedHashMap<String, String> header = new LinkedHashMap<>();
    private List<String> usage;

    public AgiReplyDecoder(AgiLimits limits) {
        super(limits);
    }

    public AgiReplyDecoder() {
        this(AgiLimits.DEFAULT);
    }

    @Override
    protected void onLine(String line, List<Object> out) {
        switch (state) {
            case HEADER:
                onHeaderLine(line, out);
                break;
            case REPLIES:
                onReplyLine(line, out);
                break;
            case USAGE:
                onUsageLine(line, out);
                break;
            default:
                throw new IllegalStateException("state: " + state);
        }
    }

    private void onHeaderLine(String line, List<Object> out) {
        if (line.isEmpty()) {
            if (header.isEmpty()) {
                throw new CorruptedFrameException("AGI request header block is empty");
            }
            out.add(new AgiRequest(header));
            header = null;
            state = State.REPLIES;
            return;
        }
        int colon = line.indexOf(':');
        if (!line.startsWith("agi_") || colon < 0) {
            throw new CorruptedFrameException("AGI request header line is not 'agi_name: value': " + excerpt(line));
        }
        if (header.size() >= limits.maxHeaderLines()) {
            throw new TooLongFrameException("AGI request header block longer than " + limits.maxHeaderLines() + " lines");
        }
        String value = line.substring(colon + 1);
        header.put(line.substring(0, colon), value.startsWith(" ") ? value.substring(1) : value);
    }

    private void onReplyLine(String line, List<Object> out) {
        if (line.equals(AgiHangupNotice.LINE)) {
            out.add(new AgiHangupNotice());
        } else if (line.startsWith("200 ")) {
            out.add(AgiReply.Result.parse(line));
        } else if (line.startsWith("510 ")) {
            out.add(new AgiReply.InvalidCommand(line.substring(4)));
        } else if (line.startsWith("511 ")) {
            out.add(new AgiReply.DeadChannel(line.substring(4)));
        } else if (line.startsWith("520-")) {
            usage = new ArrayList<>();
            state = State.USAGE;
        } else if (line.startsWith("520 ")) {
            out.add(new AgiReply.Usage(List.of()));
        } else {
            throw new CorruptedFrameException("not an AGI reply: " + excerpt(line));
        }
    }

    private void onUsageLine(String line, List<Object> out) {
        if (line.startsWith("520 ")) {
            out.add(new AgiReply.Usage(usage));
            usage = null;
            state = State.REPLIES;
            return;
        }
        if (usage.size() >= limits.maxUsageLines()) {
            throw new TooLongFrameException("AGI 520 usage block longer than " + limits.maxUsageLines() + " lines");
        }
        usage.add(line);
    }
}

package dev.cobra.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open Server-Sent Events connection, as the code that publishes sees it: {@link #send} never blocks, whatever
 * thread calls it (the core thread does).
 *
 * <p>Owns the connection's bounded queue: at most {@code maxPending} events written but not yet taken by the socket.
 * A client that reads too slowly (or is gone without a FIN) fills it, and is then dropped: the connection is closed
 * and {@link #send} answers false, so the publisher forgets it. Netty's own outbound buffer holds the pending bytes;
 * the counter is what bounds it.
 *
 * <p>Wire format (WHATWG HTML, "Server-sent events"): {@code event: NAME\ndata: JSON\n\n}; a line starting with
 * {@code :} is a comment (the heartbeat), which keeps proxies from timing the stream out. JSON has no raw newlines,
 * so one {@code data:} line carries one event.
 */
public final class EventSink {
    private static final Logger log = LoggerFactory.getLogger(EventSink.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Channel channel;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();
    /** Events sent before the response head was written; guarded by {@code this}. */
    private List<String> early = new ArrayList<>();
    private volatile boolean closed;

    EventSink(Channel channel, int maxPending) {
        this.channel = channel;
        this.maxPending = maxPending;
    }

    /** Sends one event with {@code data} as JSON. False when the client is gone or was dropped (forget this sink). */
    public boolean send(String event, Object data) {
        if (!event.matches("[a-z][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("event: '" + event + "' (expected: lowercase name)");
        }
        try {
            return write("event: " + event + "\ndata: " + JSON.writeValueAsString(data) + "\n\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event + " not serialisable: " + data.getClass().getName(), e);
        }
    }

    /** A comment line: the heartbeat. */
    boolean comment(String text) {
        return write(": " + text + "\n\n");
    }

    public boolean isOpen() {
        return !closed && channel.isActive();
    }

    private synchronized boolean write(String frame) {
        if (closed) {
            return false;
        }
        if (pending.incrementAndGet() > maxPending) {
            log.info("event stream from {} dropped: {} events not taken by the client (limit {})", channel.remoteAddress(),
                    pending.get() - 1, maxPending);
            close();
            return false;
        }
        if (early != null) {
            early.add(frame);
            return true;
        }
        channel.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(frame, StandardCharsets.UTF_8)))
                .addListener(f -> pending.decrementAndGet());
        return true;
    }

    /** Writes the response head, then whatever was sent before it, in order. */
    synchronized void start(HttpResponse head) {
        channel.write(head);
        List<String> queued = early;
        early = null;
        pending.addAndGet(-queued.size());
        for (String frame : queued) {
            pending.incrementAndGet();
            channel.write(new DefaultHttpContent(Unpooled.copiedBuffer(frame, StandardCharsets.UTF_8)))
                    .addListener(f -> pending.decrementAndGet());
        }
        channel.flush();
    }

    synchronized void close() {
        if (!closed) {
            closed = true;
            channel.close();
        }
    }
}

package dev.cobra.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The handler of a Server-Sent Events route ({@code text/event-stream}): a long-lived GET whose response never ends;
 * the server pushes events through an {@link EventSink} until either side closes.
 *
 * <p>Authentication: as every route, {@code Authorization: Bearer}; and, because a browser's {@code EventSource}
 * cannot send headers, a one-use ticket in the query ({@code ?ticket=}, from {@code POST /api/events/ticket}, see
 * {@link Authenticator#issueTicket}). The server never logs request URIs, so the ticket stays out of logs as well.
 *
 * <p>Limits: at most {@code maxStreams} open streams on this route (503 past it); each with its bounded queue
 * ({@code maxPendingEvents}, see {@link EventSink}); a heartbeat comment every {@code heartbeat}. The 30 s read
 * timeout of ordinary requests is lifted for the stream (the client sends nothing after its request).
 *
 * <p>Threading: {@link Opener#open} runs on a worker (it may ask the core thread for a snapshot, bounded); events are
 * then sent from any thread without blocking it.
 */
public final class EventStreamRoute implements Route.Handler {
    /** Subscribes a new stream; throws {@link HttpError} to refuse it with a JSON error instead. */
    @FunctionalInterface
    public interface Opener {
        /** Returns what to run when the stream closes (unsubscribe). */
        Runnable open(HttpRequestContext request, EventSink sink);
    }

    private final Opener opener;
    private final Duration heartbeat;
    private final int maxPendingEvents;
    private final int maxStreams;
    private final AtomicInteger open = new AtomicInteger();

    public EventStreamRoute(Opener opener, Duration heartbeat, int maxPendingEvents, int maxStreams) {
        if (heartbeat.isNegative() || heartbeat.isZero() || maxPendingEvents < 1 || maxStreams < 1) {
            throw new IllegalArgumentException("heartbeat: " + heartbeat + ", maxPendingEvents: " + maxPendingEvents
                    + ", maxStreams: " + maxStreams + " (expected: all > 0)");
        }
        this.opener = opener;
        this.heartbeat = heartbeat;
        this.maxPendingEvents = maxPendingEvents;
        this.maxStreams = maxStreams;
    }

    /** A GET route streaming events: heartbeat 15 s, 256 pending events per client, 1000 streams. */
    public static Route route(String pattern, Set<Role> roles, Opener opener) {
        return Route.of("GET", pattern, roles, new EventStreamRoute(opener, Duration.ofSeconds(15), 256, 1000));
    }

    /** Ordinary dispatch cannot serve a stream; {@link HttpServer} calls {@link #stream} instead. */
    @Override
    public HttpResult handle(HttpRequestContext request) {
        throw new IllegalStateException("event stream route called as a plain route");
    }

    /** Streams currently open on this route. */
    public int openStreams() {
        return open.get();
    }

    /** Called by the server on a worker thread once the request is authenticated. Returns an error result, or null once streaming. */
    HttpResult stream(ChannelHandlerContext ctx, HttpRequestContext request) {
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            return HttpResult.error(503, "too many open event streams (" + maxStreams + "); retry shortly");
        }
        EventSink sink = new EventSink(ctx.channel(), maxPendingEvents);
        Runnable unsubscribe;
        try {
            unsubscribe = opener.open(request, sink);
        } catch (RuntimeException e) {
            open.decrementAndGet();
            throw e;
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        head.headers().set("X-Content-Type-Options", "nosniff");
        head.headers().set("X-Accel-Buffering", "no");
        HttpUtil.setTransferEncodingChunked(head, true);
        ReadTimeoutHandler timeout = ctx.pipeline().get(ReadTimeoutHandler.class);
        if (timeout != null) {
            ctx.pipeline().remove(timeout);
        }
        ScheduledFuture<?> beat = ctx.channel().eventLoop().scheduleAtFixedRate(() -> sink.comment("heartbeat"),
                heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        ctx.channel().closeFuture().addListener(f -> {
            beat.cancel(false);
            sink.close();
            open.decrementAndGet();
            unsubscribe.run();
        });
        sink.start(head);
        return null;
    }
}

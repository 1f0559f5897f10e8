package dev.cobra.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cobra's HTTP server on Netty. Bounded everywhere: request bodies ({@code maxBodyBytes}, or a route's own
 * {@link Route#maxBodyBytes} for file uploads, else 413; a declared Content-Length over the limit is refused before
 * the body is read), header
 * and line sizes (Netty's defaults), idle connections (30 s read timeout), handler workers and their queue
 * (else 503). Routes are matched by path, then method (405 with Allow when only the method is wrong).
 *
 * <p>Threading: Netty's event loop only decodes and writes; handlers run on the worker pool.
 *
 * <p>Two kinds of route beyond plain JSON: static files ({@link StaticResources}: caching validators, 304) and
 * Server-Sent Events ({@link EventStreamRoute}: a long-lived response fed through a bounded {@link EventSink}).
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private final List<Route> routes;
    private final Authenticator auth;
    private final int maxBodyBytes;
    private final EventLoopGroup group;
    private final ThreadPoolExecutor workers;
    private final Channel channel;

    private HttpServer(List<Route> routes, Authenticator auth, int maxBodyBytes, EventLoopGroup group, ThreadPoolExecutor workers,
                       Channel channel) {
        this.routes = routes;
        this.auth = auth;
        this.maxBodyBytes = maxBodyBytes;
        this.group = group;
        this.workers = workers;
        this.channel = channel;
    }

    /**
     * Starts listening.
     *
     * @param host e.g. 127.0.0.1 (the default: only local clients)
     * @param port 0 for any free port
     */
    public static HttpServer start(String host, int port, List<Route> routes, Authenticator auth, int maxBodyBytes, int workerThreads) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(workerThreads, workerThreads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1000), r -> {
                    Thread t = new Thread(r, "cobra-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        HttpServer[] self = new HttpServer[1];
        try {
            Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline().addLast(new ReadTimeoutHandler(30))
                                    .addLast(new HttpServerCodec())
                                    .addLast(new BodyLimit(self))
                                    .addLast(new HttpObjectAggregator(largestBody(routes, maxBodyBytes)))
                                    .addLast(new Dispatch(self));
                        }
                    }).bind(host, port).sync().channel();
            self[0] = new HttpServer(List.copyOf(routes), auth, maxBodyBytes, group, workers, ch);
            log.info("HTTP listening on {}", ch.localAddress());
            return self[0];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.shutdownGracefully();
            workers.shutdownNow();
            throw new IllegalStateException("interrupted while binding HTTP on " + host + ":" + port, e);
        } catch (RuntimeException e) {
            group.shutdownGracefully();
            workers.shutdownNow();
            throw new IllegalStateException("cannot listen for HTTP on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private static int largestBody(List<Route> routes, int maxBodyBytes) {
        int max = maxBodyBytes;
        for (Route r : routes) {
            max = Math.max(max, r.bodyLimit(maxBodyBytes));
        }
        return max;
    }

    /**
     * The answer to give before reading a body whose declared length is over the server's default, or null to go on:
     * 413 if it is over its route's limit too; else, on a protected route, the token is checked first (401/429), so
     * only authenticated clients make the server buffer a large upload. Chunked bodies are checked after aggregation.
     */
    private HttpResult refuseEarly(HttpRequest req, String client) {
        long length = HttpUtil.getContentLength(req, -1L);
        if (length <= maxBodyBytes) {
            return null;
        }
        String path = new QueryStringDecoder(req.uri()).path();
        Route route = null;
        for (Route r : routes) {
            if (r.method().equals(req.method().name()) && r.match(path) != null) {
                route = r;
                break;
            }
        }
        int limit = route == null ? maxBodyBytes : route.bodyLimit(maxBodyBytes);
        if (length > limit) {
            return tooLarge(length, limit);
        }
        if (!route.isPublic()) {
            Authenticator.Result a = auth.authenticate(req.headers().get(HttpHeaderNames.AUTHORIZATION), client);
            if (a instanceof Authenticator.Result.Denied) {
                Authenticator.Result.Denied d = (Authenticator.Result.Denied) a;
                return HttpResult.error(d.status(), d.message());
            }
        }
        return null;
    }

    private static String client(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress
                ? ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress() : "unknown";
    }

    private static HttpResult tooLarge(long bytes, int limit) {
        return HttpResult.error(413, "request body of " + bytes + " bytes is over this route's limit of " + limit + " bytes");
    }

    /**
     * Answers a request before its body is read when {@link #refuseEarly} says so, then reads and drops that body.
     */
    private static final class BodyLimit extends ChannelInboundHandlerAdapter {
        private final HttpServer[] server;
        private boolean discarding;

        BodyLimit(HttpServer[] server) {
            this.server = server;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest && server[0] != null) {
                discarding = false;
                HttpRequest req = (HttpRequest) msg;
                HttpResult refused = server[0].refuseEarly(req, client(ctx));
                if (refused != null) {
                    // Answer now, then read and drop the body: closing with unread bytes would make the kernel reset
                    // the connection, and the client could lose the answer (Netty's aggregator does the same).
                    discarding = !(msg instanceof LastHttpContent);
                    ReferenceCountUtil.release(msg);
                    Dispatch.write(ctx, refused, HttpUtil.isKeepAlive(req));
                    return;
                }
            }
            if (discarding && msg instanceof HttpContent) {
                discarding = !(msg instanceof LastHttpContent);
                ReferenceCountUtil.release(msg);
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public List<Route> routes() {
        return routes;
    }

    private static final class Dispatch extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final HttpServer[] server;

        Dispatch(HttpServer[] server) {
            this.server = server;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            HttpServer s = server[0];
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (!req.decoderResult().isSuccess()) {
                write(ctx, HttpResult.error(400, "malformed HTTP request"), false);
                return;
            }
            QueryStringDecoder uri = new QueryStringDecoder(req.uri());
            String path = uri.path();
            String method = req.method().name();
            Route route = null;
            Map<String, String> params = null;
            List<String> allowed = new ArrayList<>();
            for (Route r : s.routes) {
                Map<String, String> m = r.match(path);
                if (m != null) {
                    if (r.method().equals(method)) {
                        route = r;
                        params = m;
                        break;
                    }
                    allowed.add(r.method());
                }
            }
            if (route == null) {
                HttpResult res = allowed.isEmpty() ? HttpResult.error(404, "no such path: " + path)
                        : HttpResult.error(405, method + " is not allowed on " + path + " (allowed: " + String.join(", ", allowed) + ")");
                write(ctx, res, keepAlive);
                return;
            }
            String client = client(ctx);
            Principal principal = null;
            if (!route.isPublic()) {
                String authorization = req.headers().get(HttpHeaderNames.AUTHORIZATION);
                List<String> ticket = uri.parameters().get("ticket");
                // EventSource cannot send headers: an event stream may present a one-use ticket instead (see EventStreamRoute).
                Authenticator.Result a = authorization == null && ticket != null && route.handler() instanceof EventStreamRoute
                        ? s.auth.redeemTicket(ticket.get(0), client) : s.auth.authenticate(authorization, client);
                if (a instanceof Authenticator.Result.Denied) {
                    Authenticator.Result.Denied d = (Authenticator.Result.Denied) a;
                    write(ctx, HttpResult.error(d.status(), d.message()), keepAlive);
                    return;
                }
                principal = ((Authenticator.Result.Ok) a).principal();
                if (!route.roles().contains(principal.role())) {
                    write(ctx, HttpResult.error(403, "role " + principal.role().name().toLowerCase(Locale.ROOT)
                            + " may not " + method + " " + path), keepAlive);
                    return;
                }
            }
            int limit = route.bodyLimit(s.maxBodyBytes);
            if (req.content().readableBytes() > limit) {
                write(ctx, tooLarge(req.content().readableBytes(), limit), false);
                return;
            }
            byte[] body = new byte[req.content().readableBytes()];
            req.content().readBytes(body);
            Map<String, String> headers = new HashMap<>();
            req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
            HttpRequestContext rc = new HttpRequestContext(method, path, params, uri.parameters(), headers, body, principal);
            Route chosen = route;
            try {
                if (chosen.handler() instanceof EventStreamRoute) {
                    EventStreamRoute stream = (EventStreamRoute) chosen.handler();
                    s.workers.execute(() -> {
                        HttpResult refused = run(chosen, rc, r -> stream.stream(ctx, r));
                        if (refused != null) {
                            write(ctx, refused, keepAlive);
                        }
                    });
                    return;
                }
                s.workers.execute(() -> write(ctx, run(chosen, rc, chosen.handler()), keepAlive));
            } catch (RejectedExecutionException e) {
                write(ctx, HttpResult.error(503, "server busy, retry shortly"), keepAlive);
            }
        }

        private static HttpResult run(Route route, HttpRequestContext rc, Route.Handler handler) {
            try {
                return handler.handle(rc);
            } catch (HttpError e) {
                return HttpResult.error(e.status(), e.getMessage());
            } catch (IllegalArgumentException e) {
                return HttpResult.error(400, e.getMessage());
            } catch (RuntimeException e) {
                String id = UUID.randomUUID().toString().substring(0, 8);
                log.error("{} {} failed (error id {})", rc.method(), route.pattern(), id, e);
                return HttpResult.error(500, "internal error (id " + id + "; details are in the server log)");
            }
        }

        private static void write(ChannelHandlerContext ctx, HttpResult r, boolean keepAlive) {
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
                    Unpooled.wrappedBuffer(r.body()));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
            res.headers().set("X-Content-Type-Options", "nosniff");
            r.headers().forEach((name, value) -> res.headers().set(name, value));
            if (keepAlive) {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(res);
            } else {
                ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("HTTP connection closed: {}", cause.toString());
            ctx.close();
        }
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdown();
    }
}

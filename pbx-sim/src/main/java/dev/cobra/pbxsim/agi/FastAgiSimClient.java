package dev.cobra.pbxsim.agi;

import dev.cobra.wire.agi.AgiCommandDecoder;
import dev.cobra.wire.agi.AgiEncoder;
import dev.cobra.wire.agi.AgiLimits;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects to a FastAGI server the way Asterisk's {@code AGI(agi://host:port/script)} does and
 * plays one {@link AgiCallSpec} per connection through an {@link AgiChannelSimulation}. Owns its
 * event loop group (closed by {@link #close()}) and the simulated AstDB shared by its calls.
 *
 * <p>Threading: each connection is handled on its event loop; commands are answered strictly one
 * after the other (like Asterisk's single AGI thread per channel), each reply delayed by the
 * {@link PlaybackPacing} without blocking the loop. A server that pipelines commands has them
 * queued (at most {@value #MAX_QUEUED_COMMANDS}; more closes the socket, which Asterisk would not
 * do, but a server that floods is broken anyway).
 *
 * <p>Like Asterisk, the client never closes the socket on its own after a hang-up: it waits for
 * the server to close it. {@link Call#finished()} completes when the socket is closed.
 */
public final class FastAgiSimClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FastAgiSimClient.class);
    static final int MAX_QUEUED_COMMANDS = 64;
    private static final int MAX_TRANSCRIPT_LINES = 2000;

    private final EventLoopGroup group;
    private final PlaybackPacing pacing;
    private final AgiLimits limits;
    private final ConcurrentMap<String, String> astDb = new ConcurrentHashMap<>();
    private final AtomicInteger openConnections = new AtomicInteger();

    public FastAgiSimClient(int ioThreads, PlaybackPacing pacing, AgiLimits limits) {
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
        this.pacing = pacing;
        this.limits = limits;
    }

    /** One thread, no real waiting, default limits: what tests want. */
    public static FastAgiSimClient forTests() {
        return new FastAgiSimClient(1, PlaybackPacing.instant(), AgiLimits.DEFAULT);
    }

    /** One simulated call in progress. */
    public static final class Call {
        private final CompletableFuture<CallRecord> finished = new CompletableFuture<>();

        /** Completes with what happened once the socket is closed; fails if the connect failed. */
        public CompletableFuture<CallRecord> finished() {
            return finished;
        }
    }

    /** Connects to {@code server} and plays {@code spec}. */
    public Call call(InetSocketAddress server, AgiCallSpec spec) {
        Call call = new Call();
        AgiChannelSimulation sim = new AgiChannelSimulation(spec, astDb, MAX_TRANSCRIPT_LINES);
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new AgiCommandDecoder(limits), new AgiEncoder(),
                                new SessionHandler(sim, call, server));
                    }
                });
        ChannelFuture f = b.connect(server);
        f.addListener(done -> {
            if (!done.isSuccess()) {
                call.finished.completeExceptionally(done.cause());
            }
        });
        return call;
    }

    /** Sockets currently open (for leak checks in tests). */
    public int openConnections() {
        return openConnections.get();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class SessionHandler extends SimpleChannelInboundHandler<String> {
        private final AgiChannelSimulation sim;
        private final Call call;
        private final InetSocketAddress server;
        private final ArrayDeque<String> queued = new ArrayDeque<>();
        private boolean busy;
        private boolean stalled;

        SessionHandler(AgiChannelSimulation sim, Call call, InetSocketAddress server) {
            this.sim = sim;
            this.call = call;
            this.server = server;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            openConnections.incrementAndGet();
            String host = server.getAddress() == null ? server.getHostString() : server.getAddress().getHostAddress();
            ctx.writeAndFlush(Unpooled.copiedBuffer(sim.request(host, server.getPort()).toWire(), StandardCharsets.UTF_8));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String line) {
            if (stalled) {
                return;
            }
            if (queued.size() >= MAX_QUEUED_COMMANDS) {
                log.warn("FastAGI sim: server sent more than {} commands without waiting for replies; closing", MAX_QUEUED_COMMANDS);
                ctx.close();
                return;
            }
            queued.add(line);
            if (!busy) {
                runQueued(ctx);
            }
        }

        private void runQueued(ChannelHandlerContext ctx) {
            while (!queued.isEmpty() && !stalled) {
                AgiChannelSimulation.Step step = sim.onCommand(queued.poll());
                if (step.after() == AgiChannelSimulation.After.STALL) {
                    stalled = true;
                    return;
                }
                if (step.after() == AgiChannelSimulation.After.CLOSE_SOCKET) {
                    ctx.close();
                    return;
                }
                Duration delay = pacing.realDelayFor(step.took());
                if (delay.isZero()) {
                    write(ctx, step);
                } else {
                    busy = true;
                    ctx.executor().schedule(() -> {
                        busy = false;
                        if (ctx.channel().isActive()) {
                            write(ctx, step);
                            runQueued(ctx);
                        }
                    }, delay.toNanos(), TimeUnit.NANOSECONDS);
                    return;
                }
            }
        }

        private void write(ChannelHandlerContext ctx, AgiChannelSimulation.Step step) {
            StringBuilder sb = new StringBuilder();
            step.wire().forEach(sb::append);
            ctx.writeAndFlush(Unpooled.copiedBuffer(sb, StandardCharsets.UTF_8));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            openConnections.decrementAndGet();
            call.finished.complete(sim.record());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.warn("FastAGI sim: closing a session after an error: {}", cause.toString());
            ctx.close();
        }
    }
}

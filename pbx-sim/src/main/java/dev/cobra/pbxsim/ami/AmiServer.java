package dev.cobra.pbxsim.ami;

import dev.cobra.pbxsim.SimScheduler;
import dev.cobra.wire.ami.AmiBanner;
import dev.cobra.wire.ami.AmiDecoder;
import dev.cobra.wire.ami.AmiEncoder;
import dev.cobra.wire.ami.AmiFrameException;
import dev.cobra.wire.ami.AmiMessage;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AMI TCP server: greets with the Asterisk 22 banner, frames with the {@code wire} codec,
 * and hands every action to its {@link AmiSession} on the simulator thread. Fans the
 * {@link AsteriskCore}'s events out to the sessions, and carries the fault injection that works
 * on the wire (cut, stall, delayed events, raw malformed bytes).
 *
 * <p>Threading: Netty I/O threads decode and encode; all session and core state lives on the
 * {@link SimScheduler} thread. Public methods are safe from any thread.
 */
public final class AmiServer implements AsteriskCore.EventSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AmiServer.class);
    private static final DateTimeFormatter EVENT_TV =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private final SimScheduler scheduler;
    private final AmiServerConfig config;
    private AsteriskCore core;
    private final EventLoopGroup group;
    private Channel serverChannel;
    private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    /** Touched on the simulator thread only. */
    private final Map<Long, AmiSession> sessions = new LinkedHashMap<>();
    private final AtomicLong sessionIds = new AtomicLong(1);
    private final SplittableRandom challenges;
    private volatile Duration eventDelay = Duration.ZERO;
    private final AtomicLong framingErrors = new AtomicLong();
    private final AtomicLong failedLogins = new AtomicLong();
    private final AtomicLong slowClientDrops = new AtomicLong();
    private volatile int sessionCount;

    public AmiServer(SimScheduler scheduler, AmiServerConfig config, long seed) {
        this.scheduler = scheduler;
        this.config = config;
        this.challenges = new SplittableRandom(seed ^ 0xC4A11E46EL);
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    /** Connects the core whose events this server publishes; call once before {@link #bind}. */
    public void attach(AsteriskCore asteriskCore) {
        this.core = asteriskCore;
    }

    /** Binds 127.0.0.1:{@code port} (0 = any free port) and returns the bound port. */
    public int bind(String host, int port) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(AmiDecoder.forServer(), new AmiEncoder(), new Handler());
                    }
                });
        serverChannel = b.bind(host, port).sync().channel();
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    AmiServerConfig config() {
        return config;
    }

    private final class Handler extends SimpleChannelInboundHandler<AmiMessage> {
        private AmiSession session;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            clients.add(ctx.channel());
            AmiSession s = new AmiSession(AmiServer.this, core, ctx.channel(), sessionIds.getAndIncrement());
            session = s;
            scheduler.execute(() -> {
                sessions.put(s.id, s);
                sessionCount = sessions.size();
                s.write(AmiBanner.ASTERISK_22);
            });
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, AmiMessage msg) {
            AmiSession s = session;
            scheduler.execute(() -> {
                try {
                    s.onAction(msg);
                } finally {
                    actionHandled();
                }
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            AmiSession s = session;
            scheduler.execute(() -> {
                sessions.remove(s.id);
                sessionCount = sessions.size();
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof AmiFrameException e) {
                framingErrors.incrementAndGet();
                log.warn("AMI session {}: dropped a malformed action: {}", session.id, e.getMessage());
                return;
            }
            if (!(cause instanceof java.nio.channels.ClosedChannelException)) {
                log.debug("AMI session {} closed after {}", session.id, cause.toString());
            }
            ctx.close();
        }
    }

    private final Object actionsLock = new Object();
    private long actionsHandled;

    private void actionHandled() {
        synchronized (actionsLock) {
            actionsHandled++;
            actionsLock.notifyAll();
        }
    }

    /** Actions taken off the wire and handled (or held behind a sync Originate) so far. */
    public long actionsHandled() {
        synchronized (actionsLock) {
            return actionsHandled;
        }
    }

    /**
     * Waits until at least {@code count} actions have been handled.
     *
     * @throws IllegalStateException naming both counts when {@code timeout} passes first
     */
    public void awaitActionsHandled(long count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (actionsLock) {
            while (actionsHandled < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("AMI actions handled: " + actionsHandled + " after "
                            + timeout.toMillis() + "ms (expected: >= " + count + ")");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(actionsLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted waiting for AMI actions", e);
                }
            }
        }
    }

    // ------------------------------------------------------------------ events

    @Override
    public void publish(AmiMessage event) {
        Duration delay = eventDelay;
        if (delay.isZero()) {
            fanOut(event);
        } else {
            scheduler.schedule(delay, () -> fanOut(event));
        }
    }

    private void fanOut(AmiMessage event) {
        for (AmiSession s : sessions.values()) {
            s.deliver(event);
        }
    }

    void successfulAuth(AmiSession s) {
        publish(securityEvent("SuccessfulAuth", "Informational", s).add("UsingPassword", "0")
                .add("SessionTV", EVENT_TV.format(scheduler.now())).build());
    }

    void requestBadFormat(AmiSession s, String requestType) {
        publish(securityEvent("RequestBadFormat", "Error", s).add("RequestType", requestType)
                .add("SessionTV", EVENT_TV.format(scheduler.now())).add("AccountID", s.user()).build());
    }

    private AmiMessage.Builder securityEvent(String name, String severity, AmiSession s) {
        AmiMessage.Builder b = AmiMessage.builder().add("Event", name).add("Privilege", "security,all")
                .add("SystemName", config.systemName()).add("EventTV", EVENT_TV.format(scheduler.now()))
                .add("Severity", severity).add("Service", "AMI").add("EventVersion", "1");
        if (name.equals("SuccessfulAuth")) {
            b.add("AccountID", s.user());
        }
        return b.add("SessionID", String.format("0x%x", s.id))
                .add("LocalAddress", "IPV4/TCP/" + address(s.channel.localAddress()))
                .add("RemoteAddress", "IPV4/TCP/" + address(s.channel.remoteAddress()));
    }

    private static String address(java.net.SocketAddress a) {
        if (a instanceof InetSocketAddress i) {
            return i.getAddress().getHostAddress() + "/" + i.getPort();
        }
        return String.valueOf(a);
    }

    long nextChallenge() {
        return 100_000_000L + challenges.nextLong(900_000_000L);
    }

    void countFailedLogin() {
        failedLogins.incrementAndGet();
    }

    void countSlowClientDrop() {
        slowClientDrops.incrementAndGet();
    }

    // ------------------------------------------------------------------ fault injection and introspection

    /** Closes every client socket at once, as a crashed or restarted Asterisk would. */
    public void cutConnections() {
        runOnSim(() -> {
            for (AmiSession s : new ArrayList<>(sessions.values())) {
                s.channel.close();
            }
        });
    }

    /** Stops writing to every client for {@code duration} (output is held, then sent in order). */
    public void stall(Duration duration) {
        runOnSim(() -> {
            List<AmiSession> stalled = new ArrayList<>(sessions.values());
            for (AmiSession s : stalled) {
                s.stall(true);
            }
            scheduler.schedule(duration, () -> {
                for (AmiSession s : stalled) {
                    s.stall(false);
                }
            });
        });
    }

    /** Delays every event by {@code delay} from now on (responses are not delayed). */
    public void delayEvents(Duration delay) {
        this.eventDelay = delay;
    }

    /** Writes {@code raw} as-is to every logged-in or not client (e.g. a frame without a colon). */
    public void sendRaw(String raw) {
        runOnSim(() -> {
            for (AmiSession s : sessions.values()) {
                s.writeRaw(raw);
            }
        });
    }

    public int sessionCount() {
        return sessionCount;
    }

    public long framingErrorCount() {
        return framingErrors.get();
    }

    public long failedLoginCount() {
        return failedLogins.get();
    }

    public long slowClientDropCount() {
        return slowClientDrops.get();
    }

    private void runOnSim(Runnable r) {
        scheduler.execute(r);
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        clients.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

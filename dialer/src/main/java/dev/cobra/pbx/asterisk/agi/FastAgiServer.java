package dev.cobra.pbx.asterisk.agi;

import dev.cobra.ivr.CallContext;
import dev.cobra.ivr.CallerException;
import dev.cobra.ivr.CallerHungUp;
import dev.cobra.ivr.IvrApplication;
import dev.cobra.wire.agi.AgiCommand;
import dev.cobra.wire.agi.AgiEncoder;
import dev.cobra.wire.agi.AgiReply;
import dev.cobra.wire.agi.AgiReplyDecoder;
import dev.cobra.wire.agi.AgiRequest;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cobra's FastAGI server: Asterisk connects per call, and the {@link IvrApplication} registered
 * for the script name in the {@code agi://host:port/script} URL runs on an {@link AgiCaller}.
 *
 * <p>Why not asterisk-java's {@code DefaultAgiServer} (3.42.2; facts read from its bytecode and
 * measured with {@code FastAgiBenchmark} against pbx-sim):
 * <ul>
 *   <li>Limits. Its accept loop is a blocking {@code ServerSocket.accept()} on one thread and its
 *       pool is bounded ({@code SynchronousQueue}, {@code maximumPoolSize}); a rejected call is only
 *       logged ("Execution was rejected by pool"). Here accept is Netty's non-blocking one, admission
 *       is {@code sessionThreads} + {@code sessionQueue}, and a rejected call is closed at once (Asterisk
 *       continues its dialplan with AGISTATUS=FAILURE) and counted.</li>
 *   <li>Hang-up semantics. Its reader silently skips the {@code HANGUP} line and maps {@code 511},
 *       socket EOF and I/O errors alike to {@code AgiHangupException}, logged at ERROR with a stack
 *       trace: a caller hang-up and a broken link look the same. Here the {@code HANGUP} line and
 *       {@code 511} are {@link CallerHungUp}, a lost link or malformed frame is
 *       {@link dev.cobra.ivr.CallerFailure} (one WARN line, only that session closed).</li>
 *   <li>Deadlines. Its only bound on a stuck Asterisk is the socket read timeout (default 3 hours);
 *       here every command has its own deadline ({@code commandTimeout} plus what the command may
 *       last), and a silent connection is closed after {@code commandTimeout}.</li>
 *   <li>Speed is not the reason: on this 2-core machine (shared, load ~9) both did the same within
 *       noise: 50 concurrent calls 1453 vs 1283 sessions/s (command round trip p99 25 ms vs 13 ms),
 *       200 concurrent 1732 vs 1582 sessions/s (p99 39 ms vs 32 ms); 6 commands per session.</li>
 * </ul>
 *
 * <p>Threading: one Netty group for accept and I/O ({@code ioThreads}); each session blocks one
 * session thread while it waits for Asterisk (Java 17: no virtual threads), which is why that pool
 * is sized to the number of calls in IVR, not to the cores. Java 21 virtual threads would remove
 * the pool but keep the admission limit.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #close()} once; close stops accepting, closes every
 * connection (their applications see {@link dev.cobra.ivr.CallerFailure}) and waits (bounded) for
 * the session threads.
 */
public final class FastAgiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FastAgiServer.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final FastAgiServerConfig config;
    private final Map<String, IvrApplication> applications;
    private final FastAgiCounters counters = new FastAgiCounters();
    private final AtomicInteger activeSessions = new AtomicInteger();
    private final ThreadPoolExecutor sessions;
    private final EventLoopGroup group;
    private final ChannelGroup connections = new DefaultChannelGroup("fastagi", GlobalEventExecutor.INSTANCE);
    private Channel serverChannel;

    /**
     * @param config settings
     * @param applications the application to run per script name ({@code agi_network_script})
     */
    public FastAgiServer(FastAgiServerConfig config, Map<String, IvrApplication> applications) {
        this.config = config;
        this.applications = Map.copyOf(applications);
        BlockingQueue<Runnable> queue = config.sessionQueue() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(config.sessionQueue());
        AtomicInteger threadNo = new AtomicInteger();
        this.sessions = new ThreadPoolExecutor(config.sessionThreads(), config.sessionThreads(), 60, TimeUnit.SECONDS, queue, r -> {
            Thread t = new Thread(r, "fastagi-session-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        this.sessions.allowCoreThreadTimeOut(true);
        this.group = new MultiThreadIoEventLoopGroup(config.ioThreads(), NioIoHandler.newFactory());
    }

    /** Binds and starts accepting; returns the bound address (useful with port 0). */
    public InetSocketAddress start() {
        if (serverChannel != null) {
            throw new IllegalStateException("FastAGI server already started on " + serverChannel.localAddress());
        }
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(new AgiReplyDecoder(config.limits()), new AgiEncoder(),
                                new AgiSession(counters, config.commandTimeout(), FastAgiServer.this::admit));
                    }
                });
        serverChannel = b.bind(config.bindHost(), config.port()).syncUninterruptibly().channel();
        InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
        log.info("FastAGI server listening on {} (sessions={}, queue={}, commandTimeout={}ms)", bound,
                config.sessionThreads(), config.sessionQueue(), config.commandTimeout().toMillis());
        return bound;
    }

    /** Called on the I/O thread when a connection's header block is complete. */
    private void admit(AgiSession session, AgiRequest request) {
        try {
            sessions.execute(() -> runSession(session, request));
        } catch (RejectedExecutionException e) {
            counters.sessionsRejected.increment();
            log.warn("FastAGI call rejected (uniqueid={}): all {} session threads busy and {} queued; closing so the dialplan continues",
                    request.uniqueId(), config.sessionThreads(), config.sessionQueue());
            session.close();
        }
    }

    private void runSession(AgiSession session, AgiRequest request) {
        activeSessions.incrementAndGet();
        String script = request.networkScript();
        AgiCaller caller = new AgiCaller(session, config);
        try {
            IvrApplication app = applications.get(script);
            if (app == null) {
                counters.unknownScripts.increment();
                log.warn("FastAGI call for unknown script '{}' (uniqueid={}); closing", script, request.uniqueId());
                return;
            }
            counters.sessionsStarted.increment();
            app.run(caller, context(request, caller));
            counters.sessionsCompleted.increment();
            if (caller.callerHungUp()) {
                counters.callerHangups.increment();
            }
        } catch (CallerHungUp e) {
            counters.sessionsCompleted.increment();
            counters.callerHangups.increment();
        } catch (CallerException e) {
            counters.sessionsFailed.increment();
            log.warn("FastAGI session for '{}' ended early: {}", script, e.getMessage());
        } catch (RuntimeException e) {
            counters.sessionsFailed.increment();
            log.error("FastAGI application '{}' failed (uniqueid={})", script, request.uniqueId(), e);
        } finally {
            session.close();
            activeSessions.decrementAndGet();
        }
    }

    private CallContext context(AgiRequest request, AgiCaller caller) throws CallerException {
        Optional<String> callId = Optional.empty();
        if (config.callIdVariable().isPresent()) {
            AgiReply r = caller.send(AgiCommand.of("GET VARIABLE", config.callIdVariable().get()), Duration.ZERO);
            if (r instanceof AgiReply.Result && ((AgiReply.Result) r).result().equals("1")) {
                callId = ((AgiReply.Result) r).data();
            }
        }
        return new CallContext(request.uniqueId(), callId, request.networkScript(), request.arguments(), request.language(),
                request.variables());
    }

    /** Counters since start. */
    public FastAgiCounters.Snapshot counters() {
        return counters.snapshot();
    }

    /** Sessions whose application is running now. */
    public int activeSessions() {
        return activeSessions.get();
    }

    /** Open FastAGI connections (including ones still sending their header or waiting in the queue). */
    public int openConnections() {
        return connections.size();
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        connections.close().awaitUninterruptibly(SHUTDOWN_WAIT.toMillis());
        sessions.shutdown();
        try {
            if (!sessions.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("FastAGI: {} session threads still running after {}ms; interrupting", sessions.getActiveCount(), SHUTDOWN_WAIT.toMillis());
                sessions.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sessions.shutdownNow();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

package dev.cobra.pbx.asterisk.agi;

import dev.cobra.ivr.CallerException;
import dev.cobra.ivr.CallerFailure;
import dev.cobra.ivr.CallerTimeout;
import dev.cobra.wire.agi.AgiCommand;
import dev.cobra.wire.agi.AgiHangupNotice;
import dev.cobra.wire.agi.AgiReply;
import dev.cobra.wire.agi.AgiRequest;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One FastAGI connection: receives the {@link AgiRequest}, hands it to the server to start the
 * session, then correlates each command with its reply.
 *
 * <p>Threading: Netty callbacks run on the channel's event loop; {@link #send} runs on the
 * session thread and blocks (bounded) for the reply. FastAGI is strictly one command, one reply,
 * in order, so a single pending slot is the whole correlation state. A reply with no command
 * pending, a malformed line, a command timeout or a lost connection all close the connection:
 * a line protocol that lost step cannot be trusted again.
 *
 * <p>The unsolicited {@code HANGUP} line is not a reply: Asterisk writes it as soon as its AGI loop
 * reads the hang-up, which can be before the reply to the command in flight (trace
 * {@code fastagi-session.txt}, +9.933: {@code HANGUP} then {@code 200 result=0} for NOOP). It only
 * sets {@link #hangupNoticed()}; the pending command still waits for its own reply (often 511).
 */
final class AgiSession extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(AgiSession.class);

    private final FastAgiCounters counters;
    private final Duration headerTimeout;
    /** Event loop only. */
    private boolean requestReceived;
    private final BiConsumer<AgiSession, AgiRequest> onRequest;
    private final AtomicReference<CompletableFuture<AgiReply>> pending = new AtomicReference<>();
    private volatile Channel channel;
    /** A reply read in the current socket read, delivered at its end (event loop only). */
    private AgiReply received;
    private volatile boolean hangupNoticed;
    private volatile boolean closed;
    private volatile String uniqueId = "?";
    private volatile String closeReason = "connection closed by Asterisk";

    AgiSession(FastAgiCounters counters, Duration headerTimeout, BiConsumer<AgiSession, AgiRequest> onRequest) {
        this.counters = counters;
        this.headerTimeout = headerTimeout;
        this.onRequest = onRequest;
    }

    /** Asterisk writes the whole header block at once on connect; a silent connection is not Asterisk. */
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        ctx.executor().schedule(() -> {
            if (!requestReceived && ctx.channel().isActive()) {
                counters.headerTimeouts.increment();
                closeWith(ctx, "no agi_* header block within " + headerTimeout.toMillis() + "ms");
            }
        }, headerTimeout.toNanos(), TimeUnit.NANOSECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof AgiRequest) {
            AgiRequest request = (AgiRequest) msg;
            requestReceived = true;
            uniqueId = request.uniqueId();
            onRequest.accept(this, request);
        } else if (msg instanceof AgiHangupNotice) {
            hangupNoticed = true;
        } else if (msg instanceof AgiReply) {
            AgiReply reply = (AgiReply) msg;
            countReply(reply);
            if (pending.get() == null || received != null) {
                counters.unexpectedReplies.increment();
                closeWith(ctx, "a reply arrived with no command pending");
                return;
            }
            received = reply;
        }
    }

    /**
     * Hands the reply to the waiting session thread only at the end of the socket read, so a
     * {@code HANGUP} line that came in the same read (Asterisk writes {@code 200 result=-1} and
     * {@code HANGUP} back to back) is already noticed when the session thread wakes up.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        deliverReceived();
        ctx.fireChannelReadComplete();
    }

    private void deliverReceived() {
        AgiReply reply = received;
        if (reply != null) {
            received = null;
            CompletableFuture<AgiReply> waiting = pending.getAndSet(null);
            if (waiting != null) {
                waiting.complete(reply);
            }
        }
    }

    private void countReply(AgiReply reply) {
        if (reply instanceof AgiReply.InvalidCommand) {
            counters.invalidCommandReplies.increment();
        } else if (reply instanceof AgiReply.Usage) {
            counters.usageReplies.increment();
        } else if (reply instanceof AgiReply.DeadChannel) {
            counters.deadChannelReplies.increment();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            counters.malformedFrames.increment();
            closeWith(ctx, "malformed frame from Asterisk: " + cause.getMessage());
        } else {
            closeWith(ctx, "I/O error: " + cause);
        }
    }

    private void closeWith(ChannelHandlerContext ctx, String reason) {
        if (!closed) {
            closeReason = reason;
            log.warn("FastAGI session closed (uniqueid={}, remote={}): {}", uniqueId, ctx.channel().remoteAddress(), reason);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        deliverReceived();
        closed = true;
        CompletableFuture<AgiReply> waiting = pending.getAndSet(null);
        if (waiting != null) {
            waiting.completeExceptionally(new IllegalStateException(closeReason));
        }
        ctx.fireChannelInactive();
    }

    /**
     * Writes {@code command} and waits at most {@code timeout} for its reply. On timeout the
     * connection is closed (the reply, if it ever comes, could be mistaken for the next one's).
     */
    AgiReply send(AgiCommand command, Duration timeout) throws CallerException {
        if (closed) {
            throw new CallerFailure("FastAGI link closed before " + command.name() + " (uniqueid=" + uniqueId + "): " + closeReason, null);
        }
        CompletableFuture<AgiReply> reply = new CompletableFuture<>();
        if (!pending.compareAndSet(null, reply)) {
            throw new IllegalStateException("a FastAGI command is already pending (uniqueid=" + uniqueId + "); commands must be sequential");
        }
        counters.commandsSent.increment();
        channel.writeAndFlush(command).addListener(w -> {
            if (!w.isSuccess() && pending.compareAndSet(reply, null)) {
                reply.completeExceptionally(w.cause());
            }
        });
        try {
            return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.compareAndSet(reply, null);
            counters.commandTimeouts.increment();
            closeReason = command.name() + " timed out";
            log.warn("FastAGI session closed (uniqueid={}): {} got no reply within {}ms", uniqueId, command.name(), timeout.toMillis());
            channel.close();
            throw new CallerTimeout(command.name() + " got no reply within " + timeout.toMillis() + "ms (uniqueid=" + uniqueId
                    + ", hangupNoticed=" + hangupNoticed + ")");
        } catch (ExecutionException e) {
            throw new CallerFailure("FastAGI " + command.name() + " failed (uniqueid=" + uniqueId + "): " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.compareAndSet(reply, null);
            channel.close();
            throw new CallerFailure("interrupted waiting for " + command.name() + " (uniqueid=" + uniqueId + ")", e);
        }
    }

    /** True once Asterisk sent the {@code HANGUP} line. */
    boolean hangupNoticed() {
        return hangupNoticed;
    }

    boolean closed() {
        return closed;
    }

    String uniqueId() {
        return uniqueId;
    }

    /** Ends the AGI: Asterisk then continues the dialplan (AGISTATUS=SUCCESS). */
    void close() {
        Channel c = channel;
        if (c != null) {
            c.close();
        }
    }
}

package dev.cobra.pbx.asterisk;

import dev.cobra.wire.ami.AmiBanner;
import dev.cobra.wire.ami.AmiDecoder;
import dev.cobra.wire.ami.AmiEncoder;
import dev.cobra.wire.ami.AmiFrame;
import dev.cobra.wire.ami.AmiFrameException;
import dev.cobra.wire.ami.AmiMessage;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AMI session to one Asterisk over Cobra's own Netty codec ({@link AmiDecoder}/{@link AmiEncoder}): connect,
 * banner, Login (with the event classes Cobra needs), Filters, then actions correlated by ActionID and every
 * unsolicited event handed to the {@link Handler}.
 *
 * <p>Protocol facts relied on (pbx-traces/asterisk): the banner is one line; a failed Login answers
 * {@code Response: Error / Authentication failed} after about 1 s and Asterisk closes the socket; responses come
 * in the order actions were sent and before the events the action causes; list actions (CoreShowChannels)
 * answer {@code EventList: start}, then one event per item carrying the ActionID, then {@code ...Complete};
 * {@code OriginateResponse} is an event that also carries {@code Response:} and the Originate's ActionID, so a
 * message with {@code Event:} is always treated as an event.
 *
 * <p>Threading: every method must be called on {@link #loop()}; the handler is called on it too. Events are
 * handled inline on the channel's reader: a slow consumer slows the socket read (TCP pushes back on Asterisk),
 * nothing is queued or dropped here. Limits: at most {@code maxPendingActions} unanswered actions (more fail at
 * once with {@link AmiException}), each fails after {@code actionTimeout}; a disconnect fails all of them.
 */
final class AmiConnection {
    private static final Logger log = LoggerFactory.getLogger(AmiConnection.class);

    /** Receives what the session reports; called on the loop. */
    interface Handler {
        void onEvent(AmiMessage event);

        /** The session ended (socket closed, by either side). Called once, after the pending actions failed. */
        void onClosed(AmiConnection connection, Throwable cause);
    }

    private final EventLoop loop;
    private final AsteriskServer server;
    private final Duration actionTimeout;
    private final int maxPendingActions;
    private final Handler handler;
    private final Map<String, Pending> pending = new HashMap<>();
    private Channel channel;
    private long nextActionId;
    private boolean closed;
    private long frameErrors;

    AmiConnection(EventLoop loop, AsteriskServer server, Duration actionTimeout, int maxPendingActions, Handler handler) {
        this.loop = loop;
        this.server = server;
        this.actionTimeout = actionTimeout;
        this.maxPendingActions = maxPendingActions;
        this.handler = handler;
    }

    EventLoop loop() {
        return loop;
    }

    /** Malformed or over-limit frames skipped so far. */
    long frameErrors() {
        return frameErrors;
    }

    /**
     * Connects and logs in with {@code Events: eventMask}, then adds every legacy {@code Filter} regex. Completes
     * when the last filter is acknowledged; fails with {@link AmiLoginException} when Asterisk refuses the login.
     */
    CompletableFuture<Void> open(Duration connectTimeout, String eventMask, List<String> filters) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Bootstrap b = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(AmiDecoder.forClient(), new AmiEncoder(), new Inbound(ready, eventMask, filters));
                    }
                });
        ChannelFuture f = b.connect(server.host(), server.port());
        channel = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                ready.completeExceptionally(new AmiException("could not connect to " + server.describe() + " within "
                        + connectTimeout.toMillis() + "ms: " + done.cause().getMessage(), done.cause()));
            }
        });
        ScheduledFuture<?> guard = loop.schedule(() -> {
            if (!ready.isDone()) {
                ready.completeExceptionally(new AmiException("no banner/login answer from " + server.describe()
                        + " within " + (connectTimeout.toMillis() + actionTimeout.toMillis()) + "ms"));
                close();
            }
        }, connectTimeout.toMillis() + actionTimeout.toMillis(), TimeUnit.MILLISECONDS);
        ready.whenComplete((v, e) -> guard.cancel(false));
        return ready;
    }

    /** Sends an action with a fresh ActionID (prefix + counter) and completes with its response. */
    CompletableFuture<AmiMessage> send(AmiMessage action) {
        return send(action, "a-" + (++nextActionId), null);
    }

    /** Sends an action with the caller's ActionID (unique among pending ones). */
    CompletableFuture<AmiMessage> send(AmiMessage action, String actionId) {
        return send(action, actionId, null);
    }

    /** Sends a list action and completes with its item events once {@code completeEvent} arrives. */
    CompletableFuture<List<AmiMessage>> sendList(AmiMessage action, String completeEvent) {
        Pending p = new Pending(completeEvent);
        String id = "l-" + (++nextActionId);
        return send(action, id, p).thenCompose(r -> p.items);
    }

    private CompletableFuture<AmiMessage> send(AmiMessage action, String actionId, Pending list) {
        Pending p = list != null ? list : new Pending(null);
        if (closed || channel == null || !channel.isActive()) {
            p.fail(new AmiException(action.valueOr("Action", "?") + " not sent: no AMI session to " + server.describe()));
            return p.response;
        }
        if (pending.size() >= maxPendingActions) {
            p.fail(new AmiException(action.valueOr("Action", "?") + " refused: " + pending.size()
                    + " actions already waiting for " + server.describe() + " (limit " + maxPendingActions + ")"));
            return p.response;
        }
        if (pending.putIfAbsent(actionId, p) != null) {
            p.fail(new IllegalStateException("ActionID " + actionId + " is already pending on " + server.describe()));
            return p.response;
        }
        String name = action.valueOr("Action", "?");
        p.timeout = loop.schedule(() -> {
            if (pending.remove(actionId) == p) {
                p.fail(new AmiException(name + " ActionID=" + actionId + " timed out after " + actionTimeout.toMillis()
                        + "ms (pending=" + pending.size() + ", server=" + server.describe() + ")"));
            }
        }, actionTimeout.toMillis(), TimeUnit.MILLISECONDS);
        channel.writeAndFlush(action.toBuilder().remove("ActionID").add("ActionID", actionId).build());
        return p.response;
    }

    boolean isOpen() {
        return !closed && channel != null && channel.isActive();
    }

    void close() {
        if (channel != null) {
            channel.close();
        }
    }

    private void closed(Throwable cause) {
        if (closed) {
            return;
        }
        closed = true;
        List<Pending> all = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending p : all) {
            p.fail(new AmiException("AMI session to " + server.describe() + " closed with the action unanswered", cause));
        }
        handler.onClosed(this, cause);
    }

    private static final class Pending {
        final CompletableFuture<AmiMessage> response = new CompletableFuture<>();
        final String completeEvent;
        final CompletableFuture<List<AmiMessage>> items;
        final List<AmiMessage> collected = new ArrayList<>();
        ScheduledFuture<?> timeout;

        Pending(String completeEvent) {
            this.completeEvent = completeEvent;
            this.items = completeEvent == null ? null : new CompletableFuture<>();
        }

        void fail(Throwable t) {
            if (timeout != null) {
                timeout.cancel(false);
            }
            response.completeExceptionally(t);
            if (items != null) {
                items.completeExceptionally(t);
            }
        }
    }

    private final class Inbound extends SimpleChannelInboundHandler<AmiFrame> {
        private final CompletableFuture<Void> ready;
        private final String eventMask;
        private final List<String> filters;
        private boolean loggedIn;

        Inbound(CompletableFuture<Void> ready, String eventMask, List<String> filters) {
            this.ready = ready;
            this.eventMask = eventMask;
            this.filters = filters;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, AmiFrame frame) {
            if (frame instanceof AmiBanner) {
                login();
                return;
            }
            AmiMessage m = (AmiMessage) frame;
            String id = m.value("ActionID");
            if (m.isEvent()) {
                Pending p = id == null ? null : pending.get(id);
                if (p != null && p.completeEvent != null && p.response.isDone()) {
                    if (p.completeEvent.equalsIgnoreCase(m.valueOr("Event", ""))) {
                        pending.remove(id);
                        p.timeout.cancel(false);
                        p.items.complete(List.copyOf(p.collected));
                    } else {
                        p.collected.add(m);
                    }
                    return;
                }
                if (loggedIn) {
                    handler.onEvent(m);
                }
                return;
            }
            Pending p = id == null ? null : pending.get(id);
            if (p == null) {
                log.debug("AMI response for no pending action on {}: ActionID={} Response={}", server.describe(), id,
                        m.valueOr("Response", ""));
                return;
            }
            if (p.completeEvent == null || !"Success".equalsIgnoreCase(m.valueOr("Response", ""))) {
                pending.remove(id);
                p.timeout.cancel(false);
                if (p.items != null) {
                    p.items.completeExceptionally(new AmiException("list action ActionID=" + id + " refused by "
                            + server.describe() + ": " + m.valueOr("Message", "")));
                }
            }
            p.response.complete(m);
        }

        private void login() {
            send(AmiMessage.of("Action", "Login", "Username", server.username(), "Secret", server.secret(),
                    "Events", eventMask)).whenComplete((r, e) -> {
                        if (e != null) {
                            ready.completeExceptionally(e);
                        } else if (!"Success".equalsIgnoreCase(r.valueOr("Response", ""))) {
                            ready.completeExceptionally(new AmiLoginException(server, r.valueOr("Message", "(no message)")));
                            close();
                        } else {
                            loggedIn = true;
                            addFilters(0);
                        }
                    });
        }

        private void addFilters(int index) {
            if (index == filters.size()) {
                ready.complete(null);
                return;
            }
            send(AmiMessage.of("Action", "Filter", "Operation", "Add", "Filter", filters.get(index))).whenComplete((r, e) -> {
                if (e != null) {
                    ready.completeExceptionally(e);
                } else if (!"Success".equalsIgnoreCase(r.valueOr("Response", ""))) {
                    ready.completeExceptionally(new AmiException("Filter '" + filters.get(index) + "' refused by "
                            + server.describe() + ": " + r.valueOr("Message", "")));
                    close();
                } else {
                    addFilters(index + 1);
                }
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof AmiFrameException) {
                frameErrors++;
                log.warn("AMI frame skipped from {} (skipped so far: {}): {}", server.describe(), frameErrors, cause.getMessage());
                return;
            }
            log.warn("AMI session to {} failed, closing: {}", server.describe(), cause.toString());
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            AmiException cause = new AmiException("AMI session to " + server.describe() + " closed");
            ready.completeExceptionally(cause);
            closed(cause);
        }
    }
}

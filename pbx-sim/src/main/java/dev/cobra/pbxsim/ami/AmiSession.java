package dev.cobra.pbxsim.ami;

import dev.cobra.wire.ami.AmiMessage;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AMI client connection, as Asterisk's manager session behaves ({@code manager.c}): actions
 * other than Login, Challenge and Logoff before login get {@code Permission denied} and the socket
 * stays open; a failed login is answered after a delay and the socket is closed; actions of one
 * session run one at a time, so a synchronous Originate holds back the session's later actions
 * and its events until it has been answered ({@code ami-originate-sync.txt}).
 *
 * <p>Threading: every method runs on the simulator thread; output crosses to the channel's event
 * loop through one queue (see {@link #enqueue}).
 */
final class AmiSession {
    private static final Logger log = LoggerFactory.getLogger(AmiSession.class);
    private static final Set<String> ALL_CLASSES = Set.of("system", "call", "log", "verbose", "command", "agent",
            "user", "config", "dtmf", "reporting", "cdr", "dialplan", "originate", "agi", "cc", "aoc", "test",
            "security", "message");

    private final AmiServer server;
    private final AsteriskCore core;
    final Channel channel;
    final long id;
    private static final Object CLOSE = new Object();
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Object> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger outboxSize = new AtomicInteger();
    private boolean loggedIn;
    private boolean closing;
    private String user = "";
    private String challenge;
    private Set<String> eventClasses = ALL_CLASSES;
    private final List<EventFilter> filters = new ArrayList<>();
    /** Set while a synchronous Originate of this session is running. */
    private boolean busy;
    private final ArrayDeque<AmiMessage> heldActions = new ArrayDeque<>();
    private final ArrayDeque<AmiMessage> heldEvents = new ArrayDeque<>();
    private boolean stalled;
    private final ArrayDeque<AmiMessage> stalledOutput = new ArrayDeque<>();

    AmiSession(AmiServer server, AsteriskCore core, Channel channel, long id) {
        this.server = server;
        this.core = core;
        this.channel = channel;
        this.id = id;
    }

    // ------------------------------------------------------------------ output

    void write(Object frame) {
        if (stalled) {
            if (frame instanceof AmiMessage m) {
                if (stalledOutput.size() >= server.config().maxHeldMessages()) {
                    closeSlow("stalled output");
                    return;
                }
                stalledOutput.add(m);
            }
            return;
        }
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        if (outboxSize.get() >= server.config().maxHeldMessages()
                || out != null && out.totalPendingWriteBytes() > server.config().maxPendingWriteBytes()) {
            closeSlow("outbound buffer");
            return;
        }
        enqueue(frame);
    }

    /**
     * Hands a frame to the channel's event loop. Frames from the simulator thread go through one
     * queue drained by one task at a time, so a burst costs one flush and nothing written before a
     * close is lost.
     */
    private void enqueue(Object frame) {
        outbox.add(frame);
        outboxSize.incrementAndGet();
        if (drainQueued.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::drain);
        }
    }

    private void drain() {
        drainQueued.set(false);
        boolean wrote = false;
        for (Object f; (f = outbox.poll()) != null; ) {
            outboxSize.decrementAndGet();
            if (f == CLOSE) {
                channel.flush();
                channel.close();
                return;
            }
            channel.write(f, channel.voidPromise());
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    /** Sends everything queued so far, then closes the socket. */
    void closeAfterOutput() {
        enqueue(CLOSE);
    }

    private void closeSlow(String what) {
        server.countSlowClientDrop();
        log.warn("AMI session {} closed: client does not read ({} over limit; Asterisk drops such sessions too)", id,
                what);
        closing = true;
        channel.close();
    }

    void writeRaw(String text) {
        enqueue(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    void stall(boolean on) {
        stalled = on;
        if (!on) {
            while (!stalledOutput.isEmpty() && !stalled) {
                write(stalledOutput.poll());
            }
        }
    }

    // ------------------------------------------------------------------ events

    /** Delivers an event if this session is logged in and its mask and filters let it through. */
    void deliver(AmiMessage event) {
        if (!loggedIn || closing || !wants(event)) {
            return;
        }
        if (busy) {
            if (heldEvents.size() >= server.config().maxHeldMessages()) {
                closeSlow("held events");
                return;
            }
            heldEvents.add(event);
            return;
        }
        write(event);
    }

    private boolean wants(AmiMessage event) {
        String privilege = event.valueOr("Privilege", "");
        int comma = privilege.indexOf(',');
        String cls = (comma < 0 ? privilege : privilege.substring(0, comma)).toLowerCase(Locale.ROOT);
        if (!eventClasses.contains(cls)) {
            return false;
        }
        if (filters.isEmpty()) {
            return true;
        }
        boolean anyInclude = false;
        boolean included = false;
        for (EventFilter f : filters) {
            if (!f.exclude()) {
                anyInclude = true;
                if (!included && f.matches(event)) {
                    included = true;
                }
            }
        }
        if (anyInclude && !included) {
            return false;
        }
        for (EventFilter f : filters) {
            if (f.exclude() && f.matches(event)) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ actions

    void onAction(AmiMessage action) {
        if (closing) {
            return;
        }
        if (busy) {
            if (heldActions.size() >= server.config().maxHeldMessages()) {
                closeSlow("held actions");
                return;
            }
            heldActions.add(action);
            return;
        }
        String name = action.valueOr("Action", "").trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            write(AsteriskCore.error(action, "Missing action in request"));
            server.requestBadFormat(this, "NONE");
            return;
        }
        if (!loggedIn && !name.equals("login") && !name.equals("challenge") && !name.equals("logoff")) {
            write(AsteriskCore.error(action, "Permission denied"));
            return;
        }
        dispatch(name, action);
    }

    private void dispatch(String name, AmiMessage action) {
        if (name.equals("login")) {
            login(action);
        } else if (name.equals("challenge")) {
            challenge(action);
        } else if (name.equals("logoff")) {
            write(AmiMessage.builder().add("Response", "Goodbye").addAll(idOnly(action))
                    .add("Message", "Thanks for all the fish.").build());
            closing = true;
            closeAfterOutput();
        } else if (name.equals("ping")) {
            java.time.Instant now = core.scheduler().now();
            write(AmiMessage.builder().add("Response", "Success").addAll(idOnly(action)).add("Ping", "Pong")
                    .add("Timestamp", String.format(Locale.ROOT, "%d.%06d", now.getEpochSecond(), now.getNano() / 1000))
                    .build());
        } else if (name.equals("events")) {
            events(action);
        } else if (name.equals("filter")) {
            filter(action);
        } else if (name.equals("originate")) {
            boolean sync = !isTrue(action.valueOr("Async", "false"));
            if (sync) {
                busy = true;
            }
            core.originate(action, reply -> {
                write(reply);
                if (sync && busy && reply.isResponse()) {
                    unblock();
                }
            });
        } else if (name.equals("hangup")) {
            core.hangupAction(action, this::write);
        } else if (name.equals("redirect")) {
            core.redirect(action, this::write);
        } else if (name.equals("setvar")) {
            core.setvar(action, this::write);
        } else if (name.equals("getvar")) {
            core.getvar(action, this::write);
        } else if (name.equals("coreshowchannels")) {
            core.coreShowChannels(action, this::write);
        } else if (name.equals("status")) {
            core.status(action, this::write);
        } else if (name.equals("command")) {
            core.command(action, this::write);
        } else if (name.equals("bridge")) {
            core.bridge(action, this::write);
        } else {
            write(AsteriskCore.error(action, "Invalid/unknown command: " + action.valueOr("Action", "").trim()
                    + ". Use Action: ListCommands to show available commands."));
            server.requestBadFormat(this, "Action: " + action.valueOr("Action", "").trim());
        }
    }

    private void unblock() {
        busy = false;
        while (!heldEvents.isEmpty()) {
            write(heldEvents.poll());
        }
        while (!busy && !heldActions.isEmpty() && !closing) {
            onAction(heldActions.poll());
        }
    }

    private static boolean isTrue(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        return s.equals("true") || s.equals("yes") || s.equals("1") || s.equals("on");
    }

    private static AmiMessage idOnly(AmiMessage action) {
        AmiMessage.Builder b = AmiMessage.builder();
        action.get("ActionID").ifPresent(id -> b.add("ActionID", id));
        return b.build();
    }

    private void challenge(AmiMessage action) {
        if (!action.valueOr("AuthType", "").equalsIgnoreCase("md5")) {
            write(AsteriskCore.error(action, "Must specify AuthType"));
            return;
        }
        if (challenge == null) {
            challenge = Long.toString(server.nextChallenge());
        }
        write(AmiMessage.builder().add("Response", "Success").addAll(idOnly(action)).add("Challenge", challenge)
                .build());
    }

    private void login(AmiMessage action) {
        if (loggedIn) {
            write(AsteriskCore.success(action, "Already authenticated"));
            return;
        }
        String username = action.valueOr("Username", "");
        Map<String, String> accounts = server.config().accounts();
        String secret = accounts.get(username);
        boolean ok = false;
        if (secret != null) {
            if (action.valueOr("AuthType", "").equalsIgnoreCase("md5") && challenge != null) {
                ok = md5(challenge + secret).equalsIgnoreCase(action.valueOr("Key", ""));
            } else {
                ok = secret.equals(action.valueOr("Secret", ""));
            }
        }
        if (!ok) {
            // Asterisk answers a failed login only after a pause, then hangs up (ami-login-failure.txt).
            closing = true;
            server.countFailedLogin();
            Duration delay = server.config().loginFailureDelay();
            core.scheduler().schedule(delay, () -> {
                enqueue(AsteriskCore.error(action, "Authentication failed"));
                closeAfterOutput();
            });
            return;
        }
        loggedIn = true;
        user = username;
        eventClasses = parseMask(action.valueOr("Events", "on"));
        write(AsteriskCore.success(action, "Authentication accepted"));
        deliver(core.fullyBooted());
        server.successfulAuth(this);
    }

    String user() {
        return user;
    }

    private void events(AmiMessage action) {
        String mask = action.valueOr("EventMask", "").trim();
        eventClasses = parseMask(mask);
        write(AmiMessage.builder().add("Response", "Success").addAll(idOnly(action))
                .add("Events", eventClasses.isEmpty() ? "Off" : "On").build());
    }

    private static Set<String> parseMask(String mask) {
        String m = mask.trim().toLowerCase(Locale.ROOT);
        if (m.equals("on") || m.equals("yes") || m.equals("true") || m.equals("all")) {
            return ALL_CLASSES;
        }
        if (m.isEmpty() || m.equals("off") || m.equals("no") || m.equals("false")) {
            return Set.of();
        }
        List<String> classes = new ArrayList<>();
        for (String c : m.split(",")) {
            if (c.trim().equals("all")) {
                return ALL_CLASSES;
            }
            if (!c.isBlank()) {
                classes.add(c.trim());
            }
        }
        return Set.copyOf(classes);
    }

    private void filter(AmiMessage action) {
        String operation = action.valueOr("Operation", "Add").trim();
        if (!operation.equalsIgnoreCase("add")) {
            write(AsteriskCore.error(action, "Unknown operation"));
            return;
        }
        try {
            filters.add(EventFilter.parse(action.valueOr("Filter", ""), action.value("MatchCriteria")));
        } catch (EventFilter.Invalid e) {
            write(AsteriskCore.error(action, e.getMessage()));
            return;
        }
        write(AsteriskCore.success(action, "Success"));
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 missing from the JDK", e);
        }
    }
}

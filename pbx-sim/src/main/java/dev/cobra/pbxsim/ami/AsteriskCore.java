package dev.cobra.pbxsim.ami;

import dev.cobra.pbxsim.AnsweredCall;
import dev.cobra.pbxsim.AnsweredCallHandler;
import dev.cobra.pbxsim.SimScheduler;
import dev.cobra.pbxsim.scenario.AmdVerdict;
import dev.cobra.pbxsim.scenario.DtmfPress;
import dev.cobra.pbxsim.scenario.PhoneBehaviour;
import dev.cobra.pbxsim.scenario.PhoneOutcome;
import dev.cobra.pbxsim.scenario.Population;
import dev.cobra.wire.ami.AmiMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The simulated Asterisk: channels, the scenario dialplan of the shared traces and the AMI
 * call-control actions (Originate, Hangup, Redirect, Setvar, Getvar, CoreShowChannels, Status,
 * Command, Bridge). It produces the same events, in the same per-channel order and with the same
 * field names as Asterisk 22.10.1 did in {@code pbx-traces/asterisk/}.
 *
 * <p>Threading: every method runs on the {@link SimScheduler}'s thread; callers hand work over
 * with {@code scheduler.execute}. Events go to the {@link EventSink} in emission order; replies go
 * to the per-action callback, always before the events the action causes.
 *
 * <p>Dialplan modelled (the traces' {@code extensions.conf}): {@code Local/N@customers} and
 * {@code Local/N@agents} phones run their {@link PhoneBehaviour} on the {@code ;2} half; the
 * {@code ;1} half lands in {@code dialer-ivr} ({@code s}: AMD → UserEvent DialerAMD → MACHINE:
 * beep + hang up, else the {@link AnsweredCallHandler}; {@code agi}: handler at once; {@code amd}:
 * AMD only, hang up; {@code hold}: Wait(60)), {@code agent-session} ({@code wait}: Wait(3600) in a
 * loop; {@code wait-once}: Wait(3600) as last priority), Cobra's {@code cobra-agent,<agent id>} (the same
 * Wait(3600) loop, variant C, as {@code config/asterisk/extensions.conf.snippet} ships it) or
 * {@code cobra-abandon,s} (Answer, Playback(vm-goodbye), Hangup(16)).
 */
public final class AsteriskCore {
    /** Receives every event the simulated PBX emits, in order, on the simulator thread. */
    @FunctionalInterface
    public interface EventSink {
        void publish(AmiMessage event);
    }

    static final String VERSION = "Asterisk 22.10.1 built by pbx-sim @ localhost on a x86_64 running Linux";
    private static final Duration HELLO_START = Duration.ofMillis(500);
    private static final Duration HELLO_LENGTH = Duration.ofMillis(784);
    private static final Duration DTMF_ON = Duration.ofMillis(100);
    private static final Duration DTMF_GAP = Duration.ofMillis(350);
    private static final int DEFAULT_ORIGINATE_TIMEOUT_MS = 30_000;
    /** Cobra's agent holding context; its extens are agent ids (the snippet's pattern {@code _[0-9A-Za-z].}). */
    static final String COBRA_AGENT = "cobra-agent";
    private static final Pattern AGENT_EXTEN = Pattern.compile("[0-9A-Za-z].+");

    private final SimScheduler scheduler;
    private Population population;
    private final String systemName;
    private final EventSink sink;
    private final long bootEpochSeconds;
    private final SplittableRandom ids;
    private AnsweredCallHandler handler = AnsweredCallHandler.HOLD;
    private final Map<String, SimChannel> channels = new LinkedHashMap<>();
    private long uniqueSeq;
    private int localSeq;
    private long callsProcessed;
    private volatile int liveChannelCount;
    private final WatchedCount liveCount = new WatchedCount("live channels");

    public AsteriskCore(SimScheduler scheduler, Population population, String systemName, EventSink sink) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.population = Objects.requireNonNull(population, "population");
        this.systemName = Objects.requireNonNull(systemName, "systemName");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.bootEpochSeconds = scheduler.now().getEpochSecond();
        this.ids = new SplittableRandom(population.scenario().seed() ^ 0x5DEECE66DL);
    }

    /** Replaces what answered calls do at the IVR point. Call on the simulator thread. */
    public void answeredCallHandler(AnsweredCallHandler h) {
        this.handler = Objects.requireNonNull(h, "handler");
    }

    /** Live channels (both halves of each Local pair count). Safe from any thread. */
    public int liveChannelCount() {
        return liveChannelCount;
    }

    private void publishLiveCount() {
        liveChannelCount = channels.size();
        liveCount.set(liveChannelCount);
    }

    /**
     * Waits until exactly {@code expected} channels are live.
     *
     * @throws IllegalStateException naming both counts when {@code timeout} passes first
     */
    public void awaitLiveChannelCount(int expected, Duration timeout) {
        liveCount.await(v -> v == expected, "== " + expected, timeout);
    }

    public Population population() {
        return population;
    }

    /** Switches to another scenario for calls originated from now on. Call on the simulator thread. */
    public void population(Population p) {
        this.population = Objects.requireNonNull(p, "population");
    }

    /**
     * Forgets every channel without a single event, as when Asterisk crashes: the AMI clients
     * see their sockets close and must reconcile. Call on the simulator thread.
     */
    public void crash() {
        for (SimChannel c : new ArrayList<>(channels.values())) {
            c.hungUp = true;
            c.cancelTimers();
            c.hangupListeners.clear();
        }
        channels.clear();
        publishLiveCount();
    }

    /**
     * The phone behind {@code Local/<target>-…} hangs up now (an agent putting the handset down, a debtor hanging
     * up early): its {@code ;2} half runs Hangup() as the phones' own dialplan does. Call on the simulator thread.
     *
     * @return false when no live Local pair dials {@code target}
     */
    public boolean phoneHangsUp(String target) {
        String prefix = "Local/" + target + "-";
        for (SimChannel c : new ArrayList<>(channels.values())) {
            if (c.name.startsWith(prefix) && !c.isFirstHalf()) {
                step(c, "Hangup", "");
                hangup(c, 16, true);
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- event building

    private AmiMessage.Builder event(String name, String privilege) {
        return AmiMessage.builder().add("Event", name).add("Privilege", privilege + ",all").add("SystemName", systemName);
    }

    private AmiMessage.Builder channelEvent(String name, String privilege, SimChannel ch) {
        return ch.snapshot(event(name, privilege), "");
    }

    private void emit(AmiMessage.Builder b) {
        sink.publish(b.build());
    }

    private void newexten(SimChannel ch, String app, String data) {
        if (ch.hungUp) {
            return;
        }
        ch.application = app;
        ch.appData = data;
        emit(channelEvent("Newexten", "dialplan", ch).add("Extension", ch.exten).add("Application", app)
                .add("AppData", data));
    }

    /** Runs the next dialplan priority: bumps the priority, then Newexten. */
    private void step(SimChannel ch, String app, String data) {
        ch.priority++;
        newexten(ch, app, data);
    }

    private void varSet(SimChannel ch, String name, String value) {
        ch.variables.put(name, value);
        emit(channelEvent("VarSet", "dialplan", ch).add("Variable", name).add("Value", value));
    }

    private void newstate(SimChannel ch, ChannelState state) {
        ch.state = state;
        emit(channelEvent("Newstate", "call", ch));
    }

    private void deviceState(SimChannel ch, String state) {
        emit(event("DeviceStateChange", "call").add("Device", ch.device()).add("State", state));
    }

    private void dialEvent(String name, SimChannel dest, String status) {
        emit(dest.snapshot(event(name, "call"), "Dest").add("DialStatus", status));
    }

    private void hangupEvent(SimChannel ch, int cause) {
        emit(channelEvent("Hangup", "call", ch).add("Cause", Integer.toString(cause)).add("Cause-txt", Q850.text(cause)));
    }

    private void causeEvent(String name, SimChannel ch, int cause) {
        emit(channelEvent(name, "call", ch).add("Cause", Integer.toString(cause)));
    }

    private void after(SimChannel ch, Duration delay, Runnable task) {
        int epoch = ch.epoch;
        ch.timers.add(scheduler.schedule(delay, () -> {
            if (!ch.hungUp && ch.epoch == epoch) {
                task.run();
            }
        }));
    }

    private String nextUniqueid() {
        return systemName + "-" + bootEpochSeconds + "." + uniqueSeq++;
    }

    private String nextBridgeId() {
        return new UUID(ids.nextLong(), ids.nextLong()).toString();
    }

    private static AmiMessage.Builder response(AmiMessage action, String response) {
        AmiMessage.Builder b = AmiMessage.builder().add("Response", response);
        action.get("ActionID").ifPresent(id -> b.add("ActionID", id));
        return b;
    }

    static AmiMessage error(AmiMessage action, String message) {
        return response(action, "Error").add("Message", message).build();
    }

    static AmiMessage success(AmiMessage action, String message) {
        return response(action, "Success").add("Message", message).build();
    }

    private static AmiMessage.Builder listItem(String event, AmiMessage action) {
        AmiMessage.Builder b = AmiMessage.builder().add("Event", event);
        action.get("ActionID").ifPresent(id -> b.add("ActionID", id));
        return b;
    }

    private static AmiMessage listComplete(String event, AmiMessage action, int items) {
        return listItem(event, action).add("EventList", "Complete").add("ListItems", Integer.toString(items)).build();
    }

    private static AmiMessage listStart(AmiMessage action, String message) {
        return response(action, "Success").add("EventList", "start").add("Message", message).build();
    }

    // ---------------------------------------------------------------- Originate

    /** State of one Originate until its outcome is known. */
    private static final class Originate {
        final AmiMessage action;
        final String dialString;
        final String context;
        final String exten;
        final int priority;
        final boolean async;
        final String callerIdNum;
        final String callerIdName;
        final Consumer<AmiMessage> reply;
        boolean done;

        Originate(AmiMessage action, String dialString, String context, String exten, int priority, boolean async,
                String callerIdNum, String callerIdName, Consumer<AmiMessage> reply) {
            this.action = action;
            this.dialString = dialString;
            this.context = context;
            this.exten = exten;
            this.priority = priority;
            this.async = async;
            this.callerIdNum = callerIdNum;
            this.callerIdName = callerIdName;
            this.reply = reply;
        }
    }

    /**
     * Originate. Async: replies "Originate successfully queued" at once and reports the outcome in
     * an OriginateResponse event (Reason 4 answered, 5 busy, 3 no answer, 8 congestion, 0 other
     * failure). Sync ({@code Async} absent or false): replies only when the outcome is known:
     * Success on answer, {@code Error / Originate failed} otherwise; no OriginateResponse event.
     * Validation errors are immediate, in Asterisk's order and wording ({@code ami-bad-syntax.txt}).
     */
    public void originate(AmiMessage action, Consumer<AmiMessage> reply) {
        String channel = action.valueOr("Channel", "").trim();
        if (channel.isEmpty()) {
            reply.accept(error(action, "Channel not specified"));
            return;
        }
        int priority = 1;
        String prio = action.valueOr("Priority", "").trim();
        if (!prio.isEmpty()) {
            try {
                priority = Integer.parseInt(prio);
            } catch (NumberFormatException e) {
                reply.accept(error(action, "Invalid priority"));
                return;
            }
        }
        int slash = channel.indexOf('/');
        if (slash <= 0 || slash == channel.length() - 1) {
            reply.accept(error(action, "Invalid channel"));
            return;
        }
        String context = action.valueOr("Context", "");
        String exten = action.valueOr("Exten", "");
        boolean application = action.has("Application");
        if (!application && !extensionExists(context, exten)) {
            reply.accept(error(action, "Extension does not exist."));
            return;
        }
        int timeoutMs = DEFAULT_ORIGINATE_TIMEOUT_MS;
        try {
            timeoutMs = Integer.parseInt(action.valueOr("Timeout", Integer.toString(DEFAULT_ORIGINATE_TIMEOUT_MS)).trim());
        } catch (NumberFormatException e) {
            // Asterisk keeps its default when Timeout does not parse.
        }
        boolean async = isTrue(action.valueOr("Async", "false"));
        String[] cid = parseCallerId(action.valueOr("CallerID", ""));
        Originate o = new Originate(action, channel, application ? "" : context, application ? "" : exten,
                application ? 1 : priority, async, cid[0], cid[1], reply);
        if (async) {
            reply.accept(success(action, "Originate successfully queued"));
        }
        String tech = channel.substring(0, slash);
        if (!tech.equalsIgnoreCase("Local")) {
            // No such channel technology (the traces' SIP/1000): no channel is ever created.
            failOriginate(o, 0);
            return;
        }
        String data = channel.substring(slash + 1);
        int options = data.indexOf('/');
        if (options >= 0) {
            data = data.substring(0, options);
        }
        int at = data.indexOf('@');
        String number = at < 0 ? data : data.substring(0, at);
        String phoneContext = at < 0 ? "default" : data.substring(at + 1);
        startLocalCall(o, number, phoneContext, timeoutMs, parseVariables(action.values("Variable")));
    }

    private boolean extensionExists(String context, String exten) {
        if (context.equals("dialer-ivr")) {
            return exten.equals("s") || exten.equals("agi") || exten.equals("amd") || exten.equals("hold");
        }
        if (context.equals("agent-session")) {
            return exten.equals("wait") || exten.equals("wait-once") || exten.equals("moh");
        }
        if (context.equals("cobra-abandon")) {
            return exten.equals("s");
        }
        if (context.equals(COBRA_AGENT)) {
            return AGENT_EXTEN.matcher(exten).matches();
        }
        return (context.equals("customers") || context.equals("agents")) && exten.matches("[0-9]+");
    }

    private static boolean isTrue(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        return s.equals("true") || s.equals("yes") || s.equals("1") || s.equals("on") || s.equals("y") || s.equals("t");
    }

    /** {@code "Collections" <5551000>} → {number, name}; absent parts are {@code <unknown>}. */
    static String[] parseCallerId(String callerId) {
        String s = callerId.trim();
        if (s.isEmpty()) {
            return new String[] {"<unknown>", "<unknown>"};
        }
        int lt = s.indexOf('<');
        int gt = s.indexOf('>', lt + 1);
        if (lt >= 0 && gt > lt) {
            String name = s.substring(0, lt).trim();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1);
            }
            return new String[] {s.substring(lt + 1, gt).trim(), name.isEmpty() ? "<unknown>" : name};
        }
        return s.matches("[0-9+*#]+") ? new String[] {s, "<unknown>"} : new String[] {"<unknown>", s};
    }

    /** {@code Variable:} headers; each may hold several {@code name=value} pairs separated by commas. */
    static Map<String, String> parseVariables(List<String> headers) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String h : headers) {
            for (String pair : h.split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    vars.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
                }
            }
        }
        return vars;
    }

    private void failOriginate(Originate o, int reason) {
        finishOriginate(o, null, reason);
    }

    private void answerOriginate(Originate o, SimChannel one) {
        finishOriginate(o, one, 4);
    }

    /**
     * Reports the outcome once. Async: an OriginateResponse (Failure carries the dial string and
     * Uniqueid {@code <unknown>}; Success the ;1 channel and its Uniqueid). Sync: the deferred
     * response ({@code Originate failed} on failure).
     */
    private void finishOriginate(Originate o, SimChannel answered, int reason) {
        if (o.done) {
            return;
        }
        o.done = true;
        if (!o.async) {
            o.reply.accept(answered != null ? success(o.action, "Originate successfully queued")
                    : error(o.action, "Originate failed"));
            return;
        }
        AmiMessage.Builder b = event("OriginateResponse", "call");
        o.action.get("ActionID").ifPresent(id -> b.add("ActionID", id));
        emit(b.add("Response", answered != null ? "Success" : "Failure")
                .add("Channel", answered != null ? answered.name : o.dialString)
                .add("Context", o.context).add("Exten", o.exten).add("Reason", Integer.toString(reason))
                .add("Uniqueid", answered != null ? answered.uniqueid : "<unknown>")
                .add("CallerIDNum", o.callerIdNum).add("CallerIDName", o.callerIdName));
    }

    private void startLocalCall(Originate o, String number, String phoneContext, int timeoutMs,
            Map<String, String> vars) {
        PhoneBehaviour phone = population.dial(phoneContext, number);
        callsProcessed++;
        String base = "Local/" + number + "@" + phoneContext + String.format(Locale.ROOT, "-%08x", localSeq++);
        Instant now = scheduler.now();
        String uid1 = nextUniqueid();
        SimChannel one = new SimChannel(base + ";1", uid1, uid1, now, ChannelState.DOWN, phoneContext, number);
        SimChannel two = new SimChannel(base + ";2", nextUniqueid(), uid1, now, ChannelState.RING, phoneContext, number);
        one.partner = two;
        two.partner = one;
        one.phone = phone;
        two.phone = phone;
        one.pendingOriginate = o;
        channels.put(one.name, one);
        channels.put(two.name, two);
        publishLiveCount();

        emit(channelEvent("Newchannel", "call", one));
        emit(channelEvent("Newchannel", "call", two));
        newexten(one, "AppDial2", "(Outgoing Line)");
        List<Map.Entry<String, String>> entries = new ArrayList<>(vars.entrySet());
        for (int i = entries.size() - 1; i >= 0; i--) {
            varSet(one, entries.get(i).getKey(), entries.get(i).getValue());
        }
        boolean callerId = !o.callerIdNum.equals("<unknown>") || !o.callerIdName.equals("<unknown>");
        if (callerId) {
            setCallerId(one, o);
        }
        for (Map.Entry<String, String> e : entries) {
            varSet(two, e.getKey(), e.getValue());
        }
        if (callerId) {
            setCallerId(two, o);
        }
        if (phone == null) {
            // Local/N@nosuchcontext: the ;2 half has nowhere to go.
            hangupEvent(two, 0);
            dropChannel(two);
            failOriginate(o, 0);
            hangupEvent(one, 0);
            dropChannel(one);
            deviceState(one, "INVALID");
            deviceState(one, "INVALID");
            return;
        }
        AmiMessage.Builder lb = event("LocalBridge", "call");
        one.snapshot(lb, "LocalOne");
        two.snapshot(lb, "LocalTwo");
        emit(lb.add("Context", phoneContext).add("Exten", number).add("LocalOptimization", "Yes"));
        emit(one.snapshot(event("DialBegin", "call"), "Dest").add("DialString", number + "@" + phoneContext));
        runPhone(o, one, two, phone, Duration.ofMillis(Math.max(0, timeoutMs)));
    }

    private void setCallerId(SimChannel ch, Originate o) {
        ch.callerIdNum = o.callerIdNum;
        ch.callerIdName = o.callerIdName;
        emit(channelEvent("NewCallerid", "call", ch).add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)"));
        ch.connectedNum = o.callerIdNum;
        ch.connectedName = o.callerIdName;
        emit(channelEvent("NewConnectedLine", "call", ch));
    }

    // ---------------------------------------------------------------- the phone (;2 half)

    private void runPhone(Originate o, SimChannel one, SimChannel two, PhoneBehaviour phone, Duration timeout) {
        newexten(two, "NoOp", phone.label());
        boolean rings = phone.ringTime().compareTo(Duration.ZERO) > 0 || phone.outcome() == PhoneOutcome.NO_ANSWER;
        if (rings) {
            step(two, "Ringing", "");
            newstate(one, ChannelState.RINGING);
            boolean forever = phone.outcome() == PhoneOutcome.NO_ANSWER || phone.ringTime().compareTo(timeout) >= 0;
            step(two, "Wait", forever ? "60" : Long.toString(Math.max(1, phone.ringTime().toSeconds())));
            deviceState(one, "INUSE");
            dialEvent("DialState", one, "RINGING");
            if (forever) {
                after(one, timeout, () -> noAnswer(o, one, two));
                return;
            }
            after(two, phone.ringTime(), () -> phoneDecides(o, one, two, phone));
            return;
        }
        phoneDecides(o, one, two, phone);
    }

    private void phoneDecides(Originate o, SimChannel one, SimChannel two, PhoneBehaviour phone) {
        PhoneOutcome outcome = phone.outcome();
        if (outcome == PhoneOutcome.BUSY) {
            step(two, "Busy", "");
            newstate(two, ChannelState.BUSY);
            deviceState(one, "INUSE");
            dialEvent("DialEnd", one, "BUSY");
            causeEvent("HangupRequest", two, 0);
            failOriginate(o, 5);
            hangupEvent(one, 0);
            dropChannel(one);
            causeEvent("SoftHangupRequest", two, 16);
            hangupEvent(two, 17);
            dropChannel(two);
            deviceState(one, "NOT_INUSE");
            deviceState(one, "NOT_INUSE");
        } else if (outcome == PhoneOutcome.CONGESTION) {
            step(two, "Congestion", "");
            newstate(two, ChannelState.BUSY);
            dialEvent("DialEnd", one, "CONGESTION");
            failOriginate(o, 8);
            causeEvent("HangupRequest", two, 0);
            causeEvent("SoftHangupRequest", two, 16);
            hangupEvent(two, 34);
            dropChannel(two);
            hangupEvent(one, 0);
            dropChannel(one);
            deviceState(one, "INUSE");
            deviceState(one, "NOT_INUSE");
            deviceState(one, "NOT_INUSE");
        } else if (outcome == PhoneOutcome.UNALLOCATED) {
            step(two, "Hangup", "1");
            causeEvent("SoftHangupRequest", two, 16);
            failOriginate(o, 0);
            causeEvent("HangupRequest", one, 1);
            hangupEvent(two, 1);
            dropChannel(two);
            dialEvent("DialEnd", one, "NOANSWER");
            hangupEvent(one, 1);
            dropChannel(one);
            deviceState(one, "NOT_INUSE");
            deviceState(one, "NOT_INUSE");
        } else {
            answer(o, one, two, phone);
        }
    }

    private void noAnswer(Originate o, SimChannel one, SimChannel two) {
        causeEvent("HangupRequest", two, 19);
        failOriginate(o, 3);
        causeEvent("SoftHangupRequest", two, 16);
        hangupEvent(one, 19);
        dropChannel(one);
        hangupEvent(two, 19);
        dropChannel(two);
        deviceState(one, "NOT_INUSE");
        deviceState(one, "NOT_INUSE");
    }

    private void answer(Originate o, SimChannel one, SimChannel two, PhoneBehaviour phone) {
        step(two, "Answer", "");
        newstate(two, ChannelState.UP);
        newstate(one, ChannelState.UP);
        answerOriginate(o, one);
        one.pendingOriginate = null;
        dialEvent("DialEnd", one, "ANSWER");
        deviceState(one, "INUSE");
        deviceState(one, "INUSE");
        one.context = o.context;
        one.exten = o.exten;
        one.priority = o.priority;
        runDialplan(one);
        phoneTalks(one, two, phone);
    }

    private void phoneTalks(SimChannel one, SimChannel two, PhoneBehaviour phone) {
        Duration talk = phone.talkTime();
        boolean machine = phone.outcome() == PhoneOutcome.MACHINE;
        if (two.context.equals("agents")) {
            // Agent phones of the traces say nothing: Answer, Wait(talk), Hangup.
            after(two, Duration.ofMillis(20), () -> step(two, "Wait", Long.toString(talk.toSeconds())));
        } else if (talk.compareTo(HELLO_START) > 0) {
            after(two, HELLO_START, () -> {
                step(two, "Playback", machine ? "demo-congrats" : "hello");
                two.playing = true;
            });
            Duration greetingEnd = machine ? talk : HELLO_START.plus(HELLO_LENGTH);
            if (!machine && talk.compareTo(greetingEnd) > 0) {
                after(two, greetingEnd, () -> {
                    two.playing = false;
                    varSet(two, "PLAYBACKSTATUS", "SUCCESS");
                    step(two, "Wait", Long.toString(talk.minus(greetingEnd).toSeconds()));
                });
            }
        }
        for (DtmfPress press : phone.dtmf()) {
            if (press.afterAnswer().compareTo(talk) < 0) {
                after(two, press.afterAnswer(), () -> sendDtmf(two, press.digits()));
            }
        }
        after(two, talk, () -> {
            if (two.playing) {
                two.playing = false;
                varSet(two, "PLAYBACKSTATUS", "SUCCESS");
            }
            step(two, "Hangup", "");
            hangup(two, 16, true);
        });
    }

    private void sendDtmf(SimChannel two, String digits) {
        step(two, "SendDTMF", digits);
        SimChannel one = two.partner;
        for (int i = 0; i < digits.length(); i++) {
            char digit = digits.charAt(i);
            Duration begin = DTMF_ON.plus(DTMF_GAP.multipliedBy(i));
            after(one, begin, () -> emit(channelEvent("DTMFBegin", "dtmf", one).add("Digit", String.valueOf(digit))
                    .add("Direction", "Received")));
            after(one, begin.plus(DTMF_ON), () -> {
                emit(channelEvent("DTMFEnd", "dtmf", one).add("Digit", String.valueOf(digit)).add("DurationMs", "100")
                        .add("Direction", "Received"));
                for (Consumer<Character> l : List.copyOf(one.dtmfListeners)) {
                    l.accept(digit);
                }
            });
        }
    }

    // ---------------------------------------------------------------- the dialplan (;1 half)

    private String accountId(SimChannel ch) {
        return ch.variables.getOrDefault("ACCOUNT_ID", "");
    }

    /** Runs {@code ch.context,ch.exten,ch.priority} of the scenario dialplan. */
    private void runDialplan(SimChannel ch) {
        ch.next = null;
        String ctx = ch.context;
        String exten = ch.exten;
        ch.priority--;
        if (ctx.equals("dialer-ivr") && exten.equals("hold")) {
            step(ch, "NoOp", "hold ACCOUNT_ID=" + accountId(ch));
            waitThen(ch, Duration.ofSeconds(60), () -> hangupFromDialplan(ch));
        } else if (ctx.equals("dialer-ivr") && (exten.equals("s") || exten.equals("amd"))) {
            step(ch, "NoOp", (exten.equals("s") ? "dialer call" : "AMD only") + " ACCOUNT_ID=" + accountId(ch));
            step(ch, "AMD", "");
            ch.amdRunning = true;
            after(ch, ch.phone.amdTime(), () -> amdVerdict(ch, exten.equals("s")));
        } else if (ctx.equals("dialer-ivr") && exten.equals("agi")) {
            enterIvr(ch);
        } else if (ctx.equals("agent-session")
                && (exten.equals("wait") || exten.equals("wait-once") || exten.equals("moh"))) {
            String agent = ch.variables.getOrDefault("AGENT", ch.partner == null ? "" : ch.partner.exten);
            boolean moh = exten.equals("moh");
            step(ch, "NoOp", "agent " + agent + (moh ? " waits in MusicOnHold"
                    : exten.equals("wait") ? " waits in Wait(3600)" : " waits in Wait(3600), no loop"));
            step(ch, "Answer", "");
            agentWait(ch, !exten.equals("wait-once"), moh, agent);
        } else if (ctx.equals(COBRA_AGENT)) {
            // Cobra's nailed-up agent leg (config/asterisk/extensions.conf.snippet): variant C of the traces, with the
            // agent id as the exten so CoreShowChannels says whose leg a channel is.
            step(ch, "NoOp", "cobra agent " + exten);
            step(ch, "Answer", "");
            agentWait(ch, true, false, exten);
        } else if (ctx.equals("cobra-abandon") && exten.equals("s")) {
            step(ch, "NoOp", "abandon ACCOUNT_ID=" + accountId(ch));
            step(ch, "Answer", "");
            step(ch, "Playback", "vm-goodbye");
            after(ch, Duration.ofMillis(870), () -> {
                varSet(ch, "PLAYBACKSTATUS", "SUCCESS");
                step(ch, "Hangup", "16");
                hangup(ch, 16);
            });
        } else {
            // No such extension: the channel falls off the dialplan.
            hangup(ch, 16);
        }
    }

    /** Wait(seconds) whose next priority is {@code then}, also taken when a Bridge action ends. */
    private void waitThen(SimChannel ch, Duration wait, Runnable then) {
        step(ch, "Wait", Long.toString(wait.toSeconds()));
        ch.next = then;
        after(ch, wait, then);
    }

    /** The agent's parking priority: Wait(3600) or MusicOnHold(default,3600), in a loop or as the last priority. */
    private void agentWait(SimChannel ch, boolean loop, boolean moh, String agent) {
        if (moh) {
            step(ch, "MusicOnHold", "default,3600");
            ch.onHold = true;
            emit(channelEvent("MusicOnHoldStart", "call", ch).add("Class", "default"));
        } else {
            step(ch, "Wait", "3600");
        }
        Runnable then = loop ? () -> {
            step(ch, "NoOp", "agent " + agent + " back in dialplan after the bridge");
            step(ch, "Goto", "loop");
            ch.priority -= 3;
            agentWait(ch, true, moh, agent);
        } : () -> hangup(ch, 16);
        ch.next = then;
        after(ch, Duration.ofSeconds(3600), then);
    }

    private void hangupFromDialplan(SimChannel ch) {
        step(ch, "Hangup", "");
        hangup(ch, 16);
    }

    private void amdVerdict(SimChannel ch, boolean continueToIvr) {
        ch.amdRunning = false;
        AmdVerdict v = ch.phone.amdVerdict();
        String account = accountId(ch);
        varSet(ch, "AMDSTATUS", v.name());
        varSet(ch, "AMDCAUSE", v.cause());
        step(ch, "Verbose", "1,AMD " + v.name() + "/" + v.cause() + " account " + account);
        step(ch, "UserEvent", "DialerAMD,AccountId: " + account + ",AmdStatus: " + v.name() + ",AmdCause: " + v.cause());
        emit(channelEvent("UserEvent", "user", ch).add("UserEvent", "DialerAMD").add("AccountId", account)
                .add("AmdStatus", v.name()).add("AmdCause", v.cause()));
        if (!continueToIvr) {
            hangupFromDialplan(ch);
            return;
        }
        if (v == AmdVerdict.MACHINE) {
            step(ch, "GotoIf", "1?machine");
            step(ch, "Playback", "beep");
            after(ch, Duration.ofMillis(423), () -> {
                varSet(ch, "PLAYBACKSTATUS", "SUCCESS");
                hangupFromDialplan(ch);
            });
            return;
        }
        step(ch, "GotoIf", "0?machine");
        enterIvr(ch);
    }

    private void enterIvr(SimChannel ch) {
        step(ch, "AGI", "agi://127.0.0.1:4573/collect," + accountId(ch));
        ch.next = () -> hangupFromDialplan(ch);
        handler.onAnswered(new IvrCall(ch, Map.copyOf(ch.variables)));
    }

    /** {@link AnsweredCall} over a ;1 channel; marshals every call onto the simulator thread. */
    private final class IvrCall implements AnsweredCall {
        private final SimChannel ch;
        private final Map<String, String> variables;

        IvrCall(SimChannel ch, Map<String, String> variables) {
            this.ch = ch;
            this.variables = variables;
        }

        @Override
        public String channel() {
            return ch.name;
        }

        @Override
        public String uniqueid() {
            return ch.uniqueid;
        }

        @Override
        public Map<String, String> variables() {
            return variables;
        }

        @Override
        public PhoneBehaviour phone() {
            return ch.phone;
        }

        @Override
        public void hangup(int cause) {
            scheduler.execute(() -> {
                if (!ch.hungUp) {
                    AsteriskCore.this.hangup(ch, cause);
                }
            });
        }

        @Override
        public void setVariable(String name, String value) {
            scheduler.execute(() -> {
                if (!ch.hungUp) {
                    varSet(ch, name, value);
                }
            });
        }

        @Override
        public void onHangup(Runnable listener) {
            scheduler.execute(() -> {
                if (ch.hungUp) {
                    listener.run();
                } else {
                    ch.hangupListeners.add(listener);
                }
            });
        }

        @Override
        public void onDtmf(Consumer<Character> listener) {
            scheduler.execute(() -> ch.dtmfListeners.add(listener));
        }
    }

    // ---------------------------------------------------------------- hang-up

    private void dropChannel(SimChannel ch) {
        if (ch.hungUp) {
            return;
        }
        ch.hungUp = true;
        ch.cancelTimers();
        channels.remove(ch.name);
        publishLiveCount();
        for (Runnable l : ch.hangupListeners) {
            l.run();
        }
        ch.hangupListeners.clear();
    }

    /**
     * Hangs up {@code x} and its Local partner with {@code cause}, in the order the traces show:
     * SoftHangupRequest on x, HangupRequest on the partner, then the Hangup events; when a half is
     * in a Bridge-action bridge, BRIDGEPEER is cleared, it leaves, and the bridge peer resumes its
     * dialplan at the next priority.
     */
    void hangup(SimChannel x, int cause) {
        hangup(x, cause, false);
    }

    /** @param fromDialplan x runs Hangup() itself (a late NewCallerid then precedes its SoftHangupRequest) */
    void hangup(SimChannel x, int cause, boolean fromDialplan) {
        if (x.hungUp) {
            return;
        }
        SimChannel y = x.partner;
        x.cancelTimers();
        if (fromDialplan) {
            reportPendingCallerId(x);
        }
        causeEvent("SoftHangupRequest", x, cause);
        if (y == null || y.hungUp) {
            hangupEvent(x, cause);
            dropChannel(x);
            leaveBridgeAfterHangup(x);
            deviceState(x, "NOT_INUSE");
            return;
        }
        y.cancelTimers();
        causeEvent("HangupRequest", y, cause);
        Originate pending = (Originate) (x.isFirstHalf() ? x.pendingOriginate : y.pendingOriginate);
        SimChannel bridged = y.bridge != null ? y : x.bridge != null ? x : null;
        if (bridged != null) {
            SimChannel other = bridged == x ? y : x;
            hangupEvent(other, cause);
            dropChannel(other);
            reportPendingCallerId(other);
            SimBridge bridge = bridged.bridge;
            SimChannel peer = bridgeRemove(bridged);
            hangupEvent(bridged, cause);
            dropChannel(bridged);
            bridgeDissolve(bridge, peer);
        } else {
            hangupEvent(x, cause);
            dropChannel(x);
            reportPendingCallerId(x);
            SimChannel one = x.isFirstHalf() ? x : y;
            if (one.amdRunning) {
                one.amdRunning = false;
                varSet(one, "AMDSTATUS", "HANGUP");
                varSet(one, "AMDCAUSE", "");
            }
            if (y.playing) {
                y.playing = false;
                varSet(y, "PLAYBACKSTATUS", "SUCCESS");
            }
            causeEvent("SoftHangupRequest", y, cause);
            hangupEvent(y, cause);
            dropChannel(y);
            reportPendingCallerId(y);
        }
        if (pending != null) {
            // Hung up before answer (e.g. the dialer cancelled a ringing call): Asterisk reports
            // the originate as failed with reason 1 (hung up). Not in the traces; see package docs.
            failOriginate(pending, 1);
        }
        deviceState(x, "NOT_INUSE");
        deviceState(x, "NOT_INUSE");
    }

    /** A Local ;2 half reports a caller ID change queued by a bridge only when it next runs. */
    private void reportPendingCallerId(SimChannel ch) {
        String[] cid = ch.pendingCallerId;
        if (cid == null) {
            return;
        }
        ch.pendingCallerId = null;
        ch.callerIdNum = cid[0];
        ch.callerIdName = cid[1];
        emit(channelEvent("NewCallerid", "call", ch).add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)"));
    }

    private void leaveBridgeAfterHangup(SimChannel ch) {
        if (ch.bridge != null) {
            SimBridge bridge = ch.bridge;
            bridgeDissolve(bridge, bridgeRemove(ch));
        }
    }

    // ---------------------------------------------------------------- bridges

    /** Clears BRIDGEPEER on both members, emits BridgeLeave for {@code ch}; returns the remaining peer. */
    private SimChannel bridgeRemove(SimChannel ch) {
        SimBridge bridge = ch.bridge;
        SimChannel peer = null;
        for (SimChannel m : bridge.members) {
            if (m != ch) {
                peer = m;
            }
        }
        varSet(ch, "BRIDGEPEER", "");
        if (peer != null) {
            varSet(peer, "BRIDGEPEER", "");
        }
        bridge.members.remove(ch);
        ch.bridge = null;
        emit(ch.snapshot(bridge.snapshot(event("BridgeLeave", "call")), ""));
        return peer;
    }

    /** The last member leaves, the bridge is destroyed, and the survivor resumes its dialplan. */
    private void bridgeDissolve(SimBridge bridge, SimChannel survivor) {
        if (survivor != null) {
            bridge.members.remove(survivor);
            survivor.bridge = null;
            emit(survivor.snapshot(bridge.snapshot(event("BridgeLeave", "call")), ""));
        }
        emit(bridge.snapshot(event("BridgeDestroy", "call")));
        if (survivor != null && !survivor.hungUp) {
            Runnable next = survivor.next;
            survivor.next = null;
            if (next != null) {
                next.run();
            } else {
                hangup(survivor, 16);
            }
        }
    }

    /**
     * AMI {@code Bridge}: looks both channels up by name prefix (features.c), pulls them out of
     * their applications and joins them in a new {@code simple_bridge}; each continues at its next
     * priority when the bridge ends.
     */
    public void bridge(AmiMessage action, Consumer<AmiMessage> reply) {
        String a = action.valueOr("Channel1", "").trim();
        String b = action.valueOr("Channel2", "").trim();
        if (a.isEmpty() || b.isEmpty()) {
            reply.accept(error(action, "Missing channel parameter in request"));
            return;
        }
        SimChannel c1 = byPrefix(a);
        if (c1 == null) {
            reply.accept(error(action, "Channel1 does not exists: " + a));
            return;
        }
        SimChannel c2 = byPrefix(b);
        if (c2 == null) {
            reply.accept(error(action, "Channel2 does not exists: " + b));
            return;
        }
        if (c1 == c2) {
            reply.accept(error(action, "Unable to bridge channels"));
            return;
        }
        reply.accept(success(action, "Channels have been bridged"));
        for (SimChannel c : List.of(c1, c2)) {
            if (c.bridge != null) {
                SimBridge old = c.bridge;
                SimChannel left = bridgeRemove(c);
                bridgeDissolve(old, left);
            }
            Runnable next = c.next;
            c.cancelTimers();
            c.next = next;
            c.application = "";
            c.appData = "";
            c.amdRunning = false;
        }
        SimBridge bridge = new SimBridge(nextBridgeId());
        emit(bridge.snapshot(event("BridgeCreate", "call")));
        for (SimChannel c : List.of(c1, c2)) {
            if (c.onHold) {
                c.onHold = false;
                emit(channelEvent("MusicOnHoldStop", "call", c));
            }
            bridge.members.add(c);
            c.bridge = bridge;
            emit(c.snapshot(bridge.snapshot(event("BridgeEnter", "call")), ""));
        }
        varSet(c1, "BRIDGEPEER", c2.name);
        varSet(c2, "BRIDGEPEER", c1.name);
        connectTo(c1, c2);
        connectTo(c2, c1);
    }

    /** Connected-line update on bridging: reported at once on {@code c}, late on its Local partner. */
    private void connectTo(SimChannel c, SimChannel peer) {
        if (c.connectedNum.equals(peer.callerIdNum) && c.connectedName.equals(peer.callerIdName)) {
            return;
        }
        c.connectedNum = peer.callerIdNum;
        c.connectedName = peer.callerIdName;
        emit(channelEvent("NewConnectedLine", "call", c));
        SimChannel partner = c.partner;
        if (partner != null && !partner.hungUp
                && !(partner.callerIdNum.equals(peer.callerIdNum) && partner.callerIdName.equals(peer.callerIdName))) {
            partner.pendingCallerId = new String[] {peer.callerIdNum, peer.callerIdName};
        }
    }

    private SimChannel byPrefix(String prefix) {
        SimChannel exact = channels.get(prefix);
        if (exact != null) {
            return exact;
        }
        for (SimChannel c : channels.values()) {
            if (c.name.startsWith(prefix)) {
                return c;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- other actions

    /**
     * Hangup: {@code Channel} by exact name or, when written {@code /regex/}, every channel whose
     * name matches, answered as a list (ChannelHungup per match, then ChannelsHungupListComplete)
     * before any Hangup event.
     */
    public void hangupAction(AmiMessage action, Consumer<AmiMessage> reply) {
        String name = action.valueOr("Channel", "").trim();
        if (name.isEmpty()) {
            reply.accept(error(action, "No channel specified"));
            return;
        }
        int cause = 16;
        try {
            cause = Integer.parseInt(action.valueOr("Cause", "16").trim());
        } catch (NumberFormatException e) {
            // Asterisk ignores an unparsable Cause and uses normal clearing.
        }
        if (name.length() > 1 && name.startsWith("/") && name.endsWith("/")) {
            Pattern regex;
            try {
                regex = Pattern.compile(name.substring(1, name.length() - 1));
            } catch (PatternSyntaxException e) {
                reply.accept(error(action, "Invalid regex"));
                return;
            }
            List<SimChannel> matches = new ArrayList<>();
            for (SimChannel c : channels.values()) {
                if (regex.matcher(c.name).find()) {
                    matches.add(c);
                }
            }
            reply.accept(listStart(action, "Channels hung up will follow"));
            for (SimChannel c : matches) {
                AmiMessage.Builder item = AmiMessage.builder().add("Event", "ChannelHungup").add("Channel", c.name);
                action.get("ActionID").ifPresent(id -> item.add("ActionID", id));
                reply.accept(item.build());
            }
            reply.accept(listComplete("ChannelsHungupListComplete", action, matches.size()));
            for (SimChannel c : matches) {
                hangup(c, cause);
            }
            return;
        }
        SimChannel ch = channels.get(name);
        if (ch == null) {
            reply.accept(error(action, "No such channel"));
            return;
        }
        reply.accept(success(action, "Channel Hungup"));
        hangup(ch, cause);
    }

    /** Redirect, optionally with ExtraChannel (both legs move; "Dual Redirect successful"). */
    public void redirect(AmiMessage action, Consumer<AmiMessage> reply) {
        String name = action.valueOr("Channel", "").trim();
        if (name.isEmpty()) {
            reply.accept(error(action, "Channel not specified"));
            return;
        }
        String context = action.valueOr("Context", "");
        String exten = action.valueOr("Exten", "");
        int priority;
        try {
            priority = Integer.parseInt(action.valueOr("Priority", "1").trim());
        } catch (NumberFormatException e) {
            reply.accept(error(action, "Invalid priority"));
            return;
        }
        SimChannel ch = channels.get(name);
        if (ch == null) {
            reply.accept(error(action, "Channel does not exist: " + name));
            return;
        }
        String extraName = action.valueOr("ExtraChannel", "").trim();
        SimChannel extra = null;
        if (!extraName.isEmpty()) {
            extra = channels.get(extraName);
            if (extra == null) {
                reply.accept(error(action, "ExtraChannel does not exist: " + extraName));
                return;
            }
        }
        if (!extensionExists(context, exten)) {
            reply.accept(error(action, "Extension does not exist."));
            return;
        }
        reply.accept(success(action, extra == null ? "Redirect successful" : "Dual Redirect successful"));
        List<SimChannel> moving = extra == null ? List.of(ch) : List.of(ch, extra);
        for (SimChannel c : moving) {
            // The channel already points at its new place when it leaves the bridge.
            c.context = context;
            c.exten = exten;
            c.priority = priority;
        }
        for (SimChannel c : moving) {
            if (c.bridge != null) {
                SimBridge bridge = c.bridge;
                SimChannel peer = bridgeRemove(c);
                if (peer != null && moving.contains(peer)) {
                    peer.next = null;
                    bridge.members.remove(peer);
                    peer.bridge = null;
                    emit(peer.snapshot(bridge.snapshot(event("BridgeLeave", "call")), ""));
                    emit(bridge.snapshot(event("BridgeDestroy", "call")));
                } else {
                    c.next = null;
                    bridgeDissolve(bridge, peer);
                }
            }
        }
        for (SimChannel c : moving) {
            if (c.hungUp) {
                continue;
            }
            c.cancelTimers();
            c.amdRunning = false;
            if (c.onHold) {
                c.onHold = false;
                emit(channelEvent("MusicOnHoldStop", "call", c));
            }
            c.context = context;
            c.exten = exten;
            c.priority = priority;
            runDialplan(c);
        }
    }

    /** A Setvar/Getvar target: the channel, or null for a global variable (no Channel header). */
    private record VariableTarget(String variable, SimChannel channel) {}

    /** Checks Setvar/Getvar arguments as Asterisk does; answers the error and returns null when they are wrong. */
    private VariableTarget variableTarget(AmiMessage action, Consumer<AmiMessage> reply) {
        String variable = action.valueOr("Variable", "").trim();
        if (variable.isEmpty()) {
            reply.accept(error(action, "No variable specified"));
            return null;
        }
        String name = action.valueOr("Channel", "").trim();
        SimChannel ch = name.isEmpty() ? null : channels.get(name);
        if (!name.isEmpty() && ch == null) {
            reply.accept(error(action, "No such channel"));
            return null;
        }
        return new VariableTarget(variable, ch);
    }

    public void setvar(AmiMessage action, Consumer<AmiMessage> reply) {
        VariableTarget t = variableTarget(action, reply);
        if (t == null) {
            return;
        }
        String variable = t.variable();
        SimChannel ch = t.channel();
        reply.accept(success(action, "Variable Set"));
        if (ch != null) {
            varSet(ch, variable, action.valueOr("Value", ""));
        }
    }

    public void getvar(AmiMessage action, Consumer<AmiMessage> reply) {
        VariableTarget t = variableTarget(action, reply);
        if (t == null) {
            return;
        }
        String variable = t.variable();
        SimChannel ch = t.channel();
        String value;
        if (ch == null) {
            value = "";
        } else if (variable.equalsIgnoreCase("CHANNEL(state)")) {
            value = ch.state.desc;
        } else if (variable.equalsIgnoreCase("CHANNEL(name)")) {
            value = ch.name;
        } else if (variable.equalsIgnoreCase("CHANNEL(uniqueid)") || variable.equalsIgnoreCase("UNIQUEID")) {
            value = ch.uniqueid;
        } else {
            value = ch.variables.getOrDefault(variable, "");
        }
        reply.accept(response(action, "Success").add("Variable", variable).add("Value", value).build());
    }

    public void coreShowChannels(AmiMessage action, Consumer<AmiMessage> reply) {
        reply.accept(listStart(action, "Channels will follow"));
        Instant now = scheduler.now();
        for (SimChannel c : channels.values()) {
            AmiMessage.Builder b = listItem("CoreShowChannel", action);
            c.snapshot(b, "").add("Application", c.application).add("ApplicationData", c.appData)
                    .add("Duration", hms(Duration.between(c.createdAt, now)))
                    .add("BridgeId", c.bridge == null ? "" : c.bridge.uniqueid);
            reply.accept(b.build());
        }
        reply.accept(listComplete("CoreShowChannelsComplete", action, channels.size()));
    }

    public void status(AmiMessage action, Consumer<AmiMessage> reply) {
        String name = action.valueOr("Channel", "").trim();
        List<SimChannel> list;
        if (name.isEmpty()) {
            list = new ArrayList<>(channels.values());
        } else {
            SimChannel ch = channels.get(name);
            if (ch == null) {
                reply.accept(error(action, "No such channel"));
                return;
            }
            list = List.of(ch);
        }
        reply.accept(listStart(action, "Channel status will follow"));
        Instant now = scheduler.now();
        for (SimChannel c : list) {
            AmiMessage.Builder b = AmiMessage.builder().add("Event", "Status").add("Privilege", "Call");
            c.snapshot(b, "").add("Type", "Local").add("DNID", "")
                    .add("EffectiveConnectedLineNum", c.connectedNum).add("EffectiveConnectedLineName", c.connectedName)
                    .add("TimeToHangup", "0").add("BridgeID", c.bridge == null ? "" : c.bridge.uniqueid)
                    .add("Application", c.application).add("Data", c.appData)
                    .add("Nativeformats", "(slin)").add("Readformat", "slin").add("Readtrans", "")
                    .add("Writeformat", "slin").add("Writetrans", "").add("Callgroup", "0").add("Pickupgroup", "0")
                    .add("Seconds", Long.toString(Duration.between(c.createdAt, now).toSeconds()));
            action.get("ActionID").ifPresent(id -> b.add("ActionID", id));
            reply.accept(b.build());
        }
        reply.accept(listComplete("StatusComplete", action, list.size()).toBuilder()
                .add("Items", Integer.toString(list.size())).build());
    }

    /** Command: the few CLI commands a dialer might run; anything else is Asterisk's "No such command". */
    public void command(AmiMessage action, Consumer<AmiMessage> reply) {
        String cmd = action.valueOr("Command", "").trim();
        AmiMessage.Builder ok = response(action, "Success").add("Message", "Command output follows");
        if (cmd.equals("core show version")) {
            reply.accept(ok.add("Output", VERSION).build());
        } else if (cmd.equals("core show channels")) {
            ok.add("Output", String.format(Locale.ROOT, "%-64s %-32s %-7s %-30s", "Channel", "Location", "State",
                    "Application(Data)"));
            for (SimChannel c : channels.values()) {
                ok.add("Output", String.format(Locale.ROOT, "%-64s %-32s %-7s %-30s", c.name,
                        c.exten + "@" + c.context + ":" + c.priority, c.state.desc,
                        c.application + "(" + c.appData + ")"));
            }
            long calls = channels.size() / 2;
            reply.accept(ok.add("Output", channels.size() + " active channels")
                    .add("Output", calls + " of 500 max active calls ( "
                            + String.format(Locale.ROOT, "%.2f", calls / 5.0) + "% of capacity)")
                    .add("Output", callsProcessed + " calls processed").build());
        } else if (cmd.equals("core show channels concise")) {
            Instant now = scheduler.now();
            for (SimChannel c : channels.values()) {
                ok.add("Output", String.join("!", c.name, c.context, c.exten, Integer.toString(c.priority),
                        c.state.desc, c.application, c.appData, c.callerIdNum, "", "", "3",
                        Long.toString(Duration.between(c.createdAt, now).toSeconds()),
                        c.bridge == null ? "(None)" : c.bridge.uniqueid, c.uniqueid));
            }
            if (channels.isEmpty()) {
                ok.add("Output", "");
            }
            reply.accept(ok.build());
        } else if (cmd.equals("core show uptime seconds")) {
            reply.accept(ok.add("Output", "System uptime: " + (scheduler.now().getEpochSecond() - bootEpochSeconds))
                    .add("Output", "Last reload: " + (scheduler.now().getEpochSecond() - bootEpochSeconds)).build());
        } else {
            String[] words = cmd.split("\\s+");
            String prefix = String.join(" ", java.util.Arrays.copyOf(words, Math.min(words.length, 2)));
            reply.accept(error(action, "Command output follows").toBuilder()
                    .add("Output", "No such command '" + cmd + "' (type 'core show help " + prefix
                            + "' for other possible commands)").build());
        }
    }

    /** CoreSettings (manager.c action_coresettings); asterisk-java asks for it right after login. */
    public void coreSettings(AmiMessage action, Consumer<AmiMessage> reply) {
        reply.accept(response(action, "Success").add("AMIversion", "11.0.0").add("AsteriskVersion", "22.10.1")
                .add("SystemName", systemName).add("CoreMaxCalls", "500").add("CoreMaxLoadAvg", "0.000000")
                .add("CoreRunUser", "asterisk").add("CoreRunGroup", "asterisk").add("CoreMaxFilehandles", "0")
                .add("CoreRealTimeEnabled", "No").add("CoreCDRenabled", "No").add("CoreHTTPenabled", "No")
                .add("SoundsSearchCustomDir", "No").build());
    }

    private static String hms(Duration d) {
        long s = d.toSeconds();
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    /** The FullyBooted event sent after a successful login. */
    AmiMessage fullyBooted() {
        long up = scheduler.now().getEpochSecond() - bootEpochSeconds;
        return event("FullyBooted", "system").build().toBuilder().remove("SystemName")
                .add("Uptime", Long.toString(up)).add("LastReload", Long.toString(up)).add("Status", "Fully Booted")
                .build();
    }

    String systemName() {
        return systemName;
    }

    SimScheduler scheduler() {
        return scheduler;
    }
}

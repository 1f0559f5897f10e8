package dev.cobra.pbxsim.ami;

import dev.cobra.pbxsim.SimScheduler;
import dev.cobra.wire.ami.AmiMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated Asterisk channel (a half of a Local pair, e.g. {@code Local/101@customers-00000002;1}).
 * Owned by the simulator thread; never touched elsewhere.
 *
 * <p>{@link #epoch} implements "what runs on this channel": each dialplan step is scheduled with
 * the epoch current at scheduling time and is skipped if a Redirect, Bridge or hangup bumped it
 * meanwhile, the way a real channel abandons its current application.
 */
final class SimChannel {
    final String name;
    final String uniqueid;
    final String linkedid;
    final Instant createdAt;
    ChannelState state;
    String callerIdNum = "<unknown>";
    String callerIdName = "<unknown>";
    String connectedNum = "<unknown>";
    String connectedName = "<unknown>";
    String context;
    String exten;
    int priority = 1;
    String application = "";
    String appData = "";
    final Map<String, String> variables = new LinkedHashMap<>();
    /** The other half of a Local pair. */
    SimChannel partner;
    SimBridge bridge;
    boolean hungUp;
    /** Bumped when the channel leaves what it was running; stale steps check it. */
    int epoch;
    final List<SimScheduler.Cancellable> timers = new ArrayList<>();
    /** What the dialplan does after the current application returns (e.g. after a Bridge ends). */
    Runnable next;
    /** The Originate that created this pair, while its outcome is still open (;1 only). */
    Object pendingOriginate;
    /** AMD() is listening on this channel (;1 only). */
    boolean amdRunning;
    /** A Playback is running (;2): an interrupted one still reports PLAYBACKSTATUS on hang-up. */
    boolean playing;
    /** Caller ID a Local ;2 half has been told about but not yet reported (NewCallerid comes late). */
    String[] pendingCallerId;
    /** The phone behaviour behind this Local pair. */
    dev.cobra.pbxsim.scenario.PhoneBehaviour phone;
    final List<Runnable> hangupListeners = new ArrayList<>(1);
    final List<java.util.function.Consumer<Character>> dtmfListeners = new ArrayList<>(1);

    SimChannel(String name, String uniqueid, String linkedid, Instant createdAt, ChannelState state, String context,
            String exten) {
        this.name = name;
        this.uniqueid = uniqueid;
        this.linkedid = linkedid;
        this.createdAt = createdAt;
        this.state = state;
        this.context = context;
        this.exten = exten;
    }

    /** Appends the standard channel snapshot ({@code Channel} … {@code Linkedid}) with a prefix. */
    AmiMessage.Builder snapshot(AmiMessage.Builder b, String prefix) {
        return b.add(prefix + "Channel", name)
                .add(prefix + "ChannelState", Integer.toString(state.code))
                .add(prefix + "ChannelStateDesc", state.desc)
                .add(prefix + "CallerIDNum", callerIdNum)
                .add(prefix + "CallerIDName", callerIdName)
                .add(prefix + "ConnectedLineNum", connectedNum)
                .add(prefix + "ConnectedLineName", connectedName)
                .add(prefix + "Language", "en")
                .add(prefix + "AccountCode", "")
                .add(prefix + "Context", context)
                .add(prefix + "Exten", exten)
                .add(prefix + "Priority", Integer.toString(priority))
                .add(prefix + "Uniqueid", uniqueid)
                .add(prefix + "Linkedid", linkedid);
    }

    /** {@code Local/101@customers} for {@code Local/101@customers-00000002;1}. */
    String device() {
        int dash = name.lastIndexOf('-');
        return dash > 0 ? name.substring(0, dash) : name;
    }

    boolean isFirstHalf() {
        return name.endsWith(";1");
    }

    void cancelTimers() {
        for (SimScheduler.Cancellable c : timers) {
            c.cancel();
        }
        timers.clear();
        epoch++;
    }
}

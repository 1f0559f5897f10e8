package dev.cobra.bench;

import dev.cobra.calls.Call;
import dev.cobra.calls.CallEvent;
import dev.cobra.calls.CallId;
import dev.cobra.calls.CallRequest;
import dev.cobra.calls.Destination;
import dev.cobra.calls.Pbx;
import dev.cobra.pbx.asterisk.AsteriskPbx;
import dev.cobra.pbx.asterisk.AsteriskServer;
import dev.cobra.pbx.asterisk.AsteriskSettings;
import dev.cobra.pbx.asterisk.DialString;
import dev.cobra.pbx.asterisk.RecordingSettings;
import dev.cobra.pbxsim.PbxSim;
import dev.cobra.pbxsim.scenario.CustomerMix;
import dev.cobra.pbxsim.scenario.Distribution;
import dev.cobra.pbxsim.scenario.Scenario;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What one dialer node's Asterisk adapter sustains on this machine. Run with
 * {@code bench/run ami [--rate 100] [--seconds 25] [--events 2000000]}.
 *
 * <ol>
 * <li><b>Calls</b>: pbx-sim (same JVM, real time) whose phones all ring 1-3 s and answer; the benchmark originates
 * {@code rate} calls per second for {@code seconds} into the hold context (Wait(60)), so concurrency climbs to
 * rate × seconds; the core side is a real single thread fed through a bounded queue, one {@link Call} state machine
 * per call. Reports originates/s reached, peak concurrent calls, AMI events ingested, p50/p99/max from the answer
 * event being read off the socket (the adapter's timestamp) to the state machine having applied it on the core
 * thread, and heap used after GC at the peak (adapter and simulator together).</li>
 * <li><b>Ingest</b>: a bare fake AMI server replays {@code events} call events taken from the real traces (full
 * headers, ~450 bytes each) as fast as the socket takes them; reports events/s the adapter decodes and dispatches.</li>
 * </ol>
 */
public final class AmiLoadBenchmark {
    public static void main(String[] args) throws Exception {
        int rate = intArg(args, "--rate", 100);
        int seconds = intArg(args, "--seconds", 25);
        int events = intArg(args, "--events", 2_000_000);
        System.out.printf(Locale.ROOT, "AMI load benchmark: %d originates/s for %d s, then %,d events ingest; %d cpus, max heap %d MiB%n",
                rate, seconds, events, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        calls(rate, seconds);
        ingest(events);
    }

    // ------------------------------------------------------------------ calls

    private static void calls(int rate, int seconds) throws Exception {
        CustomerMix answerAll = new CustomerMix(1, 0, 0, 0, 0, 0, 0,
                Distribution.uniform(Duration.ofSeconds(1), Duration.ofSeconds(3)), Distribution.fixed(Duration.ofSeconds(600)),
                Distribution.fixed(Duration.ZERO), 0, List.of());
        Scenario scenario = Scenario.builder(42).traceNumbers(false).customers(answerAll).build();
        int total = rate * seconds;
        try (PbxSim sim = PbxSim.builder().scenario(scenario).start()) {
            AsteriskServer server = new AsteriskServer("bench", "127.0.0.1", sim.amiPort(), "dialer", "secret", total + 100,
                    rate * 2);
            AsteriskSettings settings = AsteriskSettings.defaults(
                    new DialString("Local/{number}@customers", DialString.NumberFormat.NATIONAL, "55"),
                    "\"Collections\" <5551000>", RecordingSettings.defaults());
            Core core = new Core(total);
            try (AsteriskPbx pbx = new AsteriskPbx(server, settings, Clock.systemUTC(), new SplittableRandom(1))) {
                pbx.setListener(core);
                pbx.start().get(10, TimeUnit.SECONDS);
                Thread coreThread = new Thread(core::run, "core");
                coreThread.start();
                List<CallId> ids = new ArrayList<>(total);
                long start = System.nanoTime();
                long periodNanos = 1_000_000_000L / rate;
                for (int i = 0; i < total; i++) {
                    long due = start + i * periodNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    CallRequest r = new CallRequest(new CallId("b" + i), String.format(Locale.ROOT, "+55119%08d", i),
                            "", Duration.ofSeconds(30), Map.of(), new Destination.Hold());
                    core.expect(r.id());
                    ids.add(r.id());
                    pbx.originate(r);
                }
                long sentNanos = System.nanoTime() - start;
                long eventsBefore = pbx.stats().events();
                waitUntil(() -> core.answered.get() >= total, Duration.ofSeconds(60), "every call answered");
                long answeredNanos = System.nanoTime() - start;
                long peak = pbx.stats().inFlight();
                long heapAtPeak = heapAfterGc();
                System.out.printf(Locale.ROOT, "calls: %,d originates in %.1f s = %.1f originates/s offered; all answered after %.1f s"
                                + " (%.1f answered/s); peak concurrent calls %,d; sim live channels %,d%n",
                        total, sentNanos / 1e9, total / (sentNanos / 1e9), answeredNanos / 1e9, total / (answeredNanos / 1e9),
                        peak, sim.liveChannelCount());
                System.out.printf(Locale.ROOT, "calls: answer -> state machine latency p50 %.3f ms, p99 %.3f ms, max %.3f ms (%,d samples);"
                                + " without the first 10%% (JIT warm-up) p99 %.3f ms%n",
                        core.percentileMs(0, 0.50), core.percentileMs(0, 0.99), core.percentileMs(0, 1.0), core.latencyCount(),
                        core.percentileMs(core.latencyCount() / 10, 0.99));
                System.out.printf(Locale.ROOT, "calls: heap used after GC at peak %d MiB (adapter + simulator + %,d Call objects)%n",
                        heapAtPeak >> 20, total);
                long hangStart = System.nanoTime();
                for (CallId id : ids) {
                    pbx.hangup(id);
                }
                waitUntil(() -> core.ended.get() >= total, Duration.ofSeconds(120), "every call ended");
                long hangNanos = System.nanoTime() - hangStart;
                System.out.printf(Locale.ROOT, "calls: %,d hang-ups ended in %.1f s; AMI events ingested during the run %,d"
                                + " (%,d before hang-ups); refused %d, core queue full %d%n", total, hangNanos / 1e9,
                        pbx.stats().events(), eventsBefore, pbx.stats().refusedConcurrency() + pbx.stats().refusedRate(),
                        core.queueFull.get());
                core.stop();
                coreThread.join(5000);
            }
        }
    }

    /** The core side: one thread, a bounded hand-off queue, a Call state machine per call. */
    private static final class Core implements Pbx.Listener {
        final BlockingQueue<CallEvent> queue = new ArrayBlockingQueue<>(65_536);
        final Map<CallId, Call> calls = new HashMap<>();
        final AtomicLong answered = new AtomicLong();
        final AtomicLong ended = new AtomicLong();
        final AtomicLong queueFull = new AtomicLong();
        final long[] latencyNanos;
        int samples;
        volatile boolean running = true;

        Core(int total) {
            latencyNanos = new long[total];
        }

        synchronized void expect(CallId id) {
            calls.put(id, new Call(id, Instant.now()));
        }

        @Override
        public void onCallEvent(CallEvent event) {
            try {
                if (!queue.offer(event, 1, TimeUnit.SECONDS)) {
                    queueFull.incrementAndGet();
                    throw new IllegalStateException("core queue full for 1000ms (capacity 65536)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted handing off " + event, e);
            }
        }

        @Override
        public void onAvailability(String pbx, boolean available) {}

        void run() {
            while (running || !queue.isEmpty()) {
                CallEvent e;
                try {
                    e = queue.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException ex) {
                    return;
                }
                if (e == null) {
                    continue;
                }
                Call c;
                synchronized (this) {
                    c = calls.get(e.callId());
                }
                boolean done = c.apply(e).isPresent();
                if (e instanceof CallEvent.Answered) {
                    Instant now = Instant.now();
                    latencyNanos[samples++] = Duration.between(e.at(), now).toNanos();
                    answered.incrementAndGet();
                }
                if (done) {
                    ended.incrementAndGet();
                }
            }
        }

        void stop() {
            running = false;
        }

        int latencyCount() {
            return samples;
        }

        double percentileMs(int skipFirst, double p) {
            long[] sorted = Arrays.copyOfRange(latencyNanos, skipFirst, samples);
            Arrays.sort(sorted);
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
            return sorted[Math.max(0, i)] / 1e6;
        }
    }

    // ------------------------------------------------------------------ ingest

    private static void ingest(int events) throws Exception {
        byte[] block = eventBlock();
        int perBlock = 4;
        int blocks = events / perBlock;
        try (ServerSocket listen = new ServerSocket(0)) {
            Thread server = new Thread(() -> fakeAsterisk(listen, block, blocks), "fake-asterisk");
            server.setDaemon(true);
            server.start();
            AsteriskServer fake = new AsteriskServer("ingest", "127.0.0.1", listen.getLocalPort(), "dialer", "secret", 10, 10);
            AsteriskSettings settings = AsteriskSettings.defaults(
                    new DialString("Local/{number}@customers", DialString.NumberFormat.NATIONAL, "55"),
                    "\"Collections\" <5551000>", RecordingSettings.defaults());
            try (AsteriskPbx pbx = new AsteriskPbx(fake, settings, Clock.systemUTC(), new SplittableRandom(1))) {
                long t0 = System.nanoTime();
                pbx.start().get(10, TimeUnit.SECONDS);
                long target = (long) blocks * perBlock;
                waitUntil(() -> pbx.stats().events() >= target, Duration.ofSeconds(300), target + " events ingested");
                long nanos = System.nanoTime() - t0;
                System.out.printf(Locale.ROOT, "ingest: %,d AMI events (%,d bytes each on average) in %.2f s = %,.0f events/s;"
                                + " heap used after GC %d MiB%n", target, block.length / perBlock, nanos / 1e9,
                        target / (nanos / 1e9), heapAfterGc() >> 20);
            }
        }
    }

    /** Banner, answers Login and Filters, then writes the block {@code blocks} times as fast as TCP takes it. */
    private static void fakeAsterisk(ServerSocket listen, byte[] block, int blocks) {
        try (Socket s = listen.accept()) {
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out.write("Asterisk Call Manager/11.0.0\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            for (int action = 0; action < 3; action++) {
                String id = "";
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    if (line.startsWith("ActionID: ")) {
                        id = line.substring(10);
                    }
                }
                out.write(("Response: Success\r\nActionID: " + id + "\r\nMessage: ok\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            byte[] chunk = new byte[block.length * 64];
            for (int i = 0; i < 64; i++) {
                System.arraycopy(block, 0, chunk, i * block.length, block.length);
            }
            int sent = 0;
            while (sent + 64 <= blocks) {
                out.write(chunk);
                sent += 64;
            }
            while (sent < blocks) {
                out.write(block);
                sent++;
            }
            out.flush();
            in.readLine();
        } catch (java.io.IOException e) {
            // The adapter closed the socket: the run is over.
        }
    }

    /** Four events of a traced call (Asterisk 22 field sets), for channels no call owns: parsed, looked up, ignored. */
    private static byte[] eventBlock() {
        String channel = "Channel: Local/5511900001234@customers-0000a1b2;1\r\nChannelState: 6\r\nChannelStateDesc: Up\r\n"
                + "CallerIDNum: 5551000\r\nCallerIDName: Collections\r\nConnectedLineNum: <unknown>\r\n"
                + "ConnectedLineName: <unknown>\r\nLanguage: en\r\nAccountCode: \r\nContext: dialer-ivr\r\nExten: hold\r\n"
                + "Priority: 1\r\nUniqueid: astdev-1795483260.18\r\nLinkedid: astdev-1795483260.18\r\n";
        String head = "Privilege: call,all\r\nSystemName: astdev\r\n";
        String s = "Event: Newstate\r\n" + head + channel + "\r\n"
                + "Event: VarSet\r\nPrivilege: dialplan,all\r\nSystemName: astdev\r\n" + channel
                + "Variable: COBRA_CALL_ID\r\nValue: nobody-1\r\n\r\n"
                + "Event: DTMFEnd\r\nPrivilege: dtmf,all\r\nSystemName: astdev\r\n" + channel
                + "Digit: 1\r\nDurationMs: 100\r\nDirection: Received\r\n\r\n"
                + "Event: Hangup\r\n" + head + channel + "Cause: 16\r\nCause-txt: Normal Clearing\r\n\r\n";
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ helpers

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void waitUntil(java.util.function.BooleanSupplier done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + "s waiting for " + what);
            }
            LockSupport.parkNanos(5_000_000);
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}

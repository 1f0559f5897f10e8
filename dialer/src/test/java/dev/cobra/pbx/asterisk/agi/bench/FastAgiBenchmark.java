package dev.cobra.pbx.asterisk.agi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cobra.ivr.CallerException;
import dev.cobra.ivr.DigitInput;
import dev.cobra.ivr.Dtmf;
import dev.cobra.ivr.IvrApplication;
import dev.cobra.ivr.Prompt;
import dev.cobra.pbx.asterisk.agi.FastAgiCounters;
import dev.cobra.pbx.asterisk.agi.FastAgiServer;
import dev.cobra.pbx.asterisk.agi.FastAgiServerConfig;
import dev.cobra.pbxsim.agi.AgiCallSpec;
import dev.cobra.pbxsim.agi.DebtorScript;
import dev.cobra.pbxsim.agi.FastAgiSimClient;
import dev.cobra.pbxsim.agi.PlaybackPacing;
import dev.cobra.wire.agi.AgiLimits;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * FastAGI throughput over localhost: {@code concurrency} simulated Asterisk channels (pbx-sim,
 * instant pacing) keep calling the dialer's FastAGI server; each session runs 6 AGI commands
 * (ANSWER, 2 x STREAM FILE, GET DATA, SET VARIABLE, HANGUP). Prints sessions/s and the command
 * round trip as seen by the IVR application (p50/p99/p99.9/max). Figures, not assertions.
 *
 * <p>Run: {@code mvn -B -o -pl wire,pbx-sim,dialer -am verify -Dtest=FastAgiBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dcobra.bench=true [-Dcobra.bench.concurrency=200]
 * [-Dcobra.bench.sessions=20000] [-Dcobra.bench.server=asterisk-java]}. The last option runs the same
 * six commands on asterisk-java's {@code DefaultAgiServer} instead, for comparison. The load
 * generator (pbx-sim) runs in the same JVM on the same cores, so the figures are a floor. Not
 * matched by surefire's default includes, so the normal build never runs it.
 */
class FastAgiBenchmark {
    private static final int COMMANDS_PER_SESSION = 6;

    @Test
    void measure() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("cobra.bench"), "benchmark: run with -Dcobra.bench=true");
        int concurrency = Integer.getInteger("cobra.bench.concurrency", 200);
        int sessions = Integer.getInteger("cobra.bench.sessions", 20_000);
        boolean asteriskJava = "asterisk-java".equals(System.getProperty("cobra.bench.server"));
        run(concurrency, Math.max(1000, sessions / 5), false, asteriskJava);
        String result = run(concurrency, sessions, true, asteriskJava);
        System.out.println(result);
    }

    public static void main(String[] args) throws Exception {
        int concurrency = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        boolean asteriskJava = args.length > 2 && args[2].equals("asterisk-java");
        run(concurrency, Math.max(1000, sessions / 5), false, asteriskJava);
        System.out.println(run(concurrency, sessions, true, asteriskJava));
    }

    private static String run(int concurrency, int sessions, boolean report, boolean asteriskJava) throws Exception {
        long[] roundTripNanos = new long[sessions * COMMANDS_PER_SESSION];
        AtomicInteger samples = new AtomicInteger();
        IvrApplication app = (caller, ctx) -> {
            Timed t = new Timed(roundTripNanos, samples);
            t.op(() -> caller.answer());
            t.op(() -> caller.play(List.of(Prompt.of("hello")), Dtmf.none()));
            t.op(() -> caller.play(List.of(Prompt.of("menu")), Dtmf.keys("12")));
            DigitInput[] in = new DigitInput[1];
            t.op(() -> in[0] = caller.readDigits(List.of(Prompt.of("beep")), 4, Duration.ofSeconds(3), Optional.of(Dtmf.POUND)));
            t.op(() -> caller.setVariable("RESULT", in[0].digits()));
            t.op(() -> caller.hangup());
        };
        FastAgiServerConfig config = new FastAgiServerConfig("127.0.0.1", 0, 1, concurrency, concurrency,
                Duration.ofSeconds(10), Duration.ofSeconds(30), Optional.empty(), "", AgiLimits.DEFAULT);
        DebtorScript debtor = DebtorScript.builder().pressAt(Duration.ofMillis(2500), "1234").build();
        try (BenchServer server = asteriskJava ? new AsteriskJavaServer(concurrency, roundTripNanos, samples)
                        : new CobraServer(new FastAgiServer(config, Map.of("collect", app)));
                FastAgiSimClient asterisk = new FastAgiSimClient(1, PlaybackPacing.instant(), AgiLimits.DEFAULT)) {
            InetSocketAddress addr = server.start();
            AtomicInteger launched = new AtomicInteger();
            AtomicLong failed = new AtomicLong();
            CompletableFuture<Void> done = new CompletableFuture<>();
            AtomicInteger finished = new AtomicInteger();
            long heapBefore = usedHeap();
            long start = System.nanoTime();
            Runnable[] next = new Runnable[1];
            next[0] = () -> {
                int n = launched.getAndIncrement();
                if (n >= sessions) {
                    return;
                }
                asterisk.call(addr, AgiCallSpec.builder().uniqueId("bench-" + n).debtor(debtor).build()).finished()
                        .whenComplete((r, e) -> {
                            if (e != null || !"1234".equals(r.variables().get("RESULT"))) {
                                failed.incrementAndGet();
                            }
                            if (finished.incrementAndGet() == sessions) {
                                done.complete(null);
                            } else {
                                next[0].run();
                            }
                        });
            };
            for (int i = 0; i < concurrency; i++) {
                next[0].run();
            }
            done.get(10, TimeUnit.MINUTES);
            long elapsedNanos = System.nanoTime() - start;
            long heapAfter = usedHeap();
            assertEquals(0, failed.get(), "failed sessions");
            server.check();
            long commands = (long) sessions * COMMANDS_PER_SESSION;
            if (!report) {
                return "";
            }
            long[] rt = Arrays.copyOf(roundTripNanos, samples.get());
            Arrays.sort(rt);
            double seconds = elapsedNanos / 1e9;
            return String.format(Locale.ROOT,
                    "FastAGI benchmark (%s): concurrency=%d sessions=%d in %.2fs -> %.0f sessions/s, %.0f commands/s; "
                            + "command round trip p50=%.0fus p99=%.0fus p99.9=%.0fus max=%.0fus; heap used %d MiB -> %d MiB; cores=%d",
                    asteriskJava ? "asterisk-java 3.42.2 DefaultAgiServer" : "Cobra FastAgiServer", concurrency, sessions,
                    seconds, sessions / seconds, commands / seconds,
                    pct(rt, 0.50) / 1e3, pct(rt, 0.99) / 1e3, pct(rt, 0.999) / 1e3, rt[rt.length - 1] / 1e3,
                    heapBefore >> 20, heapAfter >> 20, Runtime.getRuntime().availableProcessors());
        }
    }

    /** The server under test. */
    private interface BenchServer extends AutoCloseable {
        InetSocketAddress start() throws Exception;

        /** Fails if the server itself counted failures. */
        void check();

        @Override
        void close();
    }

    private static final class CobraServer implements BenchServer {
        private final FastAgiServer server;

        CobraServer(FastAgiServer server) {
            this.server = server;
        }

        @Override
        public InetSocketAddress start() {
            return server.start();
        }

        @Override
        public void check() {
            FastAgiCounters.Snapshot c = server.counters();
            assertEquals(0, c.sessionsRejected() + c.sessionsFailed(), "rejected or failed: " + c);
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** asterisk-java's own FastAGI server running the same six commands, for comparison. */
    private static final class AsteriskJavaServer implements BenchServer {
        private final org.asteriskjava.fastagi.DefaultAgiServer server;
        private final Thread acceptThread;
        private final int port;

        AsteriskJavaServer(int concurrency, long[] sink, AtomicInteger next) throws Exception {
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            org.asteriskjava.fastagi.AgiScript script = (request, channel) -> {
                long[] t = new long[1];
                Runnable mark = () -> {
                    int i = next.getAndIncrement();
                    if (i < sink.length) {
                        sink[i] = System.nanoTime() - t[0];
                    }
                };
                t[0] = System.nanoTime();
                channel.answer();
                mark.run();
                t[0] = System.nanoTime();
                channel.streamFile("hello", "");
                mark.run();
                t[0] = System.nanoTime();
                channel.streamFile("menu", "12");
                mark.run();
                t[0] = System.nanoTime();
                String digits = channel.getData("beep", 3000, 4);
                mark.run();
                t[0] = System.nanoTime();
                channel.setVariable("RESULT", digits);
                mark.run();
                t[0] = System.nanoTime();
                channel.hangup();
                mark.run();
            };
            server = new org.asteriskjava.fastagi.DefaultAgiServer((request, channel) -> script);
            server.setPort(port);
            server.setPoolSize(concurrency);
            server.setMaximumPoolSize(concurrency * 2);
            acceptThread = new Thread(() -> {
                try {
                    server.startup();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "asterisk-java-agi-accept");
            acceptThread.setDaemon(true);
        }

        @Override
        public InetSocketAddress start() throws Exception {
            acceptThread.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try (java.net.Socket s = new java.net.Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return new InetSocketAddress("127.0.0.1", port);
                } catch (java.io.IOException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("asterisk-java AGI server did not start on port " + port, notYet);
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                }
            }
        }

        @Override
        public void check() {
        }

        @Override
        public void close() {
            server.shutdown();
        }
    }

    private static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** Times each Caller operation (one AGI command each in this script). */
    private static final class Timed {
        private final long[] sink;
        private final AtomicInteger next;

        Timed(long[] sink, AtomicInteger next) {
            this.sink = sink;
            this.next = next;
        }

        interface Op {
            void run() throws CallerException;
        }

        void op(Op op) throws CallerException {
            long t0 = System.nanoTime();
            op.run();
            int i = next.getAndIncrement();
            if (i < sink.length) {
                sink[i] = System.nanoTime() - t0;
            }
        }
    }
}

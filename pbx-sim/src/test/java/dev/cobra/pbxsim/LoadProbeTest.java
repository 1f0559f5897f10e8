package dev.cobra.pbxsim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cobra.pbxsim.scenario.Scenario;
import dev.cobra.wire.ami.AmiDecoder;
import dev.cobra.wire.ami.AmiEncoder;
import dev.cobra.wire.ami.AmiMessage;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * How much AMI traffic the simulator produces on this machine, on the wall clock:
 * {@code PBXSIM_LOAD=1 mvn -B -o -pl wire,pbx-sim -am verify -Dtest=LoadProbeTest -Dsurefire.failIfNoSpecifiedTests=false}.
 * Prints numbers; asserts only that every call was answered (no wall-clock assertions).
 */
@EnabledIfEnvironmentVariable(named = "PBXSIM_LOAD", matches = ".+")
class LoadProbeTest {
    @Test
    void originatesAndEventsPerSecond() throws Exception {
        int calls = Integer.parseInt(System.getenv().getOrDefault("PBXSIM_LOAD_CALLS", "4000"));
        // The build runs tests with PARANOID leak detection, which records every buffer access.
        io.netty.util.ResourceLeakDetector.Level level = io.netty.util.ResourceLeakDetector.getLevel();
        io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
        try (PbxSim pbx = PbxSim.builder().scenario(Scenario.traces(1)).start()) {
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            AtomicLong events = new AtomicLong();
            CountDownLatch answered = new CountDownLatch(calls);
            try {
                Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                        .handler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel c) {
                                c.pipeline().addLast(AmiDecoder.forClient(), new AmiEncoder(),
                                        new SimpleChannelInboundHandler<Object>() {
                                            @Override
                                            protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
                                                if (msg instanceof AmiMessage m && m.isEvent()) {
                                                    events.incrementAndGet();
                                                    if ("OriginateResponse".equals(m.value("Event"))) {
                                                        answered.countDown();
                                                    }
                                                }
                                            }
                                        });
                            }
                        }).connect("127.0.0.1", pbx.amiPort()).sync().channel();
                ch.writeAndFlush(AmiMessage.of("Action", "Login", "Username", "dialer", "Secret", "secret",
                        "Events", "on")).sync();
                com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    ch.write(AmiMessage.of("Action", "Originate", "ActionID", "o" + i, "Channel",
                            "Local/55" + (100_000 + i) + "@customers", "Context", "dialer-ivr", "Exten", "hold",
                            "CallerID", "\"Collections\" <5551000>", "Timeout", "30000", "Async", "true",
                            "Variable", "ACCOUNT_ID=ACC-" + i, "Variable", "CAMPAIGN_ID=7"));
                    if (i % 100 == 99) {
                        ch.flush();
                    }
                }
                ch.flush();
                long sent = System.nanoTime();
                pbx.ami().awaitActionsHandled(calls + 1, Duration.ofSeconds(120));
                long handled = System.nanoTime();
                long eventsAtHandled = events.get();
                boolean all = answered.await(120, TimeUnit.SECONDS);
                long done = System.nanoTime();
                long cpuNs = os.getProcessCpuTime() - cpu0;
                java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
                long coreCpuNs = 0;
                long ioCpuNs = 0;
                for (java.lang.management.ThreadInfo ti : threads.dumpAllThreads(false, false)) {
                    if (ti.getThreadName().equals("pbx-sim-core")) {
                        coreCpuNs = threads.getThreadCpuTime(ti.getThreadId());
                    } else if (ti.getThreadName().startsWith("pbx-sim-ami-io")) {
                        ioCpuNs += threads.getThreadCpuTime(ti.getThreadId());
                    }
                }
                System.out.printf("pbx-sim AMI I/O thread (decode actions, encode events, write): %d ms CPU"
                        + " = %.1f us per event%n", ioCpuNs / 1_000_000, ioCpuNs / 1e3 / pbx.ami().eventsPublished());
                System.out.printf("pbx-sim core thread: %d events emitted, %d ms CPU = %.1f us per event"
                        + " (%.0f events per CPU-second)%n", pbx.ami().eventsPublished(), coreCpuNs / 1_000_000,
                        coreCpuNs / 1e3 / pbx.ami().eventsPublished(), pbx.ami().eventsPublished() / (coreCpuNs / 1e9));
                int live = pbx.liveChannelCount();
                Runtime rt = Runtime.getRuntime();
                System.out.printf("pbx-sim load: %d originates written in %d ms, handled in %d ms (%.0f originates/s);"
                        + " all answered after %d ms; %d events received (%.0f events/s while originating,"
                        + " %.0f overall); %d live channels; heap used %d MiB; process CPU %d ms = %.1f us per event"
                        + " (simulator + this test's decoder; load average %.1f on %d cores)%n",
                        calls, (sent - t0) / 1_000_000, (handled - t0) / 1_000_000,
                        calls / ((handled - t0) / 1e9), (done - t0) / 1_000_000, events.get(),
                        eventsAtHandled / ((handled - t0) / 1e9), events.get() / ((done - t0) / 1e9), live,
                        (rt.totalMemory() - rt.freeMemory()) >> 20, cpuNs / 1_000_000, cpuNs / 1e3 / events.get(),
                        os.getSystemLoadAverage(), os.getAvailableProcessors());
                assertEquals(true, all, "every call answered");
                ch.close().sync();
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            }
        } finally {
            io.netty.util.ResourceLeakDetector.setLevel(level);
        }
    }
}

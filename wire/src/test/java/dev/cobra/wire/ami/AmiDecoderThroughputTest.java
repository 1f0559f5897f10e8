package dev.cobra.wire.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Decoder throughput on real event text (the 20-call burst trace), single thread:
 * {@code AMI_DECODE_PROBE=1 mvn -B -o -pl wire verify -Dtest=AmiDecoderThroughputTest}.
 * Prints events/s and bytes allocated per event; asserts only the event count.
 */
@EnabledIfEnvironmentVariable(named = "AMI_DECODE_PROBE", matches = ".+")
class AmiDecoderThroughputTest {
    @Test
    void decodesRealEventsFast() throws Exception {
        AmiTranscript t = AmiTranscript.read(AmiTranscriptTest.traceDir().resolve("ami-originate-burst-20.txt"));
        StringBuilder sb = new StringBuilder();
        List<AmiMessage> events = t.events();
        for (AmiMessage m : events) {
            sb.append(m.toWireString());
        }
        byte[] chunk = sb.toString().getBytes(StandardCharsets.UTF_8);
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        try {
            for (int round = 0; round < 3; round++) {
                long[] count = {0};
                EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(false, 1 << 20, 1024),
                        new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                count[0]++;
                            }
                        });
                int repeats = 400;
                com.sun.management.ThreadMXBean mx =
                        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
                long alloc0 = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
                long cpu0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < repeats; i++) {
                    for (int off = 0; off < chunk.length; off += 8192) {
                        ByteBuf b = Unpooled.wrappedBuffer(chunk, off, Math.min(8192, chunk.length - off));
                        ch.writeInbound(b);
                    }
                }
                long cpu = mx.getCurrentThreadCpuTime() - cpu0;
                long alloc = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - alloc0;
                assertEquals((long) repeats * events.size(), count[0]);
                System.out.printf("AMI decoder round %d: %d events, %.0f events per CPU-second, %d bytes allocated"
                        + " per event, %d wire bytes per event%n", round, count[0], count[0] / (cpu / 1e9),
                        alloc / count[0], chunk.length / events.size());
                ch.finishAndReleaseAll();
            }
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
    }
}

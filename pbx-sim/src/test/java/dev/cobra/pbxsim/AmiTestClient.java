package dev.cobra.pbxsim;

import dev.cobra.wire.ami.AmiDecoder;
import dev.cobra.wire.ami.AmiFrame;
import dev.cobra.wire.ami.AmiMessage;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A plain-socket AMI client for tests: a reader thread frames bytes with the wire decoder and
 * queues them; every wait is bounded.
 */
public final class AmiTestClient implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Object EOF = new Object();

    private final Socket socket;
    private final OutputStream out;
    private final LinkedBlockingQueue<Object> frames = new LinkedBlockingQueue<>();
    private final List<AmiMessage> seen = new ArrayList<>();
    private final Thread reader;
    private volatile boolean closed;

    private AmiTestClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        reader = new Thread(() -> {
            EmbeddedChannel decoder = new EmbeddedChannel(AmiDecoder.forClient());
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    decoder.writeInbound(Unpooled.copiedBuffer(buf, 0, n));
                    for (Object f; (f = decoder.readInbound()) != null; ) {
                        frames.add(f);
                    }
                }
            } catch (IOException e) {
                // socket closed: reported as EOF below
            } finally {
                decoder.finishAndReleaseAll();
                frames.add(EOF);
            }
        }, "ami-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    public static AmiTestClient connect(int port) throws IOException {
        return new AmiTestClient(port);
    }

    /** Connects, reads the banner and logs in as dialer/secret with the given Events value. */
    public static AmiTestClient login(int port, String events) throws IOException {
        AmiTestClient c = connect(port);
        c.nextFrame();
        c.send(AmiMessage.of("Action", "Login", "ActionID", "login-1", "Username", "dialer", "Secret", "secret",
                "Events", events));
        AmiMessage r = c.response("login-1");
        if (!"Success".equals(r.value("Response"))) {
            throw new IllegalStateException("login failed: " + r);
        }
        return c;
    }

    public void send(AmiMessage m) throws IOException {
        out.write(m.toWireString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public void sendRaw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Next frame, or fails after 10 s; throws on EOF. */
    public AmiFrame nextFrame() {
        Object f = poll();
        if (f == EOF) {
            closed = true;
            throw new IllegalStateException("connection closed by the server");
        }
        return (AmiFrame) f;
    }

    private Object poll() {
        try {
            Object f = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (f == null) {
                throw new IllegalStateException("no AMI frame within " + WAIT.toMillis() + "ms; seen so far: "
                        + seen.size() + " messages");
            }
            if (f instanceof AmiMessage m) {
                seen.add(m);
            }
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Reads until a message matches; returns it. Everything read is kept in {@link #seen()}. */
    public AmiMessage until(Predicate<AmiMessage> p) {
        while (true) {
            AmiFrame f = nextFrame();
            if (f instanceof AmiMessage m && p.test(m)) {
                return m;
            }
        }
    }

    public AmiMessage response(String actionId) {
        return until(m -> m.isResponse() && actionId.equals(m.value("ActionID")));
    }

    public AmiMessage event(String name) {
        return until(m -> name.equals(m.value("Event")));
    }

    /** True once the server closed the socket; waits up to 10 s, skipping frames. */
    public boolean awaitClosed() {
        while (!closed) {
            Object f = poll();
            if (f == EOF) {
                closed = true;
            }
        }
        return true;
    }

    /** Frames queued right now, without waiting. */
    public List<AmiMessage> drainNow() {
        List<AmiMessage> out = new ArrayList<>();
        for (Object f; (f = frames.poll()) != null; ) {
            if (f == EOF) {
                closed = true;
                frames.add(EOF);
                break;
            }
            if (f instanceof AmiMessage m) {
                seen.add(m);
                out.add(m);
            }
        }
        return out;
    }

    /** Every message read so far, in order. */
    public List<AmiMessage> seen() {
        return seen;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            reader.join(WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

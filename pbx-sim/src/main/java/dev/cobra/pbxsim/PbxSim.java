package dev.cobra.pbxsim;

import dev.cobra.pbxsim.ami.AmiServer;
import dev.cobra.pbxsim.ami.AmiServerConfig;
import dev.cobra.pbxsim.ami.AsteriskCore;
import dev.cobra.pbxsim.scenario.Population;
import dev.cobra.pbxsim.scenario.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The PBX simulator as tests and the standalone launcher use it: an AMI server on localhost in
 * front of a simulated Asterisk 22 whose phones follow a seeded {@link Scenario}.
 *
 * <pre>{@code
 * try (PbxSim pbx = PbxSim.builder().scenario(Scenario.traces(42)).virtualTime().start()) {
 *     connect to 127.0.0.1:pbx.amiPort(), Login dialer/secret, Originate Local/101@customers …
 *     pbx.advance(Duration.ofSeconds(10));   // virtual time only
 *     assertEquals(0, pbx.liveChannelCount());
 * }
 * }</pre>
 *
 * <p>Threading: every method is safe from any thread. With {@link Builder#virtualTime()} simulated
 * time moves only in {@link #advance}; otherwise it follows the wall clock.
 */
public final class PbxSim implements AutoCloseable {
    private final SimScheduler scheduler;
    private final AmiServer ami;
    private final AsteriskCore core;
    private final int amiPort;

    private PbxSim(Builder b) throws InterruptedException {
        this.scheduler = b.virtualStart != null ? new VirtualScheduler(b.virtualStart) : new RealTimeScheduler(b.clock);
        this.ami = new AmiServer(scheduler, b.config, b.scenario.seed());
        this.core = new AsteriskCore(scheduler, new Population(b.scenario), b.config.systemName(), ami);
        ami.attach(core);
        AnsweredCallHandler h = b.handler;
        scheduler.execute(() -> core.answeredCallHandler(h));
        try {
            this.amiPort = ami.bind(b.host, b.amiPort);
        } catch (InterruptedException | RuntimeException e) {
            ami.close();
            scheduler.close();
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The bound AMI port (the real one when started on port 0). */
    public int amiPort() {
        return amiPort;
    }

    /** Phones of calls originated from now on follow {@code scenario}. */
    public void scenario(Scenario scenario) {
        Population p = new Population(scenario);
        scheduler.execute(() -> core.population(p));
    }

    /** What answered calls do at the IVR point (the FastAGI client plugs in here). */
    public void answeredCallHandler(AnsweredCallHandler handler) {
        Objects.requireNonNull(handler, "handler");
        scheduler.execute(() -> core.answeredCallHandler(handler));
    }

    /** Live channels; each Local call counts two (;1 and ;2). */
    public int liveChannelCount() {
        return core.liveChannelCount();
    }

    /** Waits (bounded) until exactly {@code expected} channels are live; for wall-clock tests. */
    public void awaitLiveChannelCount(int expected, Duration timeout) {
        core.awaitLiveChannelCount(expected, timeout);
    }

    /** Connected AMI clients. */
    public int amiSessionCount() {
        return ami.sessionCount();
    }

    public Instant now() {
        return scheduler.now();
    }

    /** Virtual time only: runs everything due in the next {@code step}. */
    public void advance(Duration step) {
        virtual().advance(step);
    }

    /** Waits until the simulator thread has handled everything handed to it so far. */
    public void drain() {
        if (scheduler instanceof VirtualScheduler v) {
            v.drain();
        } else {
            java.util.concurrent.CompletableFuture<Void> f = new java.util.concurrent.CompletableFuture<>();
            scheduler.execute(() -> f.complete(null));
            try {
                f.get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while draining the simulator", e);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("simulator thread did not drain within 10000ms", e);
            }
        }
    }

    private VirtualScheduler virtual() {
        if (scheduler instanceof VirtualScheduler v) {
            return v;
        }
        throw new IllegalStateException("advance: simulator runs on the wall clock (expected: builder().virtualTime())");
    }

    // ------------------------------------------------------------------ fault injection

    /** Closes every AMI socket at once; calls stay up (the PBX itself is fine). */
    public void cutAmiConnections() {
        ami.cutConnections();
    }

    /** Asterisk crash/restart: every AMI socket closes and every call is gone without events. */
    public void restart() {
        ami.cutConnections();
        scheduler.execute(core::crash);
    }

    /**
     * The phone dialed as {@code Local/<target>} hangs up now (see {@link AsteriskCore#phoneHangsUp}); waits for the
     * simulator thread (at most 10 s).
     *
     * @throws IllegalStateException when no live call dials {@code target}
     */
    public void hangUpPhone(String target) {
        java.util.concurrent.CompletableFuture<Boolean> f = new java.util.concurrent.CompletableFuture<>();
        scheduler.execute(() -> f.complete(core.phoneHangsUp(target)));
        boolean found;
        try {
            found = f.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hanging up phone " + target, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("simulator thread did not hang up phone " + target + " within 10000ms", e);
        }
        if (!found) {
            throw new IllegalStateException("no live call dials Local/" + target + " (live channels: " + liveChannelCount() + ")");
        }
    }

    /** Holds all AMI output (responses and events) for {@code duration}, then sends it in order. */
    public void stallAmi(Duration duration) {
        ami.stall(duration);
    }

    /** Delays every AMI event by {@code delay} from now on; {@link Duration#ZERO} turns it off. */
    public void delayEvents(Duration delay) {
        ami.delayEvents(delay);
    }

    /** Writes raw text to every AMI client, e.g. a malformed frame. */
    public void sendRawToAmiClients(String raw) {
        ami.sendRaw(raw);
    }

    /** The AMI server, for its counters. */
    public AmiServer ami() {
        return ami;
    }

    @Override
    public void close() {
        ami.close();
        scheduler.close();
    }

    /** Not thread-safe. */
    public static final class Builder {
        private Scenario scenario = Scenario.traces(1);
        private AmiServerConfig config = AmiServerConfig.defaults();
        private String host = "127.0.0.1";
        private int amiPort;
        private Clock clock = Clock.systemUTC();
        private Instant virtualStart;
        private AnsweredCallHandler handler = AnsweredCallHandler.HOLD;

        private Builder() {}

        public Builder scenario(Scenario s) {
            this.scenario = Objects.requireNonNull(s, "scenario");
            return this;
        }

        public Builder config(AmiServerConfig c) {
            this.config = Objects.requireNonNull(c, "config");
            return this;
        }

        public Builder host(String h) {
            this.host = Objects.requireNonNull(h, "host");
            return this;
        }

        /** 0 (default) picks a free port. */
        public Builder amiPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("amiPort: " + port + " (expected: 0..65535)");
            }
            this.amiPort = port;
            return this;
        }

        /** Wall clock to use (default UTC system clock). */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** Virtual time starting at 2026-11-24T01:20:00Z; move it with {@link PbxSim#advance}. */
        public Builder virtualTime() {
            return virtualTime(Instant.parse("2026-11-24T01:20:00Z"));
        }

        public Builder virtualTime(Instant start) {
            this.virtualStart = Objects.requireNonNull(start, "start");
            return this;
        }

        public Builder answeredCallHandler(AnsweredCallHandler h) {
            this.handler = Objects.requireNonNull(h, "handler");
            return this;
        }

        public PbxSim start() throws InterruptedException {
            return new PbxSim(this);
        }
    }
}

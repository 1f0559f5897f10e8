package dev.cobra.pbx.asterisk.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.ivr.CallContext;
import dev.cobra.ivr.Caller;
import dev.cobra.ivr.CallerFailure;
import dev.cobra.ivr.CallerHungUp;
import dev.cobra.ivr.CallerTimeout;
import dev.cobra.ivr.DigitInput;
import dev.cobra.ivr.Dtmf;
import dev.cobra.ivr.IvrApplication;
import dev.cobra.ivr.Prompt;
import dev.cobra.ivr.TransferTarget;
import dev.cobra.pbxsim.agi.AgiCallSpec;
import dev.cobra.pbxsim.agi.AgiFault;
import dev.cobra.pbxsim.agi.CallRecord;
import dev.cobra.pbxsim.agi.DebtorScript;
import dev.cobra.pbxsim.agi.FastAgiSimClient;
import dev.cobra.pbxsim.agi.PromptLengths;
import dev.cobra.wire.agi.AgiCommand;
import dev.cobra.wire.agi.AgiReply;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dialer's FastAGI server against pbx-sim's simulated Asterisk, over real localhost sockets. */
class FastAgiServerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    static final PromptLengths PROMPTS = new PromptLengths(
            Map.of("vm-intro", Duration.ofMillis(5600), "beep", Duration.ofMillis(500)), Duration.ofSeconds(1));

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private FastAgiServer server;
    private FastAgiSimClient asterisk;

    private InetSocketAddress start(FastAgiServerConfig config, Map<String, IvrApplication> apps) {
        server = new FastAgiServer(config, apps);
        asterisk = FastAgiSimClient.forTests();
        toClose.add(asterisk);
        toClose.add(server);
        return server.start();
    }

    private static FastAgiServerConfig config() {
        return FastAgiServerConfig.defaults().withPort(0).withSessions(8, 8);
    }

    @AfterEach
    void nothingLeaks() throws Exception {
        try {
            if (server != null) {
                await(() -> server.openConnections() == 0 && server.activeSessions() == 0, "server connections and sessions closed");
                await(() -> asterisk.openConnections() == 0, "simulated Asterisk sockets closed");
            }
        } finally {
            for (AutoCloseable c : toClose) {
                c.close();
            }
        }
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT.toMillis() + "ms waiting for: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    static CallRecord finished(FastAgiSimClient.Call call) throws Exception {
        return call.finished().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void runsAFullSessionLikeTheRealTrace() throws Exception {
        CompletableFuture<List<Object>> seen = new CompletableFuture<>();
        InetSocketAddress addr = start(config().withCallIdVariable("COBRA_CALL_ID"), Map.of("collect", (caller, ctx) -> {
            List<Object> out = new ArrayList<>();
            out.add(ctx);
            caller.answer();
            out.add(caller.play(List.of(Prompt.of("vm-intro")), Dtmf.keys("1234567890*#")));
            out.add(caller.readDigits(List.of(Prompt.of("beep")), 4, Duration.ofSeconds(6), Optional.of(Dtmf.POUND)));
            caller.setVariable("NEXT_STEP", "done");
            caller.hangup();
            seen.complete(out);
        }));
        DebtorScript debtor = DebtorScript.builder()
                .pressAt(Duration.ofMillis(1500), "1").pressAt(Duration.ofMillis(5700), "234#").build();
        CallRecord r = finished(asterisk.call(addr, AgiCallSpec.builder().arg("ACC-1001").variable("COBRA_CALL_ID", "call-42")
                .promptLengths(PROMPTS).debtor(debtor).build()));

        List<Object> out = seen.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        CallContext ctx = (CallContext) out.get(0);
        assertEquals("collect", ctx.application());
        assertEquals(List.of("ACC-1001"), ctx.arguments());
        assertEquals(Optional.of("call-42"), ctx.callId());
        assertEquals(Optional.of(Dtmf.ONE), out.get(1), "result=49 is the key 1");
        assertEquals(new DigitInput("234", DigitInput.Ending.TERMINATOR), out.get(2));

        assertEquals(List.of("vm-intro", "beep"), r.playedNames());
        assertEquals("done", r.variables().get("NEXT_STEP"));
        assertTrue(r.serverHungUp());
        assertEquals(0, r.commandsAfterHangup(), "nothing is sent after our own HANGUP");
        FastAgiCounters.Snapshot c = server.counters();
        assertEquals(1, c.sessionsCompleted());
        assertEquals(0, c.sessionsFailed() + c.invalidCommandReplies() + c.usageReplies() + c.deadChannelReplies());
    }

    @Test
    void callerHangingUpMidPromptStopsTheApplicationWithCallerHungUp() throws Exception {
        CompletableFuture<Throwable> stoppedBy = new CompletableFuture<>();
        ConcurrentLinkedQueue<String> reachedAfterHangup = new ConcurrentLinkedQueue<>();
        InetSocketAddress addr = start(config(), Map.of("collect", (caller, ctx) -> {
            caller.answer();
            try {
                caller.play(List.of(Prompt.of("vm-intro"), Prompt.of("amount")), Dtmf.any());
                reachedAfterHangup.add("play returned");
            } catch (CallerHungUp e) {
                try {
                    caller.setVariable("IVR_PROGRESS", "intro");
                    reachedAfterHangup.add("setVariable worked");
                } catch (CallerHungUp again) {
                    stoppedBy.complete(e);
                }
                throw e;
            }
        }));
        CallRecord r = finished(asterisk.call(addr, AgiCallSpec.builder().promptLengths(PROMPTS)
                .debtor(DebtorScript.builder().hangUpDuring("vm-intro", Duration.ofMillis(4800)).build()).build()));

        assertInstanceOf(CallerHungUp.class, stoppedBy.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(reachedAfterHangup.isEmpty(), reachedAfterHangup.toString());
        assertTrue(r.callerHungUp());
        assertEquals(List.of("vm-intro"), r.playedNames(), "the amount prompt never played");
        assertFalse(r.played().get(0).completed());
        assertEquals(0, r.commandsAfterHangup(), "HANGUP came with the -1 reply: nothing more sent");
        await(() -> server.counters().callerHangups() == 1, "hang-up counted");
        assertEquals(0, server.counters().sessionsFailed());
    }

    @Test
    void aHangupNoticedOnlyThrough511IsStillCallerHungUp() throws Exception {
        CompletableFuture<Throwable> stoppedBy = new CompletableFuture<>();
        InetSocketAddress addr = start(config(), Map.of("collect", (caller, ctx) -> {
            caller.play(List.of(Prompt.of("hello")), Dtmf.none());
            try {
                caller.answer();
            } catch (CallerHungUp e) {
                stoppedBy.complete(e);
                throw e;
            }
        }));
        // hangs up exactly when hello ends: Asterisk notices it between commands, writes HANGUP, then 511 for ANSWER
        CallRecord r = finished(asterisk.call(addr, AgiCallSpec.builder()
                .debtor(DebtorScript.builder().hangUpAt(Duration.ofSeconds(1)).build()).build()));
        assertInstanceOf(CallerHungUp.class, stoppedBy.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(1, r.deadChannelReplies());
    }

    @Test
    void unknownAndMalformedCommandsGet510And520AndTheSessionGoesOn() throws Exception {
        CompletableFuture<List<Object>> seen = new CompletableFuture<>();
        InetSocketAddress addr = start(config(), Map.of("collect", (caller, ctx) -> {
            AgiCaller agi = (AgiCaller) caller;
            List<Object> out = new ArrayList<>();
            out.add(agi.send(AgiCommand.of("THIS IS NOT A COMMAND"), Duration.ZERO));
            out.add(agi.send(AgiCommand.of("STREAM FILE"), Duration.ZERO));
            out.add(caller.play(List.of(Prompt.of("beep")), Dtmf.none()));
            try {
                caller.readDigits(List.of(), 2, Duration.ofSeconds(1), Optional.of(Dtmf.STAR));
            } catch (CallerFailure e) {
                out.add(e);
            }
            seen.complete(out);
        }));
        finished(asterisk.call(addr, AgiCallSpec.builder().build()));

        List<Object> out = seen.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(AgiReply.InvalidCommand.ASTERISK, out.get(0));
        AgiReply.Usage usage = assertInstanceOf(AgiReply.Usage.class, out.get(1));
        assertTrue(usage.usageLines().get(0).startsWith("Send the given file"));
        assertEquals(Optional.empty(), out.get(2));
        assertEquals(3, out.size(), "WAIT FOR DIGIT path works (timeout, no exception): " + out);
        FastAgiCounters.Snapshot c = server.counters();
        assertEquals(1, c.invalidCommandReplies());
        assertEquals(1, c.usageReplies());
    }

    @Test
    void readsDigitsWithOtherTerminatorsTimeoutsAndSeveralPrompts() throws Exception {
        CompletableFuture<List<DigitInput>> seen = new CompletableFuture<>();
        InetSocketAddress addr = start(config(), Map.of("collect", (caller, ctx) -> {
            List<DigitInput> out = new ArrayList<>();
            out.add(caller.readDigits(List.of(Prompt.of("a"), Prompt.of("b")), 6, Duration.ofSeconds(3), Optional.of(Dtmf.STAR)));
            out.add(caller.readDigits(List.of(Prompt.of("c"), Prompt.of("d")), 4, Duration.ofSeconds(3), Optional.of(Dtmf.POUND)));
            out.add(caller.readDigits(List.of(Prompt.of("e")), 4, Duration.ofSeconds(2), Optional.of(Dtmf.POUND)));
            out.add(caller.readDigits(List.of(Prompt.of("f")), 2, Duration.ofSeconds(2), Optional.empty()));
            seen.complete(out);
        }));
        DebtorScript debtor = DebtorScript.builder()
                .pressAt(Duration.ofMillis(1500), "12*")    // during b (1-2 s): WAIT FOR DIGIT path, '*' ends at 1.7 s
                .pressAt(Duration.ofMillis(2500), "98")     // during c (1.7-2.7 s): STREAM FILE cut, GET DATA "" gets 8, times out at 5.6 s
                .pressAt(Duration.ofMillis(6000), "7")      // after e (5.6-6.6 s) was cut by 7: nothing more, times out at 8 s
                .pressAt(Duration.ofMillis(9500), "456")    // after f (8-9 s): max 2 digits
                .build();
        finished(asterisk.call(addr, AgiCallSpec.builder().debtor(debtor).build()));

        assertEquals(List.of(new DigitInput("12", DigitInput.Ending.TERMINATOR), new DigitInput("98", DigitInput.Ending.TIMEOUT),
                new DigitInput("7", DigitInput.Ending.TIMEOUT), new DigitInput("45", DigitInput.Ending.MAX_DIGITS)),
                seen.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void transferSetsTheDialplanVariablesAndReleasesTheCall() throws Exception {
        CompletableFuture<Throwable> afterTransfer = new CompletableFuture<>();
        InetSocketAddress addr = start(config(), Map.of("collect", (caller, ctx) -> {
            caller.transfer(new TransferTarget.ToQueue("collections"));
            try {
                caller.play(List.of(Prompt.of("beep")), Dtmf.none());
            } catch (IllegalStateException e) {
                afterTransfer.complete(e);
            }
        }));
        CallRecord r = finished(asterisk.call(addr, AgiCallSpec.builder().build()));
        assertEquals("queue", r.variables().get("NEXT_STEP"));
        assertEquals("collections", r.variables().get("COBRA_QUEUE"));
        assertTrue(r.played().isEmpty());
        assertInstanceOf(IllegalStateException.class, afterTransfer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void aMalformedReplyClosesThatSessionOnlyAndTheServerKeepsServing() throws Exception {
        ConcurrentLinkedQueue<Object> outcomes = new ConcurrentLinkedQueue<>();
        InetSocketAddress addr = start(config(), Map.of("collect", (caller, ctx) -> {
            try {
                outcomes.add(caller.play(List.of(Prompt.of("beep")), Dtmf.any()));
            } catch (CallerFailure e) {
                outcomes.add(e);
                throw e;
            }
        }));
        CallRecord broken = finished(asterisk.call(addr, AgiCallSpec.builder()
                .fault(new AgiFault.MalformedReply("STREAM FILE", "201 ok maybe")).build()));
        CallRecord fine = finished(asterisk.call(addr, AgiCallSpec.builder().uniqueId("sim-1.2").build()));

        assertEquals(List.of("beep"), fine.playedNames());
        assertEquals(1, broken.commands().size());
        await(() -> outcomes.size() == 2, "both sessions ended");
        assertInstanceOf(CallerFailure.class, outcomes.poll());
        assertEquals(Optional.empty(), outcomes.poll());
        FastAgiCounters.Snapshot c = server.counters();
        assertEquals(1, c.malformedFrames());
        assertEquals(1, c.sessionsFailed());
        assertEquals(1, c.sessionsCompleted());
    }

    @Test
    void aCommandWithoutReplyTimesOutAndClosesTheSession() throws Exception {
        CompletableFuture<Throwable> stoppedBy = new CompletableFuture<>();
        FastAgiServerConfig cfg = new FastAgiServerConfig("127.0.0.1", 0, 1, 2, 0, Duration.ofMillis(200),
                Duration.ofMillis(100), Optional.empty(), "", config().limits());
        InetSocketAddress addr = start(cfg, Map.of("collect", (caller, ctx) -> {
            try {
                caller.answer();
            } catch (CallerTimeout e) {
                stoppedBy.complete(e);
                throw e;
            }
        }));
        finished(asterisk.call(addr, AgiCallSpec.builder().fault(new AgiFault.Stall("ANSWER")).build()));
        assertInstanceOf(CallerTimeout.class, stoppedBy.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(1, server.counters().commandTimeouts());
    }

    @Test
    void aSocketCutMidCommandIsACallerFailure() throws Exception {
        CompletableFuture<Throwable> stoppedBy = new CompletableFuture<>();
        InetSocketAddress addr = start(config(), Map.of("collect", (caller, ctx) -> {
            try {
                caller.answer();
            } catch (CallerFailure e) {
                stoppedBy.complete(e);
                throw e;
            }
        }));
        finished(asterisk.call(addr, AgiCallSpec.builder().fault(new AgiFault.CloseSocket("ANSWER")).build()));
        assertInstanceOf(CallerFailure.class, stoppedBy.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void callsBeyondSessionThreadsAndQueueAreRejectedAndCounted() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        InetSocketAddress addr = start(config().withSessions(1, 0), Map.of("collect", (caller, ctx) -> {
            firstRunning.countDown();
            try {
                assertTrue(release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        FastAgiSimClient.Call first = asterisk.call(addr, AgiCallSpec.builder().build());
        assertTrue(firstRunning.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        CallRecord rejected = finished(asterisk.call(addr, AgiCallSpec.builder().uniqueId("sim-1.2").build()));
        release.countDown();
        finished(first);

        assertTrue(rejected.commands().isEmpty());
        assertEquals(1, server.counters().sessionsRejected());
    }

    @Test
    void aConnectionThatNeverSendsItsHeaderIsClosedAfterTheCommandTimeout() throws Exception {
        InetSocketAddress addr = start(config().withCommandTimeout(Duration.ofMillis(200)), Map.of());
        try (Socket silent = new Socket(addr.getAddress(), addr.getPort())) {
            silent.setSoTimeout((int) WAIT.toMillis());
            silent.getOutputStream().write("agi_network: yes\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(-1, silent.getInputStream().read(), "the server closes the socket");
        }
        assertEquals(1, server.counters().headerTimeouts());
    }

    @Test
    void anUnknownScriptIsClosedAndCounted() throws Exception {
        InetSocketAddress addr = start(config(), Map.of("collect", (caller, ctx) -> caller.answer()));
        CallRecord r = finished(asterisk.call(addr, AgiCallSpec.builder().script("nosuchscript").build()));
        assertTrue(r.commands().isEmpty());
        assertEquals(1, server.counters().unknownScripts());
    }

    @Test
    void servesManyConcurrentCalls() throws Exception {
        int calls = 200;
        InetSocketAddress addr = start(config().withSessions(64, calls), Map.of("collect", (Caller caller, CallContext ctx) -> {
            caller.answer();
            Optional<Dtmf> k = caller.play(List.of(Prompt.of("hello"), Prompt.of("menu")), Dtmf.keys("12"));
            DigitInput in = caller.readDigits(List.of(Prompt.of("beep")), 3, Duration.ofSeconds(3), Optional.of(Dtmf.POUND));
            caller.setVariable("RESULT", k.map(d -> String.valueOf(d.symbol())).orElse("-") + in.digits());
            caller.hangup();
        }));
        List<FastAgiSimClient.Call> inFlight = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            DebtorScript debtor = i % 10 == 0
                    ? DebtorScript.builder().hangUpAt(Duration.ofMillis(1500)).build()
                    : DebtorScript.builder().pressAt(Duration.ofMillis(1200), "2").pressAt(Duration.ofMillis(1400), "77#").build();
            inFlight.add(asterisk.call(addr, AgiCallSpec.builder().uniqueId("sim-2." + i).debtor(debtor).build()));
        }
        int hungUp = 0;
        for (int i = 0; i < calls; i++) {
            CallRecord r = finished(inFlight.get(i));
            if (i % 10 == 0) {
                assertTrue(r.callerHungUp(), r.uniqueId());
                hungUp++;
            } else {
                assertEquals("277", r.variables().get("RESULT"), r.uniqueId());
            }
        }
        FastAgiCounters.Snapshot c = server.counters();
        assertEquals(calls, c.sessionsCompleted());
        assertEquals(hungUp, c.callerHangups());
        assertEquals(0, c.sessionsRejected() + c.sessionsFailed() + c.commandTimeouts() + c.malformedFrames());
    }
}

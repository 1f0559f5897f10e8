package dev.cobra.pbx.asterisk;

import dev.cobra.calls.CallId;
import dev.cobra.calls.CallRequest;
import dev.cobra.calls.Destination;
import dev.cobra.pbxsim.PbxSim;
import dev.cobra.pbxsim.ami.AmiServerConfig;
import dev.cobra.pbxsim.scenario.CustomerMix;
import dev.cobra.pbxsim.scenario.Scenario;
import dev.cobra.pbxsim.scenario.TraceNumbers;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shared set-up for adapter tests: the simulator with the traces' phones reachable as Brazilian national numbers
 * ({@code +55 11 9000 0101} dials {@code Local/1190000101@customers}, which behaves as trace customer 101), and
 * adapters pointed at it.
 */
final class SimFixture {
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger IDS = new AtomicInteger();

    private SimFixture() {}

    /** The national number that behaves as trace customer {@code trace} (100..111). */
    static String national(String trace) {
        return "119000" + String.format("%04d", Integer.parseInt(trace));
    }

    static String e164(String trace) {
        return "+55" + national(trace);
    }

    static Scenario scenario(long seed) {
        Scenario.Builder b = Scenario.builder(seed).customers(CustomerMix.traceDefault());
        TraceNumbers.CUSTOMERS.forEach((n, behaviour) -> b.number(national(n), behaviour));
        return b.build();
    }

    static PbxSim startSim(int port) throws InterruptedException {
        return PbxSim.builder().scenario(scenario(7)).amiPort(port)
                .config(AmiServerConfig.defaults().withLoginFailureDelay(Duration.ofMillis(100))).start();
    }

    static AsteriskServer server(PbxSim sim, String secret, int maxCalls, int perSecond) {
        return new AsteriskServer("ast-1", "127.0.0.1", sim.amiPort(), "dialer", secret, maxCalls, perSecond);
    }

    static AsteriskSettings settings(String template) {
        return AsteriskSettings.defaults(new DialString(template, DialString.NumberFormat.NATIONAL, "55"),
                        "\"Collections\" <5551000>", RecordingSettings.defaults())
                .withTimings(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(10), Duration.ofMillis(500),
                        Duration.ofSeconds(60));
    }

    static AsteriskPbx pbx(PbxSim sim, AsteriskSettings settings, int maxCalls, int perSecond, CallLog log) {
        AsteriskPbx pbx = new AsteriskPbx(server(sim, "secret", maxCalls, perSecond), settings, Clock.systemUTC(),
                new SplittableRandom(1));
        pbx.setListener(log);
        return pbx;
    }

    static CallRequest request(String e164, Destination onAnswer, Duration ringTimeout, Map<String, String> vars) {
        return new CallRequest(new CallId("t" + IDS.incrementAndGet()), e164, "", ringTimeout, vars, onAnswer);
    }

    static CallRequest request(String traceNumber) {
        return request(e164(traceNumber), new Destination.Ivr("collect"), Duration.ofSeconds(30),
                Map.of("CAMPAIGN_ID", "7"));
    }
}

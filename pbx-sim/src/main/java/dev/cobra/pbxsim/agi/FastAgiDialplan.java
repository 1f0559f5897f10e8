package dev.cobra.pbxsim.agi;

import dev.cobra.pbxsim.AnsweredCall;
import dev.cobra.pbxsim.AnsweredCallHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The simulated dialplan's {@code AGI(agi://host:port/script)} step: when an answered call reaches the IVR point,
 * the FastAGI client connects to the server as Asterisk would, with the channel's name, Uniqueid and variables
 * (so {@code GET VARIABLE COBRA_CALL_ID} answers), and the simulated debtor follows its script. When the AGI
 * ends, the dialplan continues as the traces' {@code dialer-ivr} context does: with {@code NEXT_STEP} set (queue,
 * agent) the call stays up for the next step (and its VarSet is shown on AMI then); without it, {@code Hangup()}
 * (cause 16).
 *
 * <p>Thread-safe; {@link #onAnswered} returns at once (the session runs on the client's threads).
 */
public final class FastAgiDialplan implements AnsweredCallHandler {
    private final FastAgiSimClient client;
    private final InetSocketAddress server;
    private final String script;
    private final String language;
    private final Function<AnsweredCall, DebtorScript> debtors;
    private final PromptLengths promptLengths;
    private final List<CallRecord> records = new CopyOnWriteArrayList<>();
    private final AtomicLong failures = new AtomicLong();

    /**
     * @param debtors       what each debtor does once the IVR answers (key presses, hang-up)
     * @param promptLengths how long prompts last in the call's simulated time
     */
    public FastAgiDialplan(FastAgiSimClient client, InetSocketAddress server, String script, String language,
                           Function<AnsweredCall, DebtorScript> debtors, PromptLengths promptLengths) {
        this.client = Objects.requireNonNull(client, "client");
        this.server = Objects.requireNonNull(server, "server");
        this.script = script;
        this.language = language;
        this.debtors = debtors;
        this.promptLengths = promptLengths;
    }

    @Override
    public void onAnswered(AnsweredCall call) {
        AgiCallSpec.Builder spec = AgiCallSpec.builder().script(script).language(language).channel(call.channel())
                .uniqueId(call.uniqueid()).debtor(debtors.apply(call)).promptLengths(promptLengths);
        call.variables().forEach(spec::variable);
        client.call(server, spec.build()).finished().whenComplete((record, error) -> {
            if (error != null) {
                failures.incrementAndGet();
                call.hangup(16);
                return;
            }
            records.add(record);
            String next = record.variables().get("NEXT_STEP");
            if (next == null || next.isEmpty()) {
                call.hangup(16);
            } else {
                // Asterisk shows the AGI's SET VARIABLE as a VarSet when it runs; the simulated session keeps its
                // variables to itself, so the VarSet is shown here, as the AGI ends (the dialer reads NEXT_STEP=agent
                // to join the caller to an agent).
                call.setVariable("NEXT_STEP", next);
            }
        });
    }

    /** Every finished AGI session, in the order they ended. */
    public List<CallRecord> records() {
        return List.copyOf(records);
    }

    /** Sessions that could not run (connection refused, protocol failure). */
    public long failures() {
        return failures.get();
    }
}

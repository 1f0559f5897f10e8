package dev.cobra.pbx.asterisk;

/**
 * Where Cobra's {@link dev.cobra.calls.Destination}s live in the dialplan: the one small set of contexts the
 * operator adds ({@code config/asterisk/extensions.conf.snippet}). Defaults match that snippet and pbx-sim.
 *
 * @param landing      context an answered call lands in (Originate {@code Context:})
 * @param ivrExten     exten in {@code landing} that runs AMD then the FastAGI IVR ({@code Destination.Ivr})
 * @param holdExten    exten in {@code landing} that parks the call in silence ({@code Destination.Hold})
 * @param agent        context where an agent's nailed-up leg waits between calls, exten = agent id (a {@code Wait()}
 *                     loop: the AMI {@code Bridge} action joins a call to it, and the agent survives the call's end)
 * @param abandon      context whose {@code s} plays the information message and hangs up
 */
public record DialplanContexts(String landing, String ivrExten, String holdExten, String agent, String abandon) {
    public DialplanContexts {
        check("landing", landing);
        check("ivrExten", ivrExten);
        check("holdExten", holdExten);
        check("agent", agent);
        check("abandon", abandon);
    }

    /** {@code dialer-ivr} (s, hold), {@code cobra-agent}, {@code cobra-abandon}. */
    public static DialplanContexts defaults() {
        return new DialplanContexts("dialer-ivr", "s", "hold", "cobra-agent", "cobra-abandon");
    }

    private static void check(String field, String value) {
        if (value == null || !value.matches("[A-Za-z0-9_-]{1,79}")) {
            throw new IllegalArgumentException(field + ": '" + value + "' (expected: 1-79 letters, digits, '_', '-')");
        }
    }
}

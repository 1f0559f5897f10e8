package dev.cobra.calls;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One call to place.
 *
 * @param id          our call id (correlation)
 * @param number      E.164 number to dial
 * @param callerId    the number presented to the callee (per campaign)
 * @param ringTimeout how long to let it ring before giving up
 * @param variables   channel variables to set (no personal data: ids only)
 * @param onAnswer    where the call goes once answered
 */
public record CallRequest(CallId id, String number, String callerId, Duration ringTimeout, Map<String, String> variables,
                          Destination onAnswer) {
    /**
     * The variable naming the agent who already holds the call (preview: the agent dialed it); a pool of PBXs places
     * the call on the server where that agent's leg is, since a Bridge joins channels of one server only.
     */
    public static final String AGENT_VARIABLE = "COBRA_AGENT_ID";

    public CallRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(onAnswer, "onAnswer");
        if (number == null || !number.matches("\\+[1-9][0-9]{6,14}")) {
            throw new IllegalArgumentException("number: not E.164 (call " + id + ")");
        }
        if (ringTimeout.compareTo(Duration.ofSeconds(5)) < 0 || ringTimeout.compareTo(Duration.ofSeconds(120)) > 0) {
            throw new IllegalArgumentException("ringTimeout: " + ringTimeout.toSeconds() + "s (expected: 5..120)");
        }
        variables = Map.copyOf(variables);
    }
}

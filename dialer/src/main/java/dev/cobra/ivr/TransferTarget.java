package dev.cobra.ivr;

import java.util.regex.Pattern;

/**
 * Where a caller leaves the IVR for. Domain terms only: each PBX binding maps them to its own
 * mechanism (Asterisk: channel variables the dialplan routes on when the AGI ends; FreeSWITCH:
 * a transfer).
 */
public sealed interface TransferTarget permits TransferTarget.ToQueue, TransferTarget.ToAgent, TransferTarget.ToRoute {
    /** Identifiers that are safe in any PBX command and variable. */
    Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private static String check(String field, String value) {
        if (!ID.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": '" + value + "' (expected: 1-64 of [A-Za-z0-9_.-])");
        }
        return value;
    }

    /** Into an agent queue (e.g. {@code collections}); the first free agent takes the call. */
    record ToQueue(String queue) implements TransferTarget {
        public ToQueue {
            check("queue", queue);
        }
    }

    /** To one agent, by Cobra agent id (the agents capability's hand-off). */
    record ToAgent(String agentId) implements TransferTarget {
        public ToAgent {
            check("agentId", agentId);
        }
    }

    /** To a named route configured on the PBX side (e.g. {@code callback-menu}). */
    record ToRoute(String route) implements TransferTarget {
        public ToRoute {
            check("route", route);
        }
    }
}

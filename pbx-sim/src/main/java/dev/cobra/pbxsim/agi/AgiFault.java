package dev.cobra.pbxsim.agi;

import java.util.Locale;

/**
 * A fault the simulator injects when it receives the first command whose line starts with
 * {@code commandPrefix} (case-insensitive).
 */
public sealed interface AgiFault permits AgiFault.MalformedReply, AgiFault.CloseSocket, AgiFault.Stall {
    String commandPrefix();

    default boolean matches(String commandLine) {
        return commandLine.toUpperCase(Locale.ROOT).startsWith(commandPrefix().toUpperCase(Locale.ROOT));
    }

    /** Answer with {@code rawLine} (not a valid AGI reply) instead of the real reply. */
    record MalformedReply(String commandPrefix, String rawLine) implements AgiFault {}

    /** Close the socket instead of replying (Asterisk crash or network cut). */
    record CloseSocket(String commandPrefix) implements AgiFault {}

    /** Never reply and never close (a stuck PBX thread). */
    record Stall(String commandPrefix) implements AgiFault {}
}

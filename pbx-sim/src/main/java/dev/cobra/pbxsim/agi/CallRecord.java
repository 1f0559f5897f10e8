package dev.cobra.pbxsim.agi;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What happened on one simulated FastAGI call, complete once the socket closed.
 *
 * @param uniqueId the channel's {@code agi_uniqueid}
 * @param played everything played to the person, in order
 * @param commands every command line the server sent, in order
 * @param variables the channel variables at the end (including those the server set)
 * @param dialplanLocation {@code context}, {@code extension}, {@code priority} if the server set them (SET CONTEXT ...)
 * @param callerHungUp the scripted person hung up
 * @param serverHungUp the server sent HANGUP while the channel was up
 * @param commandsAfterHangup commands received after the channel hung up
 * @param deadChannelReplies how many 511 replies were sent
 * @param invalidCommandReplies how many 510 replies were sent
 * @param usageReplies how many 520 replies were sent
 * @param callDuration the call time when the socket closed
 * @param transcript the session in the trace format ({@code +t.ttt << line} / {@code >> line})
 */
public record CallRecord(String uniqueId, List<PlayedPrompt> played, List<String> commands, Map<String, String> variables,
        Map<String, String> dialplanLocation, boolean callerHungUp, boolean serverHungUp, int commandsAfterHangup,
        int deadChannelReplies, int invalidCommandReplies, int usageReplies, Duration callDuration, List<String> transcript) {

    public CallRecord {
        played = List.copyOf(played);
        commands = List.copyOf(commands);
        variables = Map.copyOf(variables);
        dialplanLocation = Map.copyOf(dialplanLocation);
        transcript = List.copyOf(transcript);
    }

    /** The names of the files played, in order (any command). */
    public List<String> playedNames() {
        return played.stream().map(PlayedPrompt::name).toList();
    }
}

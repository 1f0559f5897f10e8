package dev.cobra.ivr;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the PBX told us about the call when it handed it to the IVR.
 *
 * @param pbxCallRef the PBX's id of the channel (Asterisk {@code uniqueid}, FreeSWITCH {@code Unique-ID}); safe to log
 * @param callId Cobra's call id, if the PBX carried it (channel variable set at originate)
 * @param application which IVR application the PBX asked for (the FastAGI script name)
 * @param arguments the application arguments from the dialplan (may be account ids: do not log)
 * @param language the channel's language ({@code en}, {@code pt_BR} ...)
 * @param pbxAttributes everything else the PBX sent, by its own names (may hold caller id and the
 *     dialled number: never log)
 */
public record CallContext(String pbxCallRef, Optional<String> callId, String application, List<String> arguments,
        String language, Map<String, String> pbxAttributes) {
    public CallContext {
        arguments = List.copyOf(arguments);
        pbxAttributes = Map.copyOf(pbxAttributes);
    }

    /** Only the fields that are safe to log. */
    @Override
    public String toString() {
        return "CallContext[pbxCallRef=" + pbxCallRef + ", callId=" + callId.orElse("-") + ", application=" + application
                + ", arguments=" + arguments.size() + ", language=" + language + "]";
    }
}

package dev.cobra.ivr.flow;

import dev.cobra.ivr.speech.SpeechLanguage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated IVR flow: its nodes by id (file order), where a human-answered call starts and,
 * optionally, where an answering machine's call starts. Immutable; every reference points to an
 * existing node and every node is reachable (checked by {@link FlowLoader}).
 *
 * @param file where it was loaded from, for messages
 * @param name the flow's name ({@code collection})
 * @param languages the languages whose prompt directories hold every fixed prompt
 * @param start the first node for a person
 * @param machineStart the first node for an answering machine, if the flow handles machines
 * @param nodes every node by id
 */
public record Flow(String file, String name, List<SpeechLanguage> languages, String start, Optional<String> machineStart,
        Map<String, Node> nodes) {
    public Flow {
        languages = List.copyOf(languages);
        nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    }

    public Node node(String id) {
        Node n = nodes.get(id);
        if (n == null) {
            throw new IllegalStateException("flow " + name + " has no node '" + id + "' (file=" + file + ")");
        }
        return n;
    }
}

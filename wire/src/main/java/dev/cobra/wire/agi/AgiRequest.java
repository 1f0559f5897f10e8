package dev.cobra.wire.agi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The header block Asterisk sends right after connecting: {@code agi_name: value} lines in a fixed
 * order, ended by an empty line. Real example ({@code fastagi-session.txt}): {@code agi_network},
 * {@code agi_network_script} (the path after host:port in {@code agi://host:port/script}),
 * {@code agi_request}, {@code agi_channel}, {@code agi_language}, {@code agi_uniqueid}, ...,
 * {@code agi_arg_1} .. {@code agi_arg_N} (the AGI() application's arguments after the URL).
 * An empty value is written as {@code "agi_accountcode: "} (the blank after the colon stays).
 *
 * <p>Keys keep their {@code agi_} prefix and their order. Values may hold personal data (caller
 * id, channel names carry the dialled number): never log them whole.
 *
 * @param variables the header lines in wire order, keys with their {@code agi_} prefix
 */
public record AgiRequest(Map<String, String> variables) implements AgiMessage {
    public AgiRequest {
        if (variables.isEmpty()) {
            throw new IllegalArgumentException("variables: empty (expected: at least one agi_* line)");
        }
        for (Map.Entry<String, String> e : variables.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith("agi_") || key.indexOf(':') >= 0 || hasLineBreak(key) || hasLineBreak(e.getValue())) {
                throw new IllegalArgumentException("variables: bad header line " + key + " (expected: agi_name, no ':' or line break)");
            }
        }
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    private static boolean hasLineBreak(String s) {
        return s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    }

    /** The value of one header ({@code "agi_uniqueid"}), if present. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(variables.get(key));
    }

    /** {@code agi_network_script}: the script path of the {@code agi://} URL, {@code ""} if absent. */
    public String networkScript() {
        return variables.getOrDefault("agi_network_script", "");
    }

    /** {@code agi_uniqueid}: Asterisk's id of the channel running AGI, {@code ""} if absent. */
    public String uniqueId() {
        return variables.getOrDefault("agi_uniqueid", "");
    }

    /** {@code agi_channel}: the channel name (carries the dialled number: do not log). */
    public String channel() {
        return variables.getOrDefault("agi_channel", "");
    }

    /** {@code agi_language}, {@code "en"} if absent (Asterisk's default). */
    public String language() {
        return variables.getOrDefault("agi_language", "en");
    }

    /** {@code agi_arg_1} .. {@code agi_arg_N}, in order, stopping at the first gap. */
    public List<String> arguments() {
        List<String> args = new ArrayList<>();
        for (int i = 1; ; i++) {
            String v = variables.get("agi_arg_" + i);
            if (v == null) {
                return List.copyOf(args);
            }
            args.add(v);
        }
    }

    @Override
    public String toWire() {
        StringBuilder sb = new StringBuilder(variables.size() * 32);
        variables.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        return sb.append('\n').toString();
    }
}

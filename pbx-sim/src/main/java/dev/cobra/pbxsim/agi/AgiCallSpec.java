package dev.cobra.pbxsim.agi;

import dev.cobra.wire.agi.AgiRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One simulated call that reaches the FastAGI server: the channel's identity (what goes into the
 * {@code agi_*} header), its channel variables, what the person does, how long prompts last, and
 * an optional fault.
 *
 * @param script the path of the {@code agi://} URL ({@code agi_network_script})
 * @param args the AGI() arguments ({@code agi_arg_1} ..)
 * @param channel {@code agi_channel}, e.g. {@code Local/100@customers-00000001;1}
 * @param uniqueId {@code agi_uniqueid}
 * @param callerId {@code agi_callerid}
 * @param callerIdName {@code agi_calleridname}
 * @param context {@code agi_context}
 * @param extension {@code agi_extension}
 * @param priority {@code agi_priority}
 * @param language {@code agi_language}
 * @param channelVariables variables already set on the channel (GET VARIABLE sees them)
 * @param debtor what the person does
 * @param promptLengths how long each prompt lasts
 * @param maxCallDuration the person hangs up at the latest then (bounds WAIT FOR DIGIT -1)
 * @param fault an injected fault, if any
 */
public record AgiCallSpec(String script, List<String> args, String channel, String uniqueId, String callerId,
        String callerIdName, String context, String extension, int priority, String language,
        Map<String, String> channelVariables, DebtorScript debtor, PromptLengths promptLengths,
        Duration maxCallDuration, Optional<AgiFault> fault) {

    public AgiCallSpec {
        args = List.copyOf(args);
        channelVariables = Map.copyOf(channelVariables);
        if (maxCallDuration.isNegative() || maxCallDuration.isZero()) {
            throw new IllegalArgumentException("maxCallDuration: " + maxCallDuration + " (expected: > 0)");
        }
    }

    /**
     * The header block Asterisk 22.10.1 sends for this call, in its order (see
     * {@code fastagi-session.txt}), for a server at {@code host:port}.
     */
    public AgiRequest toRequest(String host, int port) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("agi_network", "yes");
        h.put("agi_network_script", script);
        h.put("agi_request", "agi://" + host + ":" + port + "/" + script);
        h.put("agi_channel", channel);
        h.put("agi_language", language);
        h.put("agi_type", channel.contains("/") ? channel.substring(0, channel.indexOf('/')) : "Local");
        h.put("agi_uniqueid", uniqueId);
        h.put("agi_version", "22.10.1");
        h.put("agi_callerid", callerId);
        h.put("agi_calleridname", callerIdName);
        h.put("agi_callingpres", "0");
        h.put("agi_callingani2", "0");
        h.put("agi_callington", "0");
        h.put("agi_callingtns", "0");
        h.put("agi_dnid", "unknown");
        h.put("agi_rdnis", "unknown");
        h.put("agi_context", context);
        h.put("agi_extension", extension);
        h.put("agi_priority", Integer.toString(priority));
        h.put("agi_enhanced", "0.0");
        h.put("agi_accountcode", "");
        h.put("agi_threadid", "140182578878144");
        for (int i = 0; i < args.size(); i++) {
            h.put("agi_arg_" + (i + 1), args.get(i));
        }
        return new AgiRequest(h);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults follow customer 100 of the traces (dialer-ivr,s, script {@code collect}). */
    public static final class Builder {
        private String script = "collect";
        private final List<String> args = new ArrayList<>();
        private String channel = "Local/100@customers-00000001;1";
        private String uniqueId = "sim-1.1";
        private String callerId = "5551000";
        private String callerIdName = "Collections";
        private String context = "dialer-ivr";
        private String extension = "s";
        private int priority = 6;
        private String language = "en";
        private final Map<String, String> variables = new LinkedHashMap<>();
        private DebtorScript debtor = DebtorScript.silent();
        private PromptLengths promptLengths = PromptLengths.uniform(Duration.ofSeconds(1));
        private Duration maxCallDuration = Duration.ofMinutes(10);
        private AgiFault fault;

        public Builder script(String v) { this.script = v; return this; }
        public Builder arg(String v) { this.args.add(v); return this; }
        public Builder channel(String v) { this.channel = v; return this; }
        public Builder uniqueId(String v) { this.uniqueId = v; return this; }
        public Builder callerId(String number, String name) { this.callerId = number; this.callerIdName = name; return this; }
        public Builder dialplan(String ctx, String exten, int prio) { this.context = ctx; this.extension = exten; this.priority = prio; return this; }
        public Builder language(String v) { this.language = v; return this; }
        public Builder variable(String name, String value) { this.variables.put(name, value); return this; }
        public Builder debtor(DebtorScript v) { this.debtor = v; return this; }
        public Builder promptLengths(PromptLengths v) { this.promptLengths = v; return this; }
        public Builder maxCallDuration(Duration v) { this.maxCallDuration = v; return this; }
        public Builder fault(AgiFault v) { this.fault = v; return this; }

        public AgiCallSpec build() {
            return new AgiCallSpec(script, args, channel, uniqueId, callerId, callerIdName, context, extension,
                    priority, language, variables, debtor, promptLengths, maxCallDuration, Optional.ofNullable(fault));
        }
    }
}

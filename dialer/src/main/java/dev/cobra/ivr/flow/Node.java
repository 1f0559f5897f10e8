package dev.cobra.ivr.flow;

import dev.cobra.ivr.Dtmf;
import dev.cobra.ivr.TransferTarget;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of a flow, as loaded and validated from YAML. Immutable. {@link #exits()} lists every
 * node this one can lead to, by the YAML field that names it, so the validator checks references
 * and reachability for every type the same way.
 */
public sealed interface Node permits Node.Play, Node.Menu, Node.Collect, Node.OfferInstallments, Node.ChooseFullPayment,
        Node.Confirm, Node.RecordAgreement, Node.Transfer, Node.ScheduleCallback, Node.MarkWrongParty, Node.DoNotCall,
        Node.Hangup {

    /**
     * Where the node is and when it runs.
     *
     * @param confirmsRightParty reaching this node means the person confirmed they are the debtor
     *     ({@code right-party: confirmed}); debt details may be spoken from here on
     * @param otherwise where to go when the {@code when} condition does not hold (default: {@code next})
     */
    record Meta(String id, String file, int line, Optional<Guard> when, boolean confirmsRightParty, Optional<String> otherwise) {}

    /** {@code when: records-calls} or {@code when: not has-discount}. */
    record Guard(Condition condition, boolean negated) {}

    /**
     * What a question node plays and how it retries: the prompts, then the keys; on a wrong key the
     * {@code invalid} prompts and on silence the {@code noInput} prompts, each followed by the
     * prompts again, up to {@code retries} more times; then {@code onFail}.
     */
    record Ask(List<PromptItem> prompts, Duration timeout, int retries, List<PromptItem> invalid, List<PromptItem> noInput,
            String onFail) {
        public Ask {
            prompts = List.copyOf(prompts);
            invalid = List.copyOf(invalid);
            noInput = List.copyOf(noInput);
        }
    }

    Meta meta();

    /** Every node this node's own action can lead to, by field name ({@code next}, {@code options.1} ...). */
    Map<String, String> exits();

    /** {@link #exits()} plus {@code otherwise}: every node this one can lead to. */
    default Map<String, String> allExits() {
        if (meta().otherwise().isEmpty()) {
            return exits();
        }
        Map<String, String> out = new LinkedHashMap<>(exits());
        out.put("otherwise", meta().otherwise().get());
        return out;
    }

    default String id() {
        return meta().id();
    }

    /** Play prompts (fixed and variables; {@code say-money}/{@code say-date} load as this), then go on. */
    record Play(Meta meta, List<PromptItem> prompts, String next) implements Node {
        public Play {
            prompts = List.copyOf(prompts);
        }

        public Map<String, String> exits() {
            return Map.of("next", next);
        }
    }

    /** A DTMF menu: one key picks an option. */
    record Menu(Meta meta, Ask ask, Map<Dtmf, String> options) implements Node {
        public Menu {
            options = Map.copyOf(options);
        }

        public Map<String, String> exits() {
            Map<String, String> out = new LinkedHashMap<>();
            options.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.put("options." + e.getKey().symbol(), e.getValue()));
            out.put("on-fail", ask.onFail());
            return out;
        }
    }

    /** What collected digits are checked against. */
    enum DigitCheck {
        /** The first {@code length} digits of the debtor's document (CPF). */
        DOCUMENT_PREFIX("document-prefix");

        private final String key;

        DigitCheck(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** Collects {@code length} digits (masked in every log) and checks them. */
    record Collect(Meta meta, Ask ask, int length, Optional<Dtmf> terminator, DigitCheck check, String next, String onMismatch)
            implements Node {
        public Map<String, String> exits() {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("next", next);
            out.put("on-mismatch", onMismatch);
            out.put("on-fail", ask.onFail());
            return out;
        }
    }

    /**
     * Offers the installment plans ("for 3 installments of R$ 412,50 press 3"); the key is the
     * number of payments (2 to 9). The chosen plan becomes {@code $plan}.
     */
    record OfferInstallments(Meta meta, Ask ask, String next) implements Node {
        public Map<String, String> exits() {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("next", next);
            out.put("on-fail", ask.onFail());
            return out;
        }
    }

    /** Chooses payment in full (with the policy's discount) as {@code $plan}. */
    record ChooseFullPayment(Meta meta, String next) implements Node {
        public Map<String, String> exits() {
            return Map.of("next", next);
        }
    }

    /** Confirms the chosen plan: 1 goes to {@code next}, 2 to {@code back}. */
    record Confirm(Meta meta, Ask ask, String next, String back) implements Node {
        public Map<String, String> exits() {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("next", next);
            out.put("back", back);
            out.put("on-fail", ask.onFail());
            return out;
        }
    }

    /** Stores the chosen plan as the call's agreement (once per call); sets {@code $payment-code}. */
    record RecordAgreement(Meta meta, String next) implements Node {
        public Map<String, String> exits() {
            return Map.of("next", next);
        }
    }

    /** Plays prompts, then hands the call to an agent or a queue. Ends the flow. */
    record Transfer(Meta meta, List<PromptItem> prompts, TransferTarget target) implements Node {
        public Transfer {
            prompts = List.copyOf(prompts);
        }

        public Map<String, String> exits() {
            return Map.of();
        }
    }

    /** Records that the debtor asked to be called back. */
    record ScheduleCallback(Meta meta, String next) implements Node {
        public Map<String, String> exits() {
            return Map.of("next", next);
        }
    }

    /** Marks the dialled phone as reaching the wrong person. */
    record MarkWrongParty(Meta meta, String next) implements Node {
        public Map<String, String> exits() {
            return Map.of("next", next);
        }
    }

    /** Records the person's request not to be called again. */
    record DoNotCall(Meta meta, String next) implements Node {
        public Map<String, String> exits() {
            return Map.of("next", next);
        }
    }

    /** Plays prompts, then hangs up. Ends the flow. */
    record Hangup(Meta meta, List<PromptItem> prompts) implements Node {
        public Hangup {
            prompts = List.copyOf(prompts);
        }

        public Map<String, String> exits() {
            return Map.of();
        }
    }
}

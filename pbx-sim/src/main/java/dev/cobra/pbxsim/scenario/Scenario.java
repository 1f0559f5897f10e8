package dev.cobra.pbxsim.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that decides how simulated phones behave: a seed, phones with fixed behaviour,
 * the random mix for every other customer number, and the agent phones.
 *
 * @param seed         makes every sample reproducible
 * @param traceNumbers when true, customers 100..111 and agents 201/202/209/3XX behave as in the
 *                     shared Asterisk traces (see {@link TraceNumbers})
 * @param numbers      fixed behaviours by number (win over trace numbers and the mix)
 * @param customers    the mix for every other customer number
 * @param agents       agent phones
 */
public record Scenario(long seed, boolean traceNumbers, Map<String, PhoneBehaviour> numbers, CustomerMix customers,
        AgentProfile agents) {
    public Scenario {
        numbers = Map.copyOf(numbers);
        Objects.requireNonNull(customers, "customers");
        Objects.requireNonNull(agents, "agents");
    }

    /** The traces' dialplan exactly: trace numbers, and every other number rings 2 s and answers. */
    public static Scenario traces(long seed) {
        return builder(seed).customers(CustomerMix.traceDefault()).build();
    }

    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    /** Programmatic construction for tests; not thread-safe. */
    public static final class Builder {
        private final long seed;
        private boolean traceNumbers = true;
        private final Map<String, PhoneBehaviour> numbers = new LinkedHashMap<>();
        private CustomerMix customers = CustomerMix.typical();
        private AgentProfile agents = AgentProfile.traces();

        private Builder(long seed) {
            this.seed = seed;
        }

        public Builder traceNumbers(boolean on) {
            this.traceNumbers = on;
            return this;
        }

        public Builder number(String number, PhoneBehaviour behaviour) {
            numbers.put(number, behaviour);
            return this;
        }

        public Builder customers(CustomerMix mix) {
            this.customers = mix;
            return this;
        }

        public Builder agents(AgentProfile profile) {
            this.agents = profile;
            return this;
        }

        public Scenario build() {
            return new Scenario(seed, traceNumbers, numbers, customers, agents);
        }
    }
}

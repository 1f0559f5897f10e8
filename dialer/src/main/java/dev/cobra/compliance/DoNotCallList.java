package dev.cobra.compliance;

import java.util.Set;

/**
 * The do-not-call list, checked at dial time (not only at import): numbers in E.164 and debtor
 * ids. Implementations must answer from memory (the store refreshes a snapshot); the engine
 * calls them before every dial.
 */
public interface DoNotCallList {
    /** True when this number must not be called. */
    boolean blocksNumber(String e164);

    /** True when this debtor must not be called at all. */
    boolean blocksDebtor(long debtorId);

    /** An empty list. */
    DoNotCallList NONE = of(Set.of(), Set.of());

    /** A fixed snapshot. */
    static DoNotCallList of(Set<String> numbers, Set<Long> debtorIds) {
        Set<String> n = Set.copyOf(numbers);
        Set<Long> d = Set.copyOf(debtorIds);
        return new DoNotCallList() {
            @Override
            public boolean blocksNumber(String e164) {
                return n.contains(e164);
            }

            @Override
            public boolean blocksDebtor(long debtorId) {
                return d.contains(debtorId);
            }
        };
    }
}

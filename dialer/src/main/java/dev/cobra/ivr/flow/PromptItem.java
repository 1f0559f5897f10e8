package dev.cobra.ivr.flow;

import java.util.Set;

/**
 * One entry of a node's prompt list: a fixed recording named without language
 * ({@code phrase/goodbye}, resolved to {@code <lang>/phrase/goodbye} at run time) or a variable
 * ({@code $total}) that the interpreter speaks from the call's data.
 */
public sealed interface PromptItem permits PromptItem.Fixed, PromptItem.Variable {
    /** A recording in every language of the flow. */
    record Fixed(String name) implements PromptItem {}

    /** Call data spoken with the language's speech rules. */
    record Variable(String name) implements PromptItem {
        /**
         * The variables a flow may use. Debt variables ({@link #DISCLOSING}) may only be spoken after
         * the right party is confirmed; the interpreter refuses to speak them before.
         */
        public static final Set<String> KNOWN = Set.of("principal", "interest", "fees", "total", "due-date", "days-overdue",
                "full-payment", "plan", "first-due-date", "payment-code", "first-name", "callback-number");
        /** Variables that disclose the debt (CDC art. 42, LGPD): never before the right-party check. */
        public static final Set<String> DISCLOSING = Set.of("principal", "interest", "fees", "total", "due-date", "days-overdue",
                "full-payment", "plan", "first-due-date", "payment-code");
    }
}

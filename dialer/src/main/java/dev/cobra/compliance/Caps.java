package dev.cobra.compliance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Frequency caps. Counts are over rolling windows ending at the decision instant (24 h and
 * 7 × 24 h), by attempt start, so they do not depend on which zone's calendar day it is.
 * {@link Integer#MAX_VALUE} means no cap; {@link Duration#ZERO} means no gap. Reg F counts per
 * debt; we count per debtor, which is never looser because one dial reaches every debt.
 *
 * @param attemptsPerDebtorPerDay attempts to the debtor in any 24 h
 * @param attemptsPerDebtorPer7Days attempts to the debtor in any 7 days
 * @param attemptsPerPhonePerDay attempts to one phone in any 24 h
 * @param attemptsPerPhonePer7Days attempts to one phone in any 7 days
 * @param conversationsPer7Days right-party conversations in any 7 days
 * @param gapAfterConversation no call until this long after a right-party conversation ended
 * @param gapAfterAbandoned no call to the same number until this long after an abandoned call
 * @param minGapBetweenAttempts no call to the debtor until this long after any attempt ended
 *     (stops rotation from ringing the mobile and the landline back to back)
 * @param lifetimeAttempts after this many attempts the debtor goes to the next stage
 */
public record Caps(
        int attemptsPerDebtorPerDay,
        int attemptsPerDebtorPer7Days,
        int attemptsPerPhonePerDay,
        int attemptsPerPhonePer7Days,
        int conversationsPer7Days,
        Duration gapAfterConversation,
        Duration gapAfterAbandoned,
        Duration minGapBetweenAttempts,
        int lifetimeAttempts) {
    public Caps {
        positive("attemptsPerDebtorPerDay", attemptsPerDebtorPerDay);
        positive("attemptsPerDebtorPer7Days", attemptsPerDebtorPer7Days);
        positive("attemptsPerPhonePerDay", attemptsPerPhonePerDay);
        positive("attemptsPerPhonePer7Days", attemptsPerPhonePer7Days);
        positive("conversationsPer7Days", conversationsPer7Days);
        positive("lifetimeAttempts", lifetimeAttempts);
        notNegative("gapAfterConversation", gapAfterConversation);
        notNegative("gapAfterAbandoned", gapAfterAbandoned);
        notNegative("minGapBetweenAttempts", minGapBetweenAttempts);
    }

    private static void positive(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: >= 1)");
        }
    }

    private static void notNegative(String field, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: >= 0)");
        }
    }

    /** The fields where {@code other} allows more than this (names as in the preset files). */
    public List<String> loosenedBy(Caps other) {
        var out = new ArrayList<String>();
        if (other.attemptsPerDebtorPerDay > attemptsPerDebtorPerDay) out.add("caps.attemptsPerDebtorPerDay");
        if (other.attemptsPerDebtorPer7Days > attemptsPerDebtorPer7Days) out.add("caps.attemptsPerDebtorPer7Days");
        if (other.attemptsPerPhonePerDay > attemptsPerPhonePerDay) out.add("caps.attemptsPerPhonePerDay");
        if (other.attemptsPerPhonePer7Days > attemptsPerPhonePer7Days) out.add("caps.attemptsPerPhonePer7Days");
        if (other.conversationsPer7Days > conversationsPer7Days) out.add("caps.conversationsPer7Days");
        if (other.gapAfterConversation.compareTo(gapAfterConversation) < 0) out.add("caps.gapAfterConversation");
        if (other.gapAfterAbandoned.compareTo(gapAfterAbandoned) < 0) out.add("caps.gapAfterAbandoned");
        if (other.minGapBetweenAttempts.compareTo(minGapBetweenAttempts) < 0) out.add("caps.minGapBetweenAttempts");
        if (other.lifetimeAttempts > lifetimeAttempts) out.add("caps.lifetimeAttempts");
        return out;
    }
}

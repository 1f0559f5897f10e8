package dev.cobra.compliance;

import java.util.Objects;

/**
 * One phone number of a debtor.
 *
 * @param phoneId store id
 * @param e164 the number in E.164 ("+5511987654321"); never logged
 * @param type mobile or landline
 * @param priority import order, lower is tried first among equals
 * @param status anything but {@link PhoneStatus#VALID} suppresses the number
 */
public record PhoneFacts(long phoneId, String e164, PhoneType type, int priority, PhoneStatus status) {
    public PhoneFacts {
        Objects.requireNonNull(e164, "e164");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
    }

    /** Only the phone id: the number itself is personal data. */
    @Override
    public String toString() {
        return "PhoneFacts[phoneId=" + phoneId + ", type=" + type + ", priority=" + priority + ", status=" + status + "]";
    }
}

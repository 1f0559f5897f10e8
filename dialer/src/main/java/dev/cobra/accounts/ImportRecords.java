package dev.cobra.accounts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The validated content of one import file: what the store will upsert, all of it or nothing. */
public record ImportRecords(ImportFormat format, int rows, List<Debtor> debtors) {

    /** A debtor with all the accounts and phones the file gave for it. */
    public record Debtor(String externalId, String name, TaxId document, String state, String timeZone,
                         String segment, List<Account> accounts, List<Phone> phones) {}

    /** One debt. {@code status} is the stored code (open, in_agreement, paid, written_off, disputed). */
    public record Account(String externalId, BigDecimal principal, BigDecimal interest, BigDecimal fees,
                          String currency, LocalDate dueDate, String status) {
        public BigDecimal total() {
            return principal.add(interest).add(fees);
        }
    }

    /** A phone, with its dialing priority (1 = first) in the order the file listed it. */
    public record Phone(PhoneNumber number, int priority) {}

    public int accountCount() {
        return debtors.stream().mapToInt(d -> d.accounts().size()).sum();
    }

    public int phoneCount() {
        return debtors.stream().mapToInt(d -> d.phones().size()).sum();
    }
}

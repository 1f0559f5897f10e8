package dev.cobra.store;

/** What an import changed: rows read, and per table how many rows are new or changed. */
public record ImportSummary(int rows, int debtors, int debtorsNew, int accounts, int accountsNew, int accountsChanged,
                            int phones, int phonesNew, int campaignMembersNew) {
    @Override
    public String toString() {
        return rows + " rows: " + debtors + " debtors (" + debtorsNew + " new), " + accounts + " accounts (" + accountsNew
                + " new, " + accountsChanged + " changed), " + phones + " phones (" + phonesNew + " new), "
                + campaignMembersNew + " debtors added to the campaign";
    }
}

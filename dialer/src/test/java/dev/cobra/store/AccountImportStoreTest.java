package dev.cobra.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cobra.accounts.AccountFile;
import dev.cobra.accounts.ImportRecords;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MariaDbExtension.class)
class AccountImportStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");
    private static final String HEADER = "debtor_id;name;document;state;account_id;principal;interest;fees;due_date;phone1;phone2\n";
    private static final String FILE = HEADER
            + "IMP1;Maria da Silva;529.982.247-25;SP;IC1;1.234,56;10,00;2,50;31/10/2026;(11) 98765-4321;11 3333-4444\n"
            + "IMP1;Maria da Silva;529.982.247-25;SP;IC2;99,90;0;0;01/11/2026;(11) 98765-4321;\n"
            + "IMP2;Padaria Sol Ltda;11.222.333/0001-81;AM;IC3;500,00;;;15/10/2026;(92) 99123-4567;\n";

    private final Database db;
    private final AccountImportStore store;

    AccountImportStoreTest(Database db) {
        this.db = db;
        this.store = new AccountImportStore(db);
    }

    @Test
    void importsAFileAndReimportingItChangesNothing() {
        long campaign = campaign("import");
        ImportSummary first = store.write(campaign, AccountFile.parse("f.csv", FILE, null), T0);
        assertEquals(new ImportSummary(3, 2, 2, 3, 3, 0, 3, 3, 2), first);
        assertEquals(List.of(2L, 3L, 3L, 2L), counts("IMP%"));

        ImportSummary again = store.write(campaign, AccountFile.parse("f.csv", FILE, null), T0.plusSeconds(60));
        assertEquals(new ImportSummary(3, 2, 0, 3, 0, 0, 3, 0, 0), again);
        assertEquals(List.of(2L, 3L, 3L, 2L), counts("IMP%"));
        assertEquals(2, new ClaimStore(db).countDue(campaign, T0), "imported debtors are due in the campaign");
    }

    @Test
    void aChangedBalanceUpdatesTheAccount() {
        long campaign = campaign("change");
        store.write(campaign, AccountFile.parse("f.csv", FILE.replace("IMP", "CHG").replace(";IC", ";CC"), null), T0);
        String changed = FILE.replace("IMP", "CHG").replace(";IC", ";CC").replace("1.234,56;10,00", "1.300,00;15,00");
        ImportSummary s = store.write(campaign, AccountFile.parse("f.csv", changed, null), T0.plusSeconds(60));
        assertEquals(1, s.accountsChanged());
        assertEquals(new BigDecimal("1300.00"), db.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT principal FROM accounts WHERE external_id = 'CC1'")) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }));
    }

    @Test
    void aFailureInTheMiddleOfTheWriteLeavesNothingBehind() {
        long campaign = campaign("rollback");
        ImportRecords good = AccountFile.parse("f.csv", FILE.replace("IMP", "RB").replace(";IC", ";RC"), null);
        // Break the last debtor's account behind the validator's back: the database refuses a 4-letter currency,
        // after the debtors and the first accounts were already written in the same transaction.
        List<ImportRecords.Debtor> debtors = new ArrayList<>(good.debtors());
        ImportRecords.Debtor last = debtors.remove(debtors.size() - 1);
        ImportRecords.Account a = last.accounts().get(0);
        debtors.add(new ImportRecords.Debtor(last.externalId(), last.name(), last.document(), last.state(), last.timeZone(),
                last.segment(), List.of(new ImportRecords.Account(a.externalId(), a.principal(), a.interest(), a.fees(), "BRLX",
                a.dueDate(), a.status())), last.phones()));
        ImportRecords broken = new ImportRecords(good.format(), good.rows(), debtors);
        assertThrows(StoreException.class, () -> store.write(campaign, broken, T0));
        assertEquals(List.of(0L, 0L, 0L, 0L), counts("RB%"));
    }

    private long campaign(String code) {
        return new CampaignStore(db).ensure(code, code, "BR", T0).id();
    }

    /** debtors, accounts, phones, campaign members whose debtor external id matches the pattern. */
    private List<Long> counts(String pattern) {
        return db.withConnection(c -> {
            List<Long> out = new ArrayList<>();
            for (String sql : List.of(
                    "SELECT COUNT(*) FROM debtors WHERE external_id LIKE ?",
                    "SELECT COUNT(*) FROM accounts a JOIN debtors d ON d.id = a.debtor_id WHERE d.external_id LIKE ?",
                    "SELECT COUNT(*) FROM phones p JOIN debtors d ON d.id = p.debtor_id WHERE d.external_id LIKE ?",
                    "SELECT COUNT(*) FROM campaign_debtors m JOIN debtors d ON d.id = m.debtor_id WHERE d.external_id LIKE ?")) {
                try (var ps = c.prepareStatement(sql)) {
                    ps.setString(1, pattern);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        out.add(rs.getLong(1));
                    }
                }
            }
            return out;
        });
    }
}

package dev.cobra.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.accounts.AccountFile;
import dev.cobra.accounts.DemoFileGenerator;
import dev.cobra.accounts.ImportProgress;
import dev.cobra.accounts.ImportRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The importer reports its reading and writing as counts that only grow and end at their totals. */
@ExtendWith(MariaDbExtension.class)
class ImportProgressTest {
    private record Report(ImportProgress.Phase phase, long done, long total) {}

    private final Database db;

    ImportProgressTest(Database db) {
        this.db = db;
    }

    @Test
    void readingAndWritingReportGrowingCountsThatEndAtTheTotals() {
        String csv = DemoFileGenerator.csv(2500, 7);
        List<Report> reports = new ArrayList<>();
        ImportProgress recorder = (phase, done, total) -> reports.add(new Report(phase, done, total));

        ImportRecords records = AccountFile.parse("big.csv", csv, null, recorder);
        long campaign = new CampaignStore(db).ensure("progress", "progress", "BR", Instant.parse("2026-11-24T12:00:00Z")).id();
        new AccountImportStore(db).write(campaign, records, Instant.parse("2026-11-24T12:00:00Z"), recorder);

        List<Report> reading = reports.stream().filter(r -> r.phase() == ImportProgress.Phase.READ).toList();
        List<Report> writing = reports.stream().filter(r -> r.phase() == ImportProgress.Phase.WRITE).toList();
        assertEquals(reports.size(), reading.size() + writing.size());
        assertEquals(reading, reports.subList(0, reading.size()), "all reading comes before any writing");
        assertEquals(records.rows() / ImportProgress.REPORT_EVERY_ROWS + 2, reading.size(), "at the start, every 1000 rows, at the end");
        assertEquals(0, reading.get(0).done());
        assertEquals(0, writing.get(0).done());
        assertEquals(new Report(ImportProgress.Phase.READ, records.rows(), records.rows()), reading.get(reading.size() - 1));
        for (Report r : reading) {
            assertTrue(r.done() <= r.total() && r.total() >= records.rows() - 1, r.toString());
        }

        long records4 = 2L * records.debtors().size() + records.accountCount() + records.phoneCount();
        assertEquals(new Report(ImportProgress.Phase.WRITE, records4, records4), writing.get(writing.size() - 1));
        for (int i = 1; i < writing.size(); i++) {
            assertTrue(writing.get(i).done() > writing.get(i - 1).done(), "grows: " + writing);
            assertEquals(records4, writing.get(i).total());
        }
        assertTrue(writing.size() >= records4 / 500 + 1, "a report per batch of 500: " + writing.size());
    }
}

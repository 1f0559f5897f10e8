package dev.cobra.http;

import dev.cobra.accounts.AccountFile;
import dev.cobra.accounts.ImportFormat;
import dev.cobra.accounts.ImportRecords;
import dev.cobra.accounts.ImportRejected;
import dev.cobra.store.AccountImportStore;
import dev.cobra.store.Campaign;
import dev.cobra.store.CampaignStore;
import dev.cobra.store.Database;
import dev.cobra.store.ImportSummary;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Account import over HTTP, the same as {@code cobra import}: {@code POST /api/campaigns/{code}/import} (admin) with
 * the CSV file as the body ({@code Content-Type: text/csv}; UTF-8, or Windows-1252 as a spreadsheet exports it) and
 * an optional {@code ?format=br|iso} (else detected from the header). The whole file is validated before anything is
 * written ({@link AccountFile#parse}), then written in one transaction ({@link AccountImportStore#write}): a file with
 * any problem answers 422 listing every problem (line, column, masked value, reason) and writes nothing. Re-importing
 * a file is idempotent. The campaign must exist (create it with {@code POST /api/campaigns}; 404 otherwise).
 *
 * <p>This route accepts bodies up to {@link #MAX_FILE_BYTES}; every other route keeps the server's small default.
 * Handlers run on the HTTP worker pool; thread-safe.
 */
public final class ImportRoutes {
    private static final Logger log = LoggerFactory.getLogger(ImportRoutes.class);

    /** The largest import file accepted over HTTP (a million-row file is about 150 MiB: split bigger ones). */
    public static final int MAX_FILE_BYTES = 64 * 1024 * 1024;
    private static final Set<String> CONTENT_TYPES = Set.of("text/csv", "text/plain", "application/octet-stream");

    private ImportRoutes() {}

    public static List<Route> routes(Database db, Clock clock) {
        CampaignStore campaigns = new CampaignStore(db);
        AccountImportStore importer = new AccountImportStore(db);
        return List.of(Route.of("POST", "/api/campaigns/{code}/import", CampaignRoutes.WRITE, r -> {
            Campaign campaign = CampaignRoutes.campaign(campaigns, r);
            String type = r.headers().getOrDefault("content-type", "text/csv");
            String bare = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!CONTENT_TYPES.contains(bare)) {
                throw new HttpError(415, "Content-Type: '" + bare + "' (expected: text/csv)");
            }
            if (r.body().length == 0) {
                throw HttpError.badRequest("body: empty (expected the CSV file)");
            }
            String f = r.queryParam("format");
            ImportFormat format = f == null ? null : ImportFormat.parse(f); // "format: 'x' (expected: br or iso)": a 400
            long started = System.nanoTime();
            ImportRecords records;
            try {
                records = AccountFile.parse("upload.csv", AccountFile.decode(r.body()), format);
            } catch (ImportRejected e) {
                log.info("import into campaign {} rejected: {} problem(s), nothing written", campaign.code(), e.problems().size());
                return ApiJson.json(422, rejected(e));
            }
            ImportSummary summary = importer.write(campaign.id(), records, clock.instant());
            long ms = (System.nanoTime() - started) / 1_000_000;
            log.info("import into campaign {}: {} rows in {} ms", campaign.code(), records.rows(), ms);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("campaign", campaign.code());
            out.put("format", records.format().name().toLowerCase(Locale.ROOT));
            out.put("summary", summary);
            return ApiJson.ok(out);
        }).withMaxBodyBytes(MAX_FILE_BYTES));
    }

    private static Map<String, Object> rejected(ImportRejected e) {
        List<Map<String, Object>> problems = new ArrayList<>();
        for (ImportRejected.Problem p : e.problems()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("line", p.line());
            m.put("column", p.column());
            m.put("value", p.value());
            m.put("reason", p.reason());
            problems.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", "file rejected, nothing imported: " + e.problems().size() + (e.truncated() ? "+" : "") + " problem(s)");
        out.put("status", 422);
        out.put("problems", problems);
        out.put("truncated", e.truncated());
        return out;
    }
}

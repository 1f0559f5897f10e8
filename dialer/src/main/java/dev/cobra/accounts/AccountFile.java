package dev.cobra.accounts;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Parses and validates an accounts CSV as a whole: every row is checked before anything is returned,
 * and one bad row rejects the file ({@link ImportRejected} lists up to {@value #MAX_PROBLEMS} problems).
 *
 * <p>One row per debt. Debtor columns repeat on each of a debtor's rows and must agree. Header names are
 * matched case-insensitively, in English or Portuguese:
 * <pre>
 * debtor_id   (id_devedor, cliente)      required  the creditor's id for the person or company
 * name        (nome)                     required
 * document    (documento, cpf_cnpj, cpf, cnpj) required, check digits verified
 * state       (uf, estado)               optional  Brazilian UF, e.g. SP
 * time_zone   (fuso)                     optional  IANA zone, e.g. America/Manaus
 * segment     (segmento, carteira)       optional
 * account_id  (contrato, id_divida)      required  the creditor's id for the debt
 * principal   (valor, valor_principal)   required  &gt; 0
 * interest    (juros)                    optional  default 0
 * fees        (multa, encargos)          optional  default 0
 * currency    (moeda)                    optional  default BRL
 * due_date    (vencimento)               required
 * status      (situacao)                 optional  open (default), in_agreement, paid, written_off, disputed
 * phone1..phone5 (telefone1..telefone5)  at least one per debtor; phoneN_type (tipo_telefone1..5) optional
 * </pre>
 * Files are read as UTF-8 (a BOM is skipped); a file that is not valid UTF-8 is read as Windows-1252, the
 * encoding spreadsheets in Brazil commonly export.
 */
public final class AccountFile {
    static final int MAX_PROBLEMS = 50;
    static final int MAX_PHONES = 5;
    private static final Set<String> UFS = Set.of("AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS",
            "MG", "PA", "PB", "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO");
    private static final Set<String> STATUSES = Set.of("open", "in_agreement", "paid", "written_off", "disputed");
    private static final Map<String, String> STATUS_ALIASES = Map.of(
            "aberto", "open", "em_acordo", "in_agreement", "acordo", "in_agreement", "pago", "paid",
            "baixado", "written_off", "contestado", "disputed");

    private static final Map<String, String> HEADER_ALIASES = new HashMap<>();

    static {
        alias("debtor_id", "id_devedor", "devedor_id", "cliente", "cliente_id");
        alias("name", "nome", "nome_devedor");
        alias("document", "documento", "cpf_cnpj", "cpf", "cnpj");
        alias("state", "uf", "estado");
        alias("time_zone", "fuso", "fuso_horario", "timezone");
        alias("segment", "segmento", "carteira");
        alias("account_id", "contrato", "id_divida", "divida_id");
        alias("principal", "valor", "valor_principal");
        alias("interest", "juros");
        alias("fees", "multa", "encargos");
        alias("currency", "moeda");
        alias("due_date", "vencimento", "data_vencimento");
        alias("status", "situacao", "situação");
        for (int i = 1; i <= MAX_PHONES; i++) {
            alias("phone" + i, "telefone" + i, "fone" + i);
            alias("phone" + i + "_type", "tipo_telefone" + i, "telefone" + i + "_tipo");
        }
    }

    private static void alias(String canonical, String... others) {
        HEADER_ALIASES.put(canonical, canonical);
        for (String o : others) {
            HEADER_ALIASES.put(o, canonical);
        }
    }

    private static final List<String> REQUIRED = List.of("debtor_id", "name", "document", "account_id", "principal", "due_date");

    private AccountFile() {}

    /** Decodes bytes as UTF-8, or as Windows-1252 when they are not valid UTF-8. */
    public static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }

    /**
     * Parses a whole file.
     *
     * @param fileName used in messages only
     * @param format   the dialect, or null to detect it from the header
     * @throws ImportRejected if anything is wrong; nothing is returned then
     */
    public static ImportRecords parse(String fileName, String text, ImportFormat format) {
        return parse(fileName, text, format, ImportProgress.NONE);
    }

    /**
     * Parses a whole file, telling {@code progress} how many rows are read (phase {@link ImportProgress.Phase#READ}).
     *
     * @throws ImportRejected if anything is wrong; nothing is returned then
     */
    public static ImportRecords parse(String fileName, String text, ImportFormat format, ImportProgress progress) {
        Problems problems = new Problems(fileName);
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int eol = body.indexOf('\n');
        String headerLine = eol < 0 ? body : body.substring(0, eol);
        ImportFormat fmt = format != null ? format : ImportFormat.detect(headerLine);
        CsvReader reader = new CsvReader(body, fmt.separator());
        Map<String, Integer> columns;
        Map<String, DebtorBuilder> debtors = new LinkedHashMap<>();
        Map<String, Integer> accountLines = new HashMap<>();
        int rows = 0;
        long rowsEstimate = Math.max(0, lineCount(body) - 1);
        progress.advanced(ImportProgress.Phase.READ, 0, rowsEstimate);
        try {
            CsvReader.Row header = reader.next();
            if (header == null) {
                problems.add(1, null, null, "the file is empty (expected a header line)");
                throw problems.rejected();
            }
            columns = headerColumns(header, problems);
            if (problems.any()) {
                throw problems.rejected();
            }
            CsvReader.Row row;
            while ((row = reader.next()) != null) {
                rows++;
                parseRow(row, columns, fmt, debtors, accountLines, problems);
                if (rows % ImportProgress.REPORT_EVERY_ROWS == 0) {
                    progress.advanced(ImportProgress.Phase.READ, rows, Math.max(rows, rowsEstimate));
                }
                if (problems.full()) {
                    if (reader.next() != null) {
                        problems.truncated = true;
                    }
                    break;
                }
            }
        } catch (CsvReader.CsvException e) {
            problems.add(e.line, null, null, e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
        if (!problems.full()) {
            for (DebtorBuilder d : debtors.values()) {
                if (d.phones.isEmpty()) {
                    problems.add(d.firstLine, "phone1", null, "debtor " + d.externalId + " has no phone number on any row");
                }
            }
            if (rows == 0 && !problems.any()) {
                problems.add(1, null, null, "the file has a header but no rows");
            }
        }
        if (problems.any()) {
            throw problems.rejected();
        }
        List<ImportRecords.Debtor> result = new ArrayList<>(debtors.size());
        for (DebtorBuilder d : debtors.values()) {
            result.add(d.build());
        }
        progress.advanced(ImportProgress.Phase.READ, rows, rows);
        return new ImportRecords(fmt, rows, List.copyOf(result));
    }

    /** Lines in the text (a last line without a newline counts); quoted fields spanning lines make it an estimate of rows. */
    private static long lineCount(String text) {
        long lines = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        return text.isEmpty() || text.endsWith("\n") ? lines : lines + 1;
    }

    private static Map<String, Integer> headerColumns(CsvReader.Row header, Problems problems) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String raw = header.fields().get(i).trim();
            String key = raw.toLowerCase(Locale.ROOT).replace(' ', '_');
            String canonical = HEADER_ALIASES.get(key);
            if (canonical == null) {
                problems.add(header.line(), raw, null, "unknown column (known: debtor_id, name, document, state, time_zone, "
                        + "segment, account_id, principal, interest, fees, currency, due_date, status, phone1..phone5, phone1_type..)");
            } else if (columns.putIfAbsent(canonical, i) != null) {
                problems.add(header.line(), raw, null, "column given twice (as " + canonical + ")");
            }
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                problems.add(header.line(), required, null, "required column is missing");
            }
        }
        if (!columns.containsKey("phone1")) {
            problems.add(header.line(), "phone1", null, "required column is missing (at least one phone column)");
        }
        return columns;
    }

    private static void parseRow(CsvReader.Row row, Map<String, Integer> columns, ImportFormat fmt,
                                 Map<String, DebtorBuilder> debtors, Map<String, Integer> accountLines, Problems problems) {
        Cells cells = new Cells(row, columns, problems);
        if (row.fields().size() != expectedWidth(columns)) {
            problems.add(row.line(), null, null, "has " + row.fields().size() + " fields, the header has " + expectedWidth(columns)
                    + " (separator '" + fmt.separator() + "'; quote fields that contain it)");
            return;
        }
        int before = problems.count();
        String debtorId = cells.required("debtor_id", Function.identity(), false);
        String name = cells.required("name", Function.identity(), true);
        TaxId document = cells.required("document", TaxId::parse, true);
        String state = cells.optional("state", s -> {
            String uf = s.trim().toUpperCase(Locale.ROOT);
            if (!UFS.contains(uf)) {
                throw new IllegalArgumentException("not a Brazilian UF (e.g. SP, RJ, AM)");
            }
            return uf;
        }, false);
        String zone = cells.optional("time_zone", s -> {
            try {
                return ZoneId.of(s.trim()).getId();
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("not an IANA time zone (e.g. America/Sao_Paulo)", e);
            }
        }, false);
        String segment = cells.optional("segment", String::trim, false);
        String accountId = cells.required("account_id", Function.identity(), false);
        BigDecimal principal = cells.required("principal", fmt::amount, false);
        if (principal != null && principal.signum() <= 0) {
            problems.add(row.line(), "principal", cells.raw("principal"), "must be greater than zero");
        }
        BigDecimal interest = cells.optional("interest", fmt::amount, false);
        BigDecimal fees = cells.optional("fees", fmt::amount, false);
        String currency = cells.optional("currency", s -> {
            String c = s.trim().toUpperCase(Locale.ROOT);
            if (!c.matches("[A-Z]{3}")) {
                throw new IllegalArgumentException("not an ISO 4217 currency code (e.g. BRL, USD)");
            }
            return c;
        }, false);
        var dueDate = cells.required("due_date", fmt::date, false);
        String status = cells.optional("status", s -> {
            String k = s.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
            String mapped = STATUS_ALIASES.getOrDefault(k, k);
            if (!STATUSES.contains(mapped)) {
                throw new IllegalArgumentException("unknown status (expected: open, in_agreement, paid, written_off, disputed)");
            }
            return mapped;
        }, false);
        List<PhoneNumber> phones = new ArrayList<>();
        for (int i = 1; i <= MAX_PHONES; i++) {
            String col = "phone" + i;
            String raw = cells.raw(col);
            if (raw == null || raw.isBlank()) {
                continue;
            }
            String type = cells.raw(col + "_type");
            try {
                phones.add(PhoneNumber.parse(raw, type));
            } catch (IllegalArgumentException e) {
                problems.add(row.line(), col, Mask.digits(raw.trim()), e.getMessage());
            }
        }
        if (problems.count() > before) {
            return;
        }
        Integer seen = accountLines.putIfAbsent(accountId, row.line());
        if (seen != null) {
            problems.add(row.line(), "account_id", accountId, "account appears twice (first on line " + seen + ")");
            return;
        }
        DebtorBuilder d = debtors.get(debtorId);
        if (d == null) {
            d = new DebtorBuilder(row.line(), debtorId, name, document, state, zone, segment);
            debtors.put(debtorId, d);
        } else if (!d.sameDebtor(name, document, state, zone, segment)) {
            problems.add(row.line(), null, null, "debtor " + debtorId + " differs from line " + d.firstLine
                    + " (name, document, state, time_zone and segment must agree on every row of a debtor)");
            return;
        }
        d.accounts.add(new ImportRecords.Account(accountId, principal,
                interest == null ? BigDecimal.ZERO.setScale(2) : interest, fees == null ? BigDecimal.ZERO.setScale(2) : fees,
                currency == null ? "BRL" : currency, dueDate, status == null ? "open" : status));
        for (PhoneNumber p : phones) {
            if (d.phones.stream().noneMatch(existing -> existing.e164().equals(p.e164()))) {
                d.phones.add(p);
            }
        }
    }

    private static int expectedWidth(Map<String, Integer> columns) {
        return columns.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    }

    /** Cell access for one row, recording problems with the column name and a masked value. */
    private static final class Cells {
        private final CsvReader.Row row;
        private final Map<String, Integer> columns;
        private final Problems problems;

        Cells(CsvReader.Row row, Map<String, Integer> columns, Problems problems) {
            this.row = row;
            this.columns = columns;
            this.problems = problems;
        }

        String raw(String column) {
            Integer i = columns.get(column);
            return i == null || i >= row.fields().size() ? null : row.fields().get(i);
        }

        <T> T required(String column, Function<String, T> parser, boolean personal) {
            String raw = raw(column);
            if (raw == null || raw.isBlank()) {
                problems.add(row.line(), column, null, "required value is empty");
                return null;
            }
            return parse(column, raw, parser, personal);
        }

        <T> T optional(String column, Function<String, T> parser, boolean personal) {
            String raw = raw(column);
            return raw == null || raw.isBlank() ? null : parse(column, raw, parser, personal);
        }

        private <T> T parse(String column, String raw, Function<String, T> parser, boolean personal) {
            try {
                T value = parser.apply(raw.trim());
                if (value instanceof String && ((String) value).length() > 200) {
                    throw new IllegalArgumentException("longer than 200 characters");
                }
                return value;
            } catch (IllegalArgumentException e) {
                problems.add(row.line(), column, personal ? Mask.digits(raw.trim()) : shorten(raw.trim()), e.getMessage());
                return null;
            }
        }

        private static String shorten(String s) {
            return s.length() <= 40 ? s : s.substring(0, 37) + "...";
        }
    }

    private static final class DebtorBuilder {
        final int firstLine;
        final String externalId;
        final String name;
        final TaxId document;
        final String state;
        final String zone;
        final String segment;
        final List<ImportRecords.Account> accounts = new ArrayList<>();
        final List<PhoneNumber> phones = new ArrayList<>();

        DebtorBuilder(int firstLine, String externalId, String name, TaxId document, String state, String zone, String segment) {
            this.firstLine = firstLine;
            this.externalId = externalId;
            this.name = name;
            this.document = document;
            this.state = state;
            this.zone = zone;
            this.segment = segment;
        }

        boolean sameDebtor(String n, TaxId doc, String st, String z, String seg) {
            return name.equals(n) && document.equals(doc) && java.util.Objects.equals(state, st)
                    && java.util.Objects.equals(zone, z) && java.util.Objects.equals(segment, seg);
        }

        ImportRecords.Debtor build() {
            List<ImportRecords.Phone> ps = new ArrayList<>();
            for (int i = 0; i < phones.size(); i++) {
                ps.add(new ImportRecords.Phone(phones.get(i), i + 1));
            }
            return new ImportRecords.Debtor(externalId, name, document, state, zone, segment, List.copyOf(accounts), List.copyOf(ps));
        }
    }

    private static final class Problems {
        private final String file;
        private final List<ImportRejected.Problem> list = new ArrayList<>();
        boolean truncated;

        Problems(String file) {
            this.file = file;
        }

        void add(int line, String column, String value, String reason) {
            if (list.size() >= MAX_PROBLEMS) {
                truncated = true;
                return;
            }
            list.add(new ImportRejected.Problem(line, column, value, reason));
        }

        boolean any() {
            return !list.isEmpty();
        }

        boolean full() {
            return list.size() >= MAX_PROBLEMS;
        }

        int count() {
            return list.size();
        }

        ImportRejected rejected() {
            return new ImportRejected(file, list, truncated);
        }
    }
}

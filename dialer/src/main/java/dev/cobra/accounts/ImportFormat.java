package dev.cobra.accounts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The two CSV dialects accepted by the import.
 * <ul>
 *   <li>{@link #BR}: {@code ;} separator, amounts {@code 1.234,56} (dot for thousands, comma for decimals),
 *       dates {@code 31/12/2026}: what a spreadsheet in pt-BR exports;</li>
 *   <li>{@link #ISO}: {@code ,} separator, amounts {@code 1234.56}, dates {@code 2026-12-31}.</li>
 * </ul>
 * {@link #detect} picks one from the header line when the operator does not declare it.
 */
public enum ImportFormat {
    BR(';', Pattern.compile("\\d{1,3}(\\.\\d{3})*(,\\d{1,2})?|\\d+(,\\d{1,2})?"), DateTimeFormatter.ofPattern("dd/MM/uuuu")),
    ISO(',', Pattern.compile("\\d+(\\.\\d{1,2})?"), DateTimeFormatter.ofPattern("uuuu-MM-dd"));

    private final char separator;
    private final Pattern amount;
    private final DateTimeFormatter date;

    ImportFormat(char separator, Pattern amount, DateTimeFormatter date) {
        this.separator = separator;
        this.amount = amount;
        this.date = date.withResolverStyle(ResolverStyle.STRICT).withLocale(Locale.ROOT);
    }

    public char separator() {
        return separator;
    }

    /** Picks the dialect whose separator the header line uses more. */
    public static ImportFormat detect(String headerLine) {
        long semicolons = headerLine.chars().filter(ch -> ch == ';').count();
        long commas = headerLine.chars().filter(ch -> ch == ',').count();
        return semicolons > commas ? BR : ISO;
    }

    public static ImportFormat parse(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "br": case "pt-br": case "pt_br":
                return BR;
            case "iso": case "en": case "intl":
                return ISO;
            default:
                throw new IllegalArgumentException("format: '" + name + "' (expected: br or iso)");
        }
    }

    /**
     * Parses a non-negative amount with at most two decimals.
     *
     * @throws IllegalArgumentException naming the expected shape
     */
    public BigDecimal amount(String s) {
        String v = s.trim();
        if (v.startsWith("R$")) {
            v = v.substring(2).trim();
        }
        if (!amount.matcher(v).matches()) {
            throw new IllegalArgumentException(this == BR
                    ? "not an amount in pt-BR format (expected e.g. 1.234,56 or 1234,56)"
                    : "not an amount in ISO format (expected e.g. 1234.56)");
        }
        String normalised = this == BR ? v.replace(".", "").replace(',', '.') : v;
        BigDecimal value = new BigDecimal(normalised).setScale(2);
        if (value.precision() - value.scale() > 13) {
            throw new IllegalArgumentException("amount too large (at most 13 integer digits)");
        }
        return value;
    }

    public LocalDate date(String s) {
        try {
            return LocalDate.parse(s.trim(), date);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(this == BR
                    ? "not a date in pt-BR format (expected dd/mm/yyyy, e.g. 31/12/2026)"
                    : "not a date in ISO format (expected yyyy-mm-dd, e.g. 2026-12-31)", e);
        }
    }
}

package dev.cobra.accounts;

/**
 * A Brazilian taxpayer document: CPF (people, 11 digits) or CNPJ (companies, 14 digits), digits only,
 * with valid check digits (modulo 11, as the Receita Federal defines them).
 */
public record TaxId(String digits, Kind kind) {
    public enum Kind { CPF, CNPJ }

    /**
     * Parses a CPF or CNPJ written with or without punctuation ({@code 123.456.789-09},
     * {@code 12.345.678/0001-95}).
     *
     * @throws IllegalArgumentException with the reason, never the value
     */
    public static TaxId parse(String raw) {
        String digits = raw.replaceAll("[.\\-/\\s]", "");
        if (!digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new IllegalArgumentException("CPF/CNPJ has characters other than digits, '.', '-' and '/'");
        }
        if (digits.length() == 11) {
            if (allSame(digits) || !cpfValid(digits)) {
                throw new IllegalArgumentException("CPF check digits do not match");
            }
            return new TaxId(digits, Kind.CPF);
        }
        if (digits.length() == 14) {
            if (allSame(digits) || !cnpjValid(digits)) {
                throw new IllegalArgumentException("CNPJ check digits do not match");
            }
            return new TaxId(digits, Kind.CNPJ);
        }
        throw new IllegalArgumentException("CPF/CNPJ must have 11 or 14 digits, has " + digits.length());
    }

    static boolean cpfValid(String d) {
        return checkDigit(d, 9, 10) == d.charAt(9) - '0' && checkDigit(d, 10, 11) == d.charAt(10) - '0';
    }

    /** CPF check digit over the first {@code len} digits, weights from {@code firstWeight} down to 2. */
    private static int checkDigit(String d, int len, int firstWeight) {
        int sum = 0;
        for (int i = 0; i < len; i++) {
            sum += (d.charAt(i) - '0') * (firstWeight - i);
        }
        int r = sum % 11;
        return r < 2 ? 0 : 11 - r;
    }

    static boolean cnpjValid(String d) {
        return cnpjDigit(d, 12) == d.charAt(12) - '0' && cnpjDigit(d, 13) == d.charAt(13) - '0';
    }

    /** CNPJ check digit: weights 2..9 cycling from the rightmost of the first {@code len} digits. */
    private static int cnpjDigit(String d, int len) {
        int sum = 0;
        int weight = 2;
        for (int i = len - 1; i >= 0; i--) {
            sum += (d.charAt(i) - '0') * weight;
            weight = weight == 9 ? 2 : weight + 1;
        }
        int r = sum % 11;
        return r < 2 ? 0 : 11 - r;
    }

    /** Appends valid CPF check digits to 9 base digits (used by the demo data generator and tests). */
    public static String completeCpf(String nineDigits) {
        String d = nineDigits + checkDigit(nineDigits + "00", 9, 10);
        return d + checkDigit(d + "0", 10, 11);
    }

    /** Appends valid CNPJ check digits to 12 base digits. */
    public static String completeCnpj(String twelveDigits) {
        String d = twelveDigits + cnpjDigit(twelveDigits + "00", 12);
        return d + cnpjDigit(d + "0", 13);
    }

    private static boolean allSame(String d) {
        return d.chars().allMatch(ch -> ch == d.charAt(0));
    }
}

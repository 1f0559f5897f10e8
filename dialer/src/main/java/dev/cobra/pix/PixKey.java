package dev.cobra.pix;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Pix key as registered in the DICT, in the form a BR Code carries it.
 *
 * <p>{@link #parse(String)} recognises the five key types: CPF (11 digits) and CNPJ (14 digits),
 * punctuation removed and check digits verified; phone in E.164 with the plus sign
 * ({@code +5511912345678}; the DICT always stores phones that way, so 11 bare digits are a CPF);
 * e-mail, lower-cased; random key (EVP), a UUID, lower-cased with its hyphens.
 *
 * @param type what kind of key
 * @param value the normalised key, printable ASCII, at most 77 characters
 */
public record PixKey(Type type, String value) {
    /** The longest key the DICT accepts (e-mail keys). */
    public static final int MAX_LENGTH = 77;

    private static final Pattern PHONE = Pattern.compile("\\+[1-9]\\d{7,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern EVP = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern DOCUMENT_PUNCTUATION = Pattern.compile("[.\\-/\\s]");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    public enum Type { CPF, CNPJ, PHONE, EMAIL, EVP }

    public PixKey {
        Objects.requireNonNull(type, "type");
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("pix key: length " + (value == null ? 0 : value.length()) + " (expected: 1.." + MAX_LENGTH + ")");
        }
        if (!isValid(type, value)) {
            throw new IllegalArgumentException("pix key: not a valid " + type + " key (length " + value.length() + ")");
        }
    }

    /**
     * Recognises and normalises a key as an operator would type it in config
     * ({@code 529.982.247-25}, {@code Cobranca@Example.com}, ...).
     *
     * @throws IllegalArgumentException naming the length, never the key
     */
    public static PixKey parse(String raw) {
        Objects.requireNonNull(raw, "raw");
        String trimmed = raw.strip();
        if (trimmed.startsWith("+")) {
            return new PixKey(Type.PHONE, trimmed);
        }
        if (trimmed.contains("@")) {
            return new PixKey(Type.EMAIL, trimmed.toLowerCase(Locale.ROOT));
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (EVP.matcher(lower).matches()) {
            return new PixKey(Type.EVP, lower);
        }
        String digits = DOCUMENT_PUNCTUATION.matcher(trimmed).replaceAll("");
        if (DIGITS.matcher(digits).matches() && digits.length() == 11) {
            return new PixKey(Type.CPF, digits);
        }
        if (DIGITS.matcher(digits).matches() && digits.length() == 14) {
            return new PixKey(Type.CNPJ, digits);
        }
        throw new IllegalArgumentException("pix key: length " + trimmed.length()
                + " (expected: CPF, CNPJ, +phone, e-mail or random key)");
    }

    private static boolean isValid(Type type, String value) {
        switch (type) {
            case CPF:
                return value.length() == 11 && DIGITS.matcher(value).matches() && cpfCheckDigitsHold(value);
            case CNPJ:
                return value.length() == 14 && DIGITS.matcher(value).matches() && cnpjCheckDigitsHold(value);
            case PHONE:
                return PHONE.matcher(value).matches();
            case EMAIL:
                return EMAIL.matcher(value).matches() && value.chars().allMatch(c -> c > 0x20 && c < 0x7F)
                        && value.equals(value.toLowerCase(Locale.ROOT));
            case EVP:
                return EVP.matcher(value).matches();
            default:
                throw new IllegalStateException("unknown key type " + type);
        }
    }

    /** CPF: two mod-11 check digits, weights 10..2 then 11..2; a run of one digit is never valid. */
    private static boolean cpfCheckDigitsHold(String cpf) {
        if (cpf.chars().distinct().count() == 1) {
            return false;
        }
        return checkDigit(cpf, 9, 10) == cpf.charAt(9) - '0' && checkDigit(cpf, 10, 11) == cpf.charAt(10) - '0';
    }

    private static int checkDigit(String digits, int count, int firstWeight) {
        int sum = 0;
        for (int i = 0; i < count; i++) {
            sum += (digits.charAt(i) - '0') * (firstWeight - i);
        }
        int rest = sum * 10 % 11;
        return rest == 10 ? 0 : rest;
    }

    /** CNPJ: two mod-11 check digits with weights cycling 2..9 from the right. */
    private static boolean cnpjCheckDigitsHold(String cnpj) {
        if (cnpj.chars().distinct().count() == 1) {
            return false;
        }
        return cnpjCheckDigit(cnpj, 12) == cnpj.charAt(12) - '0' && cnpjCheckDigit(cnpj, 13) == cnpj.charAt(13) - '0';
    }

    private static int cnpjCheckDigit(String digits, int count) {
        int sum = 0;
        int weight = 2;
        for (int i = count - 1; i >= 0; i--) {
            sum += (digits.charAt(i) - '0') * weight;
            weight = weight == 9 ? 2 : weight + 1;
        }
        int rest = sum % 11;
        return rest < 2 ? 0 : 11 - rest;
    }

    /** The type only: keys are personal data and stay out of logs. */
    @Override
    public String toString() {
        return "PixKey[" + type + "]";
    }
}

package dev.cobra.accounts;

import java.util.Set;

/**
 * A dialable number in E.164 ({@code +5511987654321}) with its type.
 *
 * <p>Brazilian numbers are accepted in the ways people write them: {@code (11) 98765-4321},
 * {@code 11 3333-4444}, {@code 011 98765 4321}, {@code +55 11 98765-4321}. Rules (Anatel numbering plan):
 * a valid two-digit DDD, then 9 digits starting with 9 (mobile) or 8 digits starting with 2-5 (landline).
 * Other countries must be written in E.164 with the {@code +}: 8 to 15 digits, no leading zero.
 */
public record PhoneNumber(String e164, Type type) {
    public enum Type { MOBILE, LANDLINE }

    /** Every DDD in use (Anatel, Plano Geral de Códigos Nacionais). */
    public static final Set<Integer> BRAZIL_DDDS = Set.of(
            11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28,
            31, 32, 33, 34, 35, 37, 38, 41, 42, 43, 44, 45, 46, 47, 48, 49,
            51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69,
            71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85, 86, 87, 88, 89,
            91, 92, 93, 94, 95, 96, 97, 98, 99);

    /**
     * Parses a number; numbers without a {@code +} are taken as Brazilian.
     *
     * @param declaredType "mobile"/"celular", "landline"/"fixo", or null/blank to infer it
     * @throws IllegalArgumentException with the reason, never the value
     */
    public static PhoneNumber parse(String raw, String declaredType) {
        String trimmed = raw.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("phone number is empty");
        }
        boolean plus = trimmed.startsWith("+");
        String digits = (plus ? trimmed.substring(1) : trimmed).replaceAll("[\\s().\\-]", "");
        if (!digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new IllegalArgumentException("phone number has characters other than digits, spaces, '()', '.', '-' and a leading '+'");
        }
        Type declared = parseType(declaredType);
        if (plus && !digits.startsWith("55")) {
            if (digits.length() < 8 || digits.length() > 15 || digits.charAt(0) == '0') {
                throw new IllegalArgumentException("international number must be '+' and 8 to 15 digits (E.164)");
            }
            return new PhoneNumber("+" + digits, declared == null ? Type.MOBILE : declared);
        }
        String national = plus ? digits.substring(2) : digits;
        if (!plus && national.startsWith("0")) {
            national = national.substring(1); // trunk prefix 0 (and carrier codes are not accepted)
        }
        if (national.length() != 10 && national.length() != 11) {
            throw new IllegalArgumentException("Brazilian number must be DDD + 8 or 9 digits, has " + national.length() + " digits");
        }
        int ddd = Integer.parseInt(national.substring(0, 2));
        if (!BRAZIL_DDDS.contains(ddd)) {
            throw new IllegalArgumentException("DDD " + ddd + " does not exist");
        }
        String subscriber = national.substring(2);
        Type type;
        if (subscriber.length() == 9) {
            if (subscriber.charAt(0) != '9') {
                throw new IllegalArgumentException("9-digit Brazilian number must be a mobile starting with 9");
            }
            type = Type.MOBILE;
        } else {
            char first = subscriber.charAt(0);
            if (first < '2' || first > '5') {
                throw new IllegalArgumentException("8-digit Brazilian number must be a landline starting with 2 to 5");
            }
            type = Type.LANDLINE;
        }
        if (declared != null && declared != type) {
            throw new IllegalArgumentException("declared type " + declared.name().toLowerCase() + " does not match the number ("
                    + type.name().toLowerCase() + ")");
        }
        return new PhoneNumber("+55" + national, type);
    }

    /** The Brazilian DDD of this number, or -1 if it is not Brazilian. */
    public int ddd() {
        return e164.startsWith("+55") ? Integer.parseInt(e164.substring(3, 5)) : -1;
    }

    private static Type parseType(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "mobile": case "cell": case "celular": case "movel": case "móvel":
                return Type.MOBILE;
            case "landline": case "fixed": case "fixo": case "residencial": case "comercial":
                return Type.LANDLINE;
            default:
                throw new IllegalArgumentException("phone type '" + s.trim() + "' (expected: mobile/celular or landline/fixo)");
        }
    }
}

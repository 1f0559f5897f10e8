package dev.cobra.pix;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one Pix payload asks for: the creditor's key, name and city (from config), the amount (the
 * first installment or the full payment) and a txid that ties the payment back to the agreement.
 *
 * <p>{@link #of} normalises the free-text fields the way payer banks read them reliably: accents
 * removed, upper case, only A-Z, 0-9 and spaces, runs of spaces collapsed, then cut to the field
 * limit (name 25, city 15, description 40 and the space left in field 26).
 *
 * @param key the creditor's Pix key
 * @param merchantName field 59, normalised, 1 to 25 characters
 * @param merchantCity field 60, normalised, 1 to 15 characters
 * @param amount field 54, BRL in whole cents, more than zero and at most 13 characters written
 *     ({@code 9999999999.99}); empty lets the payer type the amount
 * @param txid field 62-05: 1 to 25 letters and digits, or {@code ***} for none
 * @param description field 26-02, shown to the payer by some banks; normalised like the name
 */
public record PixCharge(PixKey key, String merchantName, String merchantCity, Optional<BigDecimal> amount, String txid,
        Optional<String> description) {
    public static final int MAX_NAME_LENGTH = 25;
    public static final int MAX_CITY_LENGTH = 15;
    public static final int MAX_DESCRIPTION_LENGTH = 40;
    public static final int MAX_TXID_LENGTH = 25;
    /** The txid of a payload that carries none. */
    public static final String NO_TXID = "***";
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999.99");
    private static final Pattern TXID = Pattern.compile("[A-Za-z0-9]{1,25}");
    private static final Pattern NAME = Pattern.compile("[A-Z0-9]+( [A-Z0-9]+)*");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Z0-9 ]");
    private static final Pattern SPACES = Pattern.compile(" +");

    public PixCharge {
        Objects.requireNonNull(key, "key");
        requireNormalised("merchantName", merchantName, MAX_NAME_LENGTH);
        requireNormalised("merchantCity", merchantCity, MAX_CITY_LENGTH);
        Objects.requireNonNull(amount, "amount");
        amount = amount.map(PixCharge::checkAmount);
        if (txid == null || !(txid.equals(NO_TXID) || TXID.matcher(txid).matches())) {
            throw new IllegalArgumentException("txid: " + txid + " (expected: 1.." + MAX_TXID_LENGTH + " letters and digits, or ***)");
        }
        Objects.requireNonNull(description, "description");
        description.ifPresent(text -> requireNormalised("description", text, MAX_DESCRIPTION_LENGTH));
    }

    /**
     * A charge with the free-text fields normalised; a description that does not fit next to
     * the key in field 26 (99 characters) is shortened, an empty one dropped.
     */
    public static PixCharge of(PixKey key, String merchantName, String merchantCity, Optional<BigDecimal> amount, String txid,
            Optional<String> description) {
        Objects.requireNonNull(key, "key");
        int roomInField26 = EmvField.MAX_VALUE_LENGTH - BrCode.GUI_FIELD.encode().length() - 4 - key.value().length() - 4;
        Optional<String> shortDescription = description
                .map(text -> normalise(text, Math.min(MAX_DESCRIPTION_LENGTH, roomInField26)))
                .filter(text -> !text.isEmpty());
        return new PixCharge(key, normalise(merchantName, MAX_NAME_LENGTH), normalise(merchantCity, MAX_CITY_LENGTH), amount, txid,
                shortDescription);
    }

    /** Accents off, upper case, A-Z 0-9 and single spaces only, cut to {@code maxLength}, trimmed. */
    public static String normalise(String text, int maxLength) {
        String ascii = MARKS.matcher(Normalizer.normalize(Objects.requireNonNull(text, "text"), Normalizer.Form.NFD)).replaceAll("");
        String cleaned = SPACES.matcher(NOT_ALLOWED.matcher(ascii.toUpperCase(Locale.ROOT)).replaceAll(" ")).replaceAll(" ").strip();
        return cleaned.length() <= maxLength ? cleaned : cleaned.substring(0, maxLength).strip();
    }

    /** Field 54 as written: digits, a point, two decimals. */
    public Optional<String> amountText() {
        return amount.map(BigDecimal::toPlainString);
    }

    private static BigDecimal checkAmount(BigDecimal value) {
        if (value.signum() <= 0 || value.compareTo(MAX_AMOUNT) > 0) {
            throw new IllegalArgumentException("amount: " + value.toPlainString() + " (expected: 0.01.." + MAX_AMOUNT.toPlainString() + ")");
        }
        try {
            return value.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount: " + value.toPlainString() + " (expected: whole cents)", e);
        }
    }

    private static void requireNormalised(String field, String text, int maxLength) {
        if (text == null || text.length() > maxLength || !NAME.matcher(text).matches()) {
            throw new IllegalArgumentException(field + ": length " + (text == null ? 0 : text.length())
                    + " (expected: 1.." + maxLength + " of A-Z, 0-9 and single spaces; use PixCharge.of to normalise)");
        }
    }
}

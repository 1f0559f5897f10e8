package dev.cobra.pix;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes and reads Pix "copia e cola" payloads (BR Code, EMV QRCPS merchant-presented mode,
 * static form: the key is in the payload, no URL).
 *
 * <p>{@link #encode} writes the fields in the order of the BCB manual's examples: 00, 26 (GUI,
 * key, description), 52, 53, 54 (when there is an amount), 58, 59, 60, 62 (05 txid), then 63 with
 * the CRC16-CCITT-FALSE ({@link Crc16}) of everything before the CRC value, {@code "6304"}
 * included. No 01 (point of initiation): the code stays a plain static code, which every payer
 * bank reads; the txid is what ties a payment back to the agreement.
 *
 * <p>{@link #parse} is strict: CRC, format indicator first and CRC last, no repeated IDs, the
 * Pix GUI (any case), currency 986, country BR, the length limits of name, city and txid, a
 * well-formed amount. Stateless and thread-safe.
 */
public final class BrCode {
    /** The GUI that marks a merchant account template as Pix. */
    public static final String PIX_GUI = "br.gov.bcb.pix";
    static final EmvField GUI_FIELD = new EmvField("00", PIX_GUI);
    /** Generous bound: a static BR Code is at most a few hundred characters. */
    public static final int MAX_PAYLOAD_LENGTH = 512;
    private static final String CRC_HEADER = "6304";
    private static final Pattern HEX4 = Pattern.compile("[0-9A-Fa-f]{4}");
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,10}(\\.\\d{1,2})?");
    private static final Pattern TXID = Pattern.compile("\\*\\*\\*|[A-Za-z0-9]{1,25}");

    private BrCode() {}

    /** The payload for a charge, CRC included. */
    public static String encode(PixCharge charge) {
        List<EmvField> account = new ArrayList<>();
        account.add(GUI_FIELD);
        account.add(new EmvField("01", charge.key().value()));
        charge.description().ifPresent(text -> account.add(new EmvField("02", text)));

        List<EmvField> fields = new ArrayList<>();
        fields.add(new EmvField("00", "01"));
        fields.add(new EmvField("26", EmvField.encode(account)));
        fields.add(new EmvField("52", "0000"));
        fields.add(new EmvField("53", "986"));
        charge.amountText().ifPresent(amount -> fields.add(new EmvField("54", amount)));
        fields.add(new EmvField("58", "BR"));
        fields.add(new EmvField("59", charge.merchantName()));
        fields.add(new EmvField("60", charge.merchantCity()));
        fields.add(new EmvField("62", new EmvField("05", charge.txid()).encode()));
        return assemble(fields);
    }

    /** Encodes fields in the order given and appends field 63 with the CRC. */
    public static String assemble(List<EmvField> fieldsWithoutCrc) {
        String body = EmvField.encode(fieldsWithoutCrc) + CRC_HEADER;
        return body + Crc16.hex(body);
    }

    /**
     * Validates a payload and returns its fields.
     *
     * @throws BrCodeFormatException naming the first rule broken
     */
    public static ParsedBrCode parse(String payload) {
        if (payload == null || payload.length() < 8 || payload.length() > MAX_PAYLOAD_LENGTH) {
            throw new BrCodeFormatException("payload: length " + (payload == null ? 0 : payload.length())
                    + " (expected: 8.." + MAX_PAYLOAD_LENGTH + ")");
        }
        int crcAt = payload.length() - 4;
        if (!payload.startsWith(CRC_HEADER, crcAt - 4) || !HEX4.matcher(payload.substring(crcAt)).matches()) {
            throw new BrCodeFormatException("payload: does not end with field 63 (6304 and four hex digits)");
        }
        String expectedCrc = Crc16.hex(payload.substring(0, crcAt));
        if (!expectedCrc.equalsIgnoreCase(payload.substring(crcAt))) {
            throw new BrCodeFormatException("field 63: CRC " + payload.substring(crcAt).toUpperCase(Locale.ROOT)
                    + " (expected: " + expectedCrc + ")");
        }
        List<EmvField> fields = EmvField.parse(payload, "payload");
        if (!fields.get(0).id().equals("00") || !fields.get(0).value().equals("01")) {
            throw new BrCodeFormatException("field 00: payload format indicator missing or not 01 (must come first)");
        }
        Set<String> seen = new HashSet<>();
        for (EmvField field : fields) {
            if (!seen.add(field.id())) {
                throw new BrCodeFormatException("field " + field.id() + ": repeated");
            }
        }
        if (!fields.get(fields.size() - 1).id().equals("63")) {
            throw new BrCodeFormatException("field 63: CRC must be the last field");
        }
        List<EmvField> account = pixAccount(fields);
        String key = child(account, "01", "field 26")
                .orElseThrow(() -> new BrCodeFormatException("field 26: no key (01); dynamic payloads (25, URL) are not supported"));
        Optional<String> description = child(account, "02", "field 26");
        require(fields, "52", "0000|\\d{4}", "merchant category code, 4 digits");
        require(fields, "53", "986", "currency 986 (BRL)");
        require(fields, "58", "BR", "country BR");
        String name = require(fields, "59", ".{1,25}", "merchant name, 1..25 characters");
        String city = require(fields, "60", ".{1,15}", "merchant city, 1..15 characters");
        Optional<BigDecimal> amount = value(fields, "54").map(text -> {
            if (text.length() > 13 || !AMOUNT.matcher(text).matches()) {
                throw new BrCodeFormatException("field 54: amount length " + text.length() + " (expected: digits with an optional point and 1-2 decimals)");
            }
            return new BigDecimal(text);
        });
        List<EmvField> additional = EmvField.parse(value(fields, "62")
                .orElseThrow(() -> new BrCodeFormatException("field 62: missing (txid 05 is required, *** when none)")), "field 62");
        String txid = child(additional, "05", "field 62")
                .orElseThrow(() -> new BrCodeFormatException("field 62: no txid (05)"));
        if (!TXID.matcher(txid).matches()) {
            throw new BrCodeFormatException("field 62-05: txid length " + txid.length() + " (expected: 1..25 letters and digits, or ***)");
        }
        return new ParsedBrCode(key, description, name, city, amount, txid, fields);
    }

    /** The first merchant account template (IDs 26..51) whose GUI is Pix. */
    private static List<EmvField> pixAccount(List<EmvField> fields) {
        for (EmvField field : fields) {
            int id = Integer.parseInt(field.id());
            if (id >= 26 && id <= 51) {
                List<EmvField> children = EmvField.parse(field.value(), "field " + field.id());
                if (child(children, "00", "field " + field.id()).filter(PIX_GUI::equalsIgnoreCase).isPresent()) {
                    return children;
                }
            }
        }
        throw new BrCodeFormatException("field 26: no merchant account template with GUI " + PIX_GUI);
    }

    private static Optional<String> child(List<EmvField> children, String id, String where) {
        Optional<String> found = Optional.empty();
        for (EmvField child : children) {
            if (child.id().equals(id)) {
                if (found.isPresent()) {
                    throw new BrCodeFormatException(where + "-" + id + ": repeated");
                }
                found = Optional.of(child.value());
            }
        }
        return found;
    }

    private static Optional<String> value(List<EmvField> fields, String id) {
        return fields.stream().filter(field -> field.id().equals(id)).map(EmvField::value).findFirst();
    }

    private static String require(List<EmvField> fields, String id, String pattern, String expected) {
        String text = value(fields, id).orElseThrow(() -> new BrCodeFormatException("field " + id + ": missing (" + expected + ")"));
        if (!text.matches(pattern)) {
            throw new BrCodeFormatException("field " + id + ": invalid, length " + text.length() + " (expected: " + expected + ")");
        }
        return text;
    }
}

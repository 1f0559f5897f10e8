package dev.cobra.pix;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One EMV TLV field: two-digit ID, two-digit length (in characters; BR Code values are ASCII),
 * value of 1 to 99 characters.
 */
public record EmvField(String id, String value) {
    private static final Pattern ID = Pattern.compile("\\d\\d");
    static final int MAX_VALUE_LENGTH = 99;

    public EmvField {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id: " + id + " (expected: two digits)");
        }
        if (value == null || value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("field " + id + ": length " + (value == null ? 0 : value.length())
                    + " (expected: 1.." + MAX_VALUE_LENGTH + ")");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException("field " + id + ": character " + i + " is not printable ASCII");
            }
        }
    }

    /** {@code id + length + value}, e.g. {@code 5802BR}. */
    public String encode() {
        return id + String.format(Locale.ROOT, "%02d", value.length()) + value;
    }

    /** The fields of a template value in order. */
    public List<EmvField> children() {
        return parse(value, "field " + id);
    }

    /** Encodes fields one after the other. */
    public static String encode(List<EmvField> fields) {
        StringBuilder out = new StringBuilder();
        for (EmvField field : fields) {
            out.append(field.encode());
        }
        return out.toString();
    }

    /**
     * Splits a TLV string into fields.
     *
     * @param where names the string in error messages ("payload", "field 26")
     * @throws BrCodeFormatException when a header or length runs past the end
     */
    public static List<EmvField> parse(String text, String where) {
        List<EmvField> fields = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            if (at + 4 > text.length()) {
                throw new BrCodeFormatException(where + ": truncated field header at offset " + at);
            }
            String id = text.substring(at, at + 2);
            String length = text.substring(at + 2, at + 4);
            if (!ID.matcher(id).matches() || !ID.matcher(length).matches()) {
                throw new BrCodeFormatException(where + ": bad field header at offset " + at + " (expected: 4 digits)");
            }
            int end = at + 4 + Integer.parseInt(length);
            if (end > text.length()) {
                throw new BrCodeFormatException(where + ": field " + id + " at offset " + at + " claims " + length
                        + " characters, " + (text.length() - at - 4) + " left");
            }
            try {
                fields.add(new EmvField(id, text.substring(at + 4, end)));
            } catch (IllegalArgumentException e) {
                throw new BrCodeFormatException(where + ": " + e.getMessage(), e);
            }
            at = end;
        }
        return fields;
    }
}

package dev.cobra.pix;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * CRC16-CCITT-FALSE, the checksum of field 63 of a BR Code: polynomial 0x1021, initial value
 * 0xFFFF, no reflection, no final XOR; check value 0x29B1 for "123456789". Written as four
 * upper-case hex digits.
 */
public final class Crc16 {
    private static final int POLYNOMIAL = 0x1021;
    private static final int INITIAL = 0xFFFF;

    private Crc16() {}

    /** The CRC of the text's ASCII bytes. */
    public static int of(CharSequence text) {
        int crc = INITIAL;
        for (byte b : text.toString().getBytes(StandardCharsets.US_ASCII)) {
            crc ^= (b & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ POLYNOMIAL : crc << 1;
            }
            crc &= 0xFFFF;
        }
        return crc;
    }

    /** The CRC as field 63 writes it: four upper-case hex digits. */
    public static String hex(CharSequence text) {
        return String.format(Locale.ROOT, "%04X", of(text));
    }
}

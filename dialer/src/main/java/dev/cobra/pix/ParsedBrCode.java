package dev.cobra.pix;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A BR Code that passed {@link BrCode#parse}: its CRC holds and the fields Pix requires are there.
 *
 * @param key field 26-01 as written (not re-validated as a DICT key)
 * @param description field 26-02, if any
 * @param merchantName field 59
 * @param merchantCity field 60
 * @param amount field 54, if any
 * @param txid field 62-05 ({@code ***} for none)
 * @param fields every top-level field in order, field 63 included
 */
public record ParsedBrCode(String key, Optional<String> description, String merchantName, String merchantCity,
        Optional<BigDecimal> amount, String txid, List<EmvField> fields) {

    public ParsedBrCode {
        fields = List.copyOf(fields);
    }

    /** The top-level field with this ID, if present. */
    public Optional<EmvField> field(String id) {
        return fields.stream().filter(field -> field.id().equals(id)).findFirst();
    }

    /** Field values are personal data (the key, the name): only the txid and amount are shown. */
    @Override
    public String toString() {
        return "ParsedBrCode[txid=" + txid + ", amount=" + amount.map(BigDecimal::toPlainString).orElse("open") + "]";
    }
}

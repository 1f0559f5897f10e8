package dev.cobra.pix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BrCodeTest {
    /**
     * The example of the Banco Central's BR Code manual (Manual de Padrões para Iniciação do Pix):
     * random key, "Fulano de Tal", BRASILIA, no amount, no txid; CRC 1D3D. Widely reproduced by
     * Pix libraries' tests as the reference payload.
     */
    private static final String BCB_MANUAL_EXAMPLE = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000"
            + "5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";
    private static final PixKey EVP = PixKey.parse("123e4567-e12b-12d1-a456-426655440000");

    @Test
    void crcMatchesTheCcittFalseCheckValue() {
        assertEquals("29B1", Crc16.hex("123456789"));
        assertEquals(0xFFFF, Crc16.of(""));
    }

    @Test
    void parsesTheBancoCentralManualExample() {
        ParsedBrCode parsed = BrCode.parse(BCB_MANUAL_EXAMPLE);
        assertEquals("123e4567-e12b-12d1-a456-426655440000", parsed.key());
        assertEquals("Fulano de Tal", parsed.merchantName());
        assertEquals("BRASILIA", parsed.merchantCity());
        assertEquals(Optional.empty(), parsed.amount());
        assertEquals(Optional.empty(), parsed.description());
        assertEquals("***", parsed.txid());
        assertEquals("1D3D", parsed.field("63").orElseThrow().value());
        assertEquals("1D3D", Crc16.hex(BCB_MANUAL_EXAMPLE.substring(0, BCB_MANUAL_EXAMPLE.length() - 4)));
    }

    @Test
    void assemblesTheManualExampleByteForByte() {
        List<EmvField> fields = List.of(
                new EmvField("00", "01"),
                new EmvField("26", EmvField.encode(List.of(new EmvField("00", "br.gov.bcb.pix"), new EmvField("01", EVP.value())))),
                new EmvField("52", "0000"),
                new EmvField("53", "986"),
                new EmvField("58", "BR"),
                new EmvField("59", "Fulano de Tal"),
                new EmvField("60", "BRASILIA"),
                new EmvField("62", new EmvField("05", "***").encode()));
        assertEquals(BCB_MANUAL_EXAMPLE, BrCode.assemble(fields));
    }

    @Test
    void encodesAChargeInTheManualsLayoutWithNormalisedText() {
        String payload = BrCode.encode(PixCharge.of(EVP, "Fulano de Tal", "Brasília", Optional.empty(), "***", Optional.empty()));
        String body = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000"
                + "5204000053039865802BR5913FULANO DE TAL6008BRASILIA62070503***6304";
        assertEquals(body + Crc16.hex(body), payload);
    }

    @Test
    void encodesAmountTxidAndDescription() {
        PixCharge charge = PixCharge.of(PixKey.parse("+5511912345678"), "Exemplo Serviços Ltda", "São Paulo",
                Optional.of(new BigDecimal("412.5")), "ACORDO20261124A1", Optional.of("Acordo nº 42, parcela 1/3"));
        String payload = BrCode.encode(charge);
        assertTrue(payload.contains("5406412.50"), payload);
        assertTrue(payload.contains("6220" + "0516ACORDO20261124A1"), payload);
        assertTrue(payload.contains("0114+5511912345678" + "0223ACORDO N 42 PARCELA 1 3"), payload);
        assertTrue(payload.contains("5921EXEMPLO SERVICOS LTDA6009SAO PAULO"), payload);
        ParsedBrCode parsed = BrCode.parse(payload);
        assertEquals(Optional.of(new BigDecimal("412.50")), parsed.amount());
        assertEquals("ACORDO20261124A1", parsed.txid());
        assertEquals(Optional.of("ACORDO N 42 PARCELA 1 3"), parsed.description());
    }

    @Test
    void normalisesNamesAndCitiesToTheFieldLimits() {
        assertEquals("JOSE DA SILVA FILHOS COME", PixCharge.normalise("  José da Silva & Filhos Comércio Ltda. ", PixCharge.MAX_NAME_LENGTH));
        assertEquals("SAO JOSE DOS CA", PixCharge.normalise("São José dos Campos", PixCharge.MAX_CITY_LENGTH));
        assertEquals("SAO PAULO", PixCharge.normalise("São   Paulo", PixCharge.MAX_CITY_LENGTH));
        // A cut that ends on a space does not leave it behind.
        assertEquals("ABCDEFGHIJKLMN", PixCharge.normalise("ABCDEFGHIJKLMN OP", PixCharge.MAX_CITY_LENGTH));
        assertThrows(IllegalArgumentException.class, () -> PixCharge.of(EVP, "&&&", "X", Optional.empty(), "***", Optional.empty()));
        assertThrows(IllegalArgumentException.class,
                () -> new PixCharge(EVP, "Fulano", "BRASILIA", Optional.empty(), "***", Optional.empty()));
    }

    @Test
    void enforcesTxidAndAmountRules() {
        assertThrows(IllegalArgumentException.class, () -> charge("ACORDO-1", Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> charge("A".repeat(26), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> charge("", Optional.empty()));
        assertEquals("A".repeat(25), charge("A".repeat(25), Optional.empty()).txid());
        assertThrows(IllegalArgumentException.class, () -> charge("***", Optional.of(BigDecimal.ZERO)));
        assertThrows(IllegalArgumentException.class, () -> charge("***", Optional.of(new BigDecimal("1.001"))));
        assertThrows(IllegalArgumentException.class, () -> charge("***", Optional.of(new BigDecimal("10000000000.00"))));
        assertEquals(Optional.of("9999999999.99"), charge("***", Optional.of(new BigDecimal("9999999999.99"))).amountText());
    }

    @Test
    void shortensADescriptionThatWouldOverflowTheAccountTemplate() {
        PixKey longEmail = PixKey.parse("a".repeat(55) + "@example.com");
        PixCharge charge = PixCharge.of(longEmail, "X", "Y", Optional.empty(), "***", Optional.of("Acordo de renegociação da dívida"));
        String payload = BrCode.encode(charge);
        EmvField account = BrCode.parse(payload).field("26").orElseThrow();
        assertEquals(99, account.value().length());
        assertEquals(Optional.of("ACORDO"), charge.description());
    }

    @Test
    void roundTripsRandomCharges() {
        SplittableRandom random = new SplittableRandom(986);
        List<PixKey> keys = List.of(EVP, PixKey.parse("529.982.247-25"), PixKey.parse("11.222.333/0001-81"),
                PixKey.parse("+5511912345678"), PixKey.parse("Cobranca@Example.COM"));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < 2_000; i++) {
            PixKey key = keys.get(random.nextInt(keys.size()));
            Optional<BigDecimal> amount = random.nextBoolean() ? Optional.empty()
                    : Optional.of(BigDecimal.valueOf(1 + random.nextLong(999_999_999_999L), 2));
            StringBuilder txid = new StringBuilder();
            for (int c = 1 + random.nextInt(25); c > 0; c--) {
                txid.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            PixCharge charge = PixCharge.of(key, "Credor " + random.nextInt(1_000_000), "Cidade " + random.nextInt(1000), amount,
                    random.nextInt(5) == 0 ? "***" : txid.toString(), random.nextBoolean() ? Optional.of("Parcela " + i) : Optional.empty());
            ParsedBrCode parsed = BrCode.parse(BrCode.encode(charge));
            assertEquals(key.value(), parsed.key());
            assertEquals(charge.merchantName(), parsed.merchantName());
            assertEquals(charge.merchantCity(), parsed.merchantCity());
            assertEquals(charge.amount(), parsed.amount());
            assertEquals(charge.txid(), parsed.txid());
            assertEquals(charge.description(), parsed.description());
        }
    }

    @Test
    void rejectsEverySingleCharacterChange() {
        String payload = BrCode.encode(charge("ACORDO42", Optional.of(new BigDecimal("123.45"))));
        for (int i = 0; i < payload.length(); i++) {
            int offset = i;
            char replacement = payload.charAt(i) == '7' ? '8' : '7';
            String changed = payload.substring(0, i) + replacement + payload.substring(i + 1);
            assertThrows(BrCodeFormatException.class, () -> BrCode.parse(changed), () -> "accepted a change at offset " + offset);
        }
    }

    @Test
    void rejectsPayloadsThatBreakTheRulesEvenWithAGoodCrc() {
        List<EmvField> good = new ArrayList<>(BrCode.parse(BCB_MANUAL_EXAMPLE).fields());
        good.remove(good.size() - 1);
        assertEquals(BCB_MANUAL_EXAMPLE, BrCode.assemble(good));

        assertRejected(replace(good, "53", "840"), "field 53");
        assertRejected(replace(good, "58", "US"), "field 58");
        assertRejected(replace(good, "59", "X".repeat(26)), "field 59");
        assertRejected(replace(good, "60", "X".repeat(16)), "field 60");
        assertRejected(replace(good, "26", EmvField.encode(List.of(new EmvField("00", "com.example.pay"), new EmvField("01", "x")))), "field 26");
        assertRejected(replace(good, "62", new EmvField("05", "ACORDO-42").encode()), "field 62-05");
        assertRejected(remove(good, "62"), "field 62");
        assertRejected(remove(good, "00"), "field 00");
        List<EmvField> withBadAmount = new ArrayList<>(good);
        withBadAmount.add(4, new EmvField("54", "1,00"));
        assertRejected(withBadAmount, "field 54");
        List<EmvField> repeated = new ArrayList<>(good);
        repeated.add(new EmvField("58", "BR"));
        assertRejected(repeated, "field 58");

        assertThrows(BrCodeFormatException.class, () -> BrCode.parse("0002010"));
        assertThrows(BrCodeFormatException.class, () -> BrCode.parse(BCB_MANUAL_EXAMPLE.replace("1D3D", "1D3E")));
        BrCodeFormatException truncated = assertThrows(BrCodeFormatException.class,
                () -> BrCode.parse(fixCrc("000201269900")));
        assertTrue(truncated.getMessage().contains("field 26"), truncated.getMessage());
    }

    @Test
    void recognisesAndNormalisesPixKeys() {
        assertEquals(new PixKey(PixKey.Type.CPF, "52998224725"), PixKey.parse("529.982.247-25"));
        assertEquals(new PixKey(PixKey.Type.CNPJ, "11222333000181"), PixKey.parse("11.222.333/0001-81"));
        assertEquals(new PixKey(PixKey.Type.PHONE, "+5511912345678"), PixKey.parse(" +5511912345678 "));
        assertEquals(new PixKey(PixKey.Type.EMAIL, "cobranca@example.com"), PixKey.parse("Cobranca@Example.COM"));
        assertEquals(new PixKey(PixKey.Type.EVP, "123e4567-e12b-12d1-a456-426655440000"), PixKey.parse("123E4567-E12B-12D1-A456-426655440000"));
        for (String bad : List.of("529.982.247-24", "111.111.111-11", "11.222.333/0001-80", "5511912345678", "+55", "not a key", "a@b")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PixKey.parse(bad), bad);
            assertFalse(e.getMessage().contains(bad.strip()), "message leaks the key: " + e.getMessage());
        }
        assertEquals("PixKey[CPF]", PixKey.parse("529.982.247-25").toString());
    }

    private static PixCharge charge(String txid, Optional<BigDecimal> amount) {
        return PixCharge.of(EVP, "Exemplo", "Brasilia", amount, txid, Optional.empty());
    }

    private static List<EmvField> replace(List<EmvField> fields, String id, String value) {
        List<EmvField> out = new ArrayList<>();
        for (EmvField field : fields) {
            out.add(field.id().equals(id) ? new EmvField(id, value) : field);
        }
        return out;
    }

    private static List<EmvField> remove(List<EmvField> fields, String id) {
        return fields.stream().filter(field -> !field.id().equals(id)).toList();
    }

    private static String fixCrc(String body) {
        return body + "6304" + Crc16.hex(body + "6304");
    }

    private static void assertRejected(List<EmvField> fields, String where) {
        BrCodeFormatException e = assertThrows(BrCodeFormatException.class, () -> BrCode.parse(BrCode.assemble(fields)));
        assertTrue(e.getMessage().startsWith(where), () -> "expected a complaint about " + where + ", got: " + e.getMessage());
    }
}

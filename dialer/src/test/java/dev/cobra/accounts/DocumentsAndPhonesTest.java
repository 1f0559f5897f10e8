package dev.cobra.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DocumentsAndPhonesTest {
    @Test
    void acceptsKnownValidDocumentsAndRejectsAlteredOnes() {
        assertEquals(TaxId.Kind.CPF, TaxId.parse("529.982.247-25").kind());
        assertEquals(TaxId.Kind.CNPJ, TaxId.parse("11.222.333/0001-81").kind());
        assertEquals("CPF check digits do not match", assertThrows(IllegalArgumentException.class, () -> TaxId.parse("529.982.247-52")).getMessage());
        assertEquals("CNPJ check digits do not match", assertThrows(IllegalArgumentException.class, () -> TaxId.parse("11.222.333/0001-18")).getMessage());
        assertEquals("CPF check digits do not match", assertThrows(IllegalArgumentException.class, () -> TaxId.parse("111.111.111-11")).getMessage());
        assertEquals("CPF/CNPJ must have 11 or 14 digits, has 10", assertThrows(IllegalArgumentException.class, () -> TaxId.parse("1234567890")).getMessage());
    }

    @Test
    void everyGeneratedDocumentValidatesAndAnyChangedCheckDigitIsCaught() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) {
            String base = String.format("%09d", random.nextInt(1_000_000_000));
            String cpf = TaxId.completeCpf(base);
            if (cpf.chars().distinct().count() == 1) {
                continue;
            }
            assertEquals(cpf, TaxId.parse(cpf).digits());
            // Only the check digits: mod-11 maps remainders 0 and 1 both to 0, so a few base-digit
            // substitutions keep the same check digits (a known property of CPF, not a bug here).
            int pos = 9 + random.nextInt(2);
            char changed = (char) ('0' + ((cpf.charAt(pos) - '0' + 1 + random.nextInt(9)) % 10));
            String altered = cpf.substring(0, pos) + changed + cpf.substring(pos + 1);
            assertThrows(IllegalArgumentException.class, () -> TaxId.parse(altered), "altered at " + pos);
            String cnpj = TaxId.completeCnpj(String.format("%08d0001", random.nextInt(100_000_000)));
            assertEquals(cnpj, TaxId.parse(cnpj).digits());
        }
    }

    @Test
    void normalisesBrazilianNumbersToE164() {
        assertEquals(new PhoneNumber("+5511987654321", PhoneNumber.Type.MOBILE), PhoneNumber.parse("(11) 98765-4321", null));
        assertEquals(new PhoneNumber("+5511987654321", PhoneNumber.Type.MOBILE), PhoneNumber.parse("011 98765 4321", "celular"));
        assertEquals(new PhoneNumber("+5511987654321", PhoneNumber.Type.MOBILE), PhoneNumber.parse("+55 11 98765-4321", ""));
        assertEquals(new PhoneNumber("+556833334444", PhoneNumber.Type.LANDLINE), PhoneNumber.parse("68 3333.4444", "fixo"));
        assertEquals(68, PhoneNumber.parse("68 3333.4444", null).ddd());
        assertEquals(new PhoneNumber("+12125550123", PhoneNumber.Type.MOBILE), PhoneNumber.parse("+1 212 555 0123", null));
        assertEquals(new PhoneNumber("+442079460000", PhoneNumber.Type.LANDLINE), PhoneNumber.parse("+44 20 7946 0000", "landline"));
    }

    @Test
    void rejectsNumbersThatCannotBeDialled() {
        assertEquals("DDD 10 does not exist", msg("(10) 98765-4321"));
        assertEquals("Brazilian number must be DDD + 8 or 9 digits, has 9 digits", msg("11 8765-432"));
        assertEquals("9-digit Brazilian number must be a mobile starting with 9", msg("11 88765-4321"));
        assertEquals("8-digit Brazilian number must be a landline starting with 2 to 5", msg("11 9876-5432"));
        assertEquals("international number must be '+' and 8 to 15 digits (E.164)", msg("+1 555"));
        assertEquals("phone number has characters other than digits, spaces, '()', '.', '-' and a leading '+'", msg("11 9876x5432"));
        assertEquals("declared type landline does not match the number (mobile)",
                assertThrows(IllegalArgumentException.class, () -> PhoneNumber.parse("11 98765-4321", "fixo")).getMessage());
    }

    @Test
    void masksPersonalData() {
        assertEquals("+5511*******21", Mask.digits("+5511987654321"));
        assertEquals("***.***.***-25", Mask.digits("529.982.247-25"));
        assertEquals("Mar** da Sil**", Mask.name("Maria da Silva"));
    }

    private static String msg(String number) {
        return assertThrows(IllegalArgumentException.class, () -> PhoneNumber.parse(number, null)).getMessage();
    }
}

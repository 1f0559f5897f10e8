package dev.cobra.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountFileTest {
    static final String HEADER_BR = "debtor_id;name;document;state;account_id;principal;interest;fees;due_date;phone1;phone2\n";
    static final String GOOD_BR = HEADER_BR
            + "D1;Maria da Silva;529.982.247-25;SP;C1;1.234,56;10,00;2,50;31/12/2026;(11) 98765-4321;11 3333-4444\n"
            + "D1;Maria da Silva;529.982.247-25;SP;C2;99,9;0;0;01/01/2027;(11) 98765-4321;\n"
            + "D2;Padaria Sol Ltda;11.222.333/0001-81;AM;C3;500;;;15/10/2026;+55 92 99123-4567;\n";

    @Test
    void parsesBrazilianFormatWithDebtorsAccountsAndPhones() {
        ImportRecords r = AccountFile.parse("good.csv", GOOD_BR, null);
        assertEquals(ImportFormat.BR, r.format());
        assertEquals(3, r.rows());
        assertEquals(2, r.debtors().size());
        ImportRecords.Debtor maria = r.debtors().get(0);
        assertEquals("52998224725", maria.document().digits());
        assertEquals(TaxId.Kind.CPF, maria.document().kind());
        assertEquals(2, maria.accounts().size());
        assertEquals(new BigDecimal("1234.56"), maria.accounts().get(0).principal());
        assertEquals(new BigDecimal("99.90"), maria.accounts().get(1).principal());
        assertEquals(LocalDate.of(2026, 12, 31), maria.accounts().get(0).dueDate());
        assertEquals(new BigDecimal("1247.06"), maria.accounts().get(0).total());
        assertEquals(List.of("+5511987654321", "+551133334444"), maria.phones().stream().map(p -> p.number().e164()).toList());
        assertEquals(List.of(1, 2), maria.phones().stream().map(ImportRecords.Phone::priority).toList());
        assertEquals(PhoneNumber.Type.LANDLINE, maria.phones().get(1).number().type());
        ImportRecords.Debtor padaria = r.debtors().get(1);
        assertEquals(TaxId.Kind.CNPJ, padaria.document().kind());
        assertEquals(new BigDecimal("0.00"), padaria.accounts().get(0).interest());
        assertEquals("BRL", padaria.accounts().get(0).currency());
        assertEquals("open", padaria.accounts().get(0).status());
    }

    @Test
    void parsesIsoFormatWithPortugueseHeadersAndQuotes() {
        String iso = "id_devedor,nome,cpf_cnpj,uf,contrato,valor,juros,multa,vencimento,telefone1,tipo_telefone1,situacao\n"
                + "X9,\"Souza, João\",52998224725,RJ,K1,1234.5,0.10,0,2026-12-31,21987654321,celular,em_acordo\n";
        ImportRecords r = AccountFile.parse("iso.csv", iso, null);
        assertEquals(ImportFormat.ISO, r.format());
        assertEquals("Souza, João", r.debtors().get(0).name());
        assertEquals(new BigDecimal("1234.50"), r.debtors().get(0).accounts().get(0).principal());
        assertEquals("in_agreement", r.debtors().get(0).accounts().get(0).status());
    }

    @Test
    void declaredFormatOverridesDetection() {
        // A one-column-per-field file without separators in the header would be detected as ISO.
        ImportRejected e = assertThrows(ImportRejected.class, () -> AccountFile.parse("x.csv", GOOD_BR, ImportFormat.ISO));
        assertTrue(e.getMessage().contains("unknown column"), e.getMessage());
    }

    @Test
    void eachKindOfBadRowIsNamedByLineColumnAndMaskedValue() {
        String bad = HEADER_BR
                + "D1;Maria;529.982.247-24;SP;C1;10,00;;;31/12/2026;(11) 98765-4321;\n"      // line 2: CPF check digit
                + "D2;João;529.982.247-25;XX;C2;10,00;;;31/12/2026;(11) 98765-4321;\n"        // line 3: bad UF
                + "D3;Ana;529.982.247-25;SP;C3;1,234.56;;;31/12/2026;(11) 98765-4321;\n"      // line 4: ISO amount in BR file
                + "D4;Rui;529.982.247-25;SP;C4;10,00;;;31/02/2026;(11) 98765-4321;\n"         // line 5: impossible date
                + "D5;Eva;529.982.247-25;SP;C5;10,00;;;31/12/2026;(20) 98765-4321;\n"         // line 6: DDD 20 does not exist
                + "D6;Ivo;529.982.247-25;SP;C6;0,00;;;31/12/2026;(11) 98765-4321;\n"          // line 7: zero principal
                + "D7;Lia;529.982.247-25;SP;C7;10,00;;;31/12/2026;(11) 98765-4321\n"          // line 8: missing field
                + ";Sem Id;529.982.247-25;SP;C8;10,00;;;31/12/2026;(11) 98765-4321;\n"        // line 9: empty debtor id
                + "D9;Bia;529.982.247-25;SP;C1;10,00;;;31/12/2026;(11) 98765-4321;\n";        // line 10: account C1 again (C1 on line 2 was bad, so no clash)
        ImportRejected e = assertThrows(ImportRejected.class, () -> AccountFile.parse("bad.csv", bad, null));
        List<String> got = e.problems().stream().map(ImportRejected.Problem::toString).toList();
        assertEquals(8, got.size(), String.join("\n", got));
        assertEquals("line 2, column document, value \"***.***.***-24\": CPF check digits do not match", got.get(0));
        assertEquals("line 3, column state, value \"XX\": not a Brazilian UF (e.g. SP, RJ, AM)", got.get(1));
        assertTrue(got.get(2).startsWith("line 4, column principal, value \"1,234.56\": not an amount in pt-BR format"), got.get(2));
        assertTrue(got.get(3).startsWith("line 5, column due_date, value \"31/02/2026\": not a date in pt-BR format"), got.get(3));
        assertEquals("line 6, column phone1, value \"(**) *****-**21\": DDD 20 does not exist", got.get(4));
        assertEquals("line 7, column principal, value \"0,00\": must be greater than zero", got.get(5));
        assertTrue(got.get(6).startsWith("line 8: has 10 fields, the header has 11"), got.get(6));
        assertEquals("line 9, column debtor_id: required value is empty", got.get(7));
        assertTrue(e.getMessage().startsWith("bad.csv: rejected, nothing imported; 8 problems"), e.getMessage());
        assertFalse(e.getMessage().contains("98765-4321"), "phone numbers never appear whole");
    }

    @Test
    void headerProblemsAndInconsistentDebtorsAndDuplicateAccounts() {
        ImportRejected header = assertThrows(ImportRejected.class,
                () -> AccountFile.parse("h.csv", "debtor_id;nome;documento;valor;vencimento;telefone1;cor\n", null));
        assertEquals(List.of(
                "line 1, column cor: unknown column (known: debtor_id, name, document, state, time_zone, segment, account_id, "
                        + "principal, interest, fees, currency, due_date, status, phone1..phone5, phone1_type..)",
                "line 1, column account_id: required column is missing"),
                header.problems().stream().map(ImportRejected.Problem::toString).toList());

        String clash = HEADER_BR
                + "D1;Maria;529.982.247-25;SP;C1;10,00;;;31/12/2026;(11) 98765-4321;\n"
                + "D1;Maria;529.982.247-25;RJ;C2;10,00;;;31/12/2026;(11) 98765-4321;\n"
                + "D2;Joana;529.982.247-25;SP;C1;10,00;;;31/12/2026;(11) 98765-4321;\n";
        ImportRejected e = assertThrows(ImportRejected.class, () -> AccountFile.parse("c.csv", clash, null));
        assertEquals(2, e.problems().size());
        assertTrue(e.problems().get(0).toString().startsWith("line 3: debtor D1 differs from line 2"));
        assertEquals("line 4, column account_id, value \"C1\": account appears twice (first on line 2)", e.problems().get(1).toString());
    }

    @Test
    void emptyFilesUnclosedQuotesAndDebtorsWithoutPhonesAreRejected() {
        assertEquals("line 1: the file is empty (expected a header line)",
                assertThrows(ImportRejected.class, () -> AccountFile.parse("e.csv", "", null)).problems().get(0).toString());
        assertEquals("line 1: the file has a header but no rows",
                assertThrows(ImportRejected.class, () -> AccountFile.parse("e.csv", HEADER_BR, null)).problems().get(0).toString());
        String quote = HEADER_BR + "D1;\"Maria;529.982.247-25;SP;C1;10,00;;;31/12/2026;(11) 98765-4321;\n";
        assertEquals("line 2: quote opened in field 2 is never closed",
                assertThrows(ImportRejected.class, () -> AccountFile.parse("q.csv", quote, null)).problems().get(0).toString());
        String noPhone = HEADER_BR + "D1;Maria;529.982.247-25;SP;C1;10,00;;;31/12/2026;;\n";
        assertEquals("line 2, column phone1: debtor D1 has no phone number on any row",
                assertThrows(ImportRejected.class, () -> AccountFile.parse("p.csv", noPhone, null)).problems().get(0).toString());
    }

    @Test
    void stopsListingAfterTheLimitAndSaysSo() {
        StringBuilder sb = new StringBuilder(HEADER_BR);
        for (int i = 0; i < 80; i++) {
            sb.append("D").append(i).append(";M;000.000.000-00;SP;C").append(i).append(";1,00;;;31/12/2026;(11) 98765-4321;\n");
        }
        ImportRejected e = assertThrows(ImportRejected.class, () -> AccountFile.parse("many.csv", sb.toString(), null));
        assertEquals(AccountFile.MAX_PROBLEMS, e.problems().size());
        assertTrue(e.truncated());
        assertTrue(e.getMessage().contains("more problems not listed"));
    }

    @Test
    void windows1252FilesAreReadAndUtf8BomIsSkipped() {
        String text = HEADER_BR + "D1;João Conceição;529.982.247-25;SP;C1;10,00;;;31/12/2026;(11) 98765-4321;\n";
        byte[] latin = text.getBytes(Charset.forName("windows-1252"));
        assertEquals("João Conceição", AccountFile.parse("w.csv", AccountFile.decode(latin), null).debtors().get(0).name());
        byte[] bom = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
        assertEquals("João Conceição", AccountFile.parse("b.csv", AccountFile.decode(bom), null).debtors().get(0).name());
    }

    @Test
    void theCommittedDemoFileIsTheGeneratorsOutputAndValid() throws Exception {
        String committed = Files.readString(Path.of("../sql/demo/accounts-demo.csv"));
        assertEquals(DemoFileGenerator.generate(), committed, "regenerate with DemoFileGenerator.main");
        ImportRecords r = AccountFile.parse("accounts-demo.csv", committed, null);
        assertEquals(DemoFileGenerator.DEBTORS, r.debtors().size());
        assertTrue(r.debtors().stream().map(ImportRecords.Debtor::state).distinct().count() >= 15, "mixed states");
        try (InputStream in = getClass().getResourceAsStream("/demo/accounts-demo.csv")) {
            assertTrue(in != null && in.readAllBytes().length == committed.getBytes(StandardCharsets.UTF_8).length,
                    "the demo file ships on the classpath");
        }
    }
}

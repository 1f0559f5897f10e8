package dev.cobra.ivr.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import dev.cobra.ivr.plan.Installment;
import dev.cobra.ivr.plan.PaymentPlan;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpeakerTest {
    private static final Currency BRL = Currency.getInstance("BRL");
    private static final Speaker PT = Speaker.of(SpeechLanguage.PT_BR);
    private static final Speaker EN = Speaker.of(SpeechLanguage.EN);
    private static final Map<SpeechLanguage, Map<String, String>> CATALOG = Map.of(
            SpeechLanguage.PT_BR, PromptCatalog.words(SpeechLanguage.PT_BR),
            SpeechLanguage.EN, PromptCatalog.words(SpeechLanguage.EN));

    /** What the prompts say, through the catalog's texts; phrases render as [name]. */
    static String said(List<Prompt> prompts) {
        StringJoiner out = new StringJoiner(" ");
        for (Prompt prompt : prompts) {
            if (prompt.name().startsWith("phrase/")) {
                out.add("[" + prompt.name().substring("phrase/".length()) + "]");
                continue;
            }
            String text = CATALOG.get(prompt.language()).get(prompt.name());
            assertTrue(text != null, () -> "no catalog entry for " + prompt.path());
            out.add(text);
        }
        return out.toString();
    }

    @ParameterizedTest(name = "pt-BR {0} BRL")
    @CsvSource(delimiter = '|', textBlock = """
            0            | zero reais
            0.00         | zero reais
            0.01         | um centavo
            0.02         | dois centavos
            0.5          | cinquenta centavos
            1            | um real
            1.00         | um real
            1.01         | um real e um centavo
            2            | dois reais
            10           | dez reais
            16           | dezesseis reais
            21           | vinte e um reais
            100          | cem reais
            101          | cento e um reais
            200          | duzentos reais
            412.50       | quatrocentos e doze reais e cinquenta centavos
            1000         | mil reais
            1001         | mil e um reais
            1100         | mil e cem reais
            1234.56      | mil duzentos e trinta e quatro reais e cinquenta e seis centavos
            2000         | dois mil reais
            200001       | duzentos mil e um reais
            1000000      | um milhão de reais
            1000000.10   | um milhão de reais e dez centavos
            1000100      | um milhão e cem reais
            2000000      | dois milhões de reais
            2100000      | dois milhões e cem mil reais
            21000000.99  | vinte e um milhões de reais e noventa e nove centavos
            999999999.99 | novecentos e noventa e nove milhões novecentos e noventa e nove mil novecentos e noventa e nove reais e noventa e nove centavos
            1000000000   | um bilhão de reais
            2000000001   | dois bilhões e um reais
            """)
    void speaksBrazilianReaisInPortuguese(String amount, String expected) {
        assertEquals(expected, said(PT.money(new BigDecimal(amount), BRL)));
    }

    @ParameterizedTest(name = "en {0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0            | BRL | zero reais
            0.01         | BRL | one centavo
            1            | BRL | one real
            1.00         | BRL | one real
            10           | BRL | ten reais
            100          | BRL | one hundred reais
            101          | BRL | one hundred one reais
            1000         | BRL | one thousand reais
            1001         | BRL | one thousand one reais
            1234.56      | BRL | one thousand two hundred thirty four reais and fifty six centavos
            2000000      | BRL | two million reais
            21000000.99  | BRL | twenty one million reais and ninety nine centavos
            999999999.99 | BRL | nine hundred ninety nine million nine hundred ninety nine thousand nine hundred ninety nine reais and ninety nine centavos
            0            | USD | zero dollars
            1            | USD | one dollar
            2.01         | USD | two dollars and one cent
            0.99         | USD | ninety nine cents
            1.01         | GBP | one pound and one penny
            0.50         | GBP | fifty pence
            3            | GBP | three pounds
            """)
    void speaksMoneyInEnglish(String amount, String currency, String expected) {
        assertEquals(expected, said(EN.money(new BigDecimal(amount), Currency.getInstance(currency))));
    }

    @Test
    void speaksDollarsInPortuguese() {
        assertEquals("um dólar e um centavo", said(PT.money(new BigDecimal("1.01"), Currency.getInstance("USD"))));
        assertEquals("dois milhões de dólares", said(PT.money(new BigDecimal("2000000"), Currency.getInstance("USD"))));
    }

    @Test
    void rejectsAmountsItCannotSayExactly() {
        assertThrows(IllegalArgumentException.class, () -> PT.money(new BigDecimal("-0.01"), BRL));
        assertThrows(IllegalArgumentException.class, () -> PT.money(new BigDecimal("1000000000000"), BRL));
        IllegalArgumentException thirdDecimal = assertThrows(IllegalArgumentException.class,
                () -> PT.money(new BigDecimal("1.005"), BRL));
        assertTrue(thirdDecimal.getMessage().contains("1.005"), thirdDecimal.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PT.money(BigDecimal.ONE, Currency.getInstance("GBP")));
        assertThrows(IllegalArgumentException.class, () -> EN.money(BigDecimal.ONE, Currency.getInstance("EUR")));
    }

    @Test
    void acceptsTrailingZerosBeyondCents() {
        assertEquals("um real e dez centavos", said(PT.money(new BigDecimal("1.1000"), BRL)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-12-31 | trinta e um de dezembro de dois mil e vinte e seis | December thirty first twenty twenty six
            2026-03-01 | primeiro de março de dois mil e vinte e seis       | March first twenty twenty six
            2000-02-29 | vinte e nove de fevereiro de dois mil              | February twenty ninth two thousand
            2105-07-04 | quatro de julho de dois mil cento e cinco          | July fourth twenty one oh five
            """)
    void speaksDates(LocalDate date, String portuguese, String english) {
        assertEquals(portuguese, said(PT.date(date)));
        assertEquals(english, said(EN.date(date)));
    }

    @Test
    void rejectsDatesOutsideTheRecordedYears() {
        assertThrows(IllegalArgumentException.class, () -> PT.date(LocalDate.of(2200, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> EN.date(LocalDate.of(1899, 12, 31)));
    }

    @Test
    void speaksDaysOverdue() {
        assertEquals("há trinta e cinco dias", said(PT.daysOverdue(35)));
        assertEquals("há um dia", said(PT.daysOverdue(1)));
        assertEquals("thirty five days overdue", said(EN.daysOverdue(35)));
        assertEquals("one day overdue", said(EN.daysOverdue(1)));
        assertThrows(IllegalArgumentException.class, () -> PT.daysOverdue(0));
    }

    @Test
    void countsInstallmentsInTheNounsGender() {
        assertEquals("uma parcela", said(PT.installments(1)));
        assertEquals("duas parcelas", said(PT.installments(2)));
        assertEquals("duzentas e duas parcelas", said(PT.installments(202)));
        assertEquals("three installments", said(EN.installments(3)));
        assertEquals("one installment", said(EN.installments(1)));
    }

    @Test
    void offersAnInstallmentPlanOnAKey() {
        assertEquals("[offer-for] três parcelas [offer-of] quatrocentos e doze reais e cinquenta centavos [offer-press] três",
                said(PT.installmentOffer(3, new BigDecimal("412.50"), BRL, 3)));
        assertEquals("[offer-for] two installments [offer-of] ten reais [offer-press] two",
                said(EN.installmentOffer(2, BigDecimal.TEN, BRL, 2)));
        assertThrows(IllegalArgumentException.class, () -> PT.installmentOffer(12, BigDecimal.ONE, BRL, 12));
    }

    @Test
    void saysPlansForChoosingAndConfirming() {
        LocalDate day = LocalDate.of(2026, 12, 1);
        PaymentPlan full = new PaymentPlan(List.of(new Installment(1, day, new BigDecimal("1049.38"))),
                new BigDecimal("1049.38"), new BigDecimal("185.18"), BigDecimal.ZERO, false);
        assertEquals("[plan-full-payment] mil e quarenta e nove reais e trinta e oito centavos", said(PT.plan(full, BRL)));
        PaymentPlan three = new PaymentPlan(List.of(new Installment(1, day, new BigDecimal("333.33")),
                new Installment(2, day.plusMonths(1), new BigDecimal("333.33")), new Installment(3, day.plusMonths(2), new BigDecimal("333.34"))),
                new BigDecimal("1000.00"), BigDecimal.ZERO, BigDecimal.ZERO, false);
        assertEquals("[offer-for] três parcelas [offer-of] trezentos e trinta e três reais e trinta e três centavos [offer-press] três",
                said(PT.planOffer(three, BRL, 3)));
        PaymentPlan withDown = new PaymentPlan(List.of(new Installment(1, day, new BigDecimal("200.00")),
                new Installment(2, day.plusMonths(1), new BigDecimal("412.04")), new Installment(3, day.plusMonths(2), new BigDecimal("412.04"))),
                new BigDecimal("1024.08"), BigDecimal.ZERO, new BigDecimal("24.08"), true);
        assertEquals("[offer-down-payment] two hundred reais [offer-plus] two installments [offer-of] four hundred twelve reais and four centavos",
                said(EN.plan(withDown, BRL)));
    }

    @Test
    void speaksDigitsAndSpellsNames() {
        assertEquals("um um nove zero", said(PT.digits("1190")));
        assertThrows(IllegalArgumentException.class, () -> PT.digits("11-90"));
        assertEquals("jota ó esse é", said(PT.spell("José")));
        assertEquals("ay en en ay two", said(EN.spell("Ann-a 2")));
    }

    @Test
    void namesPromptFilesInAscii() {
        assertEquals(List.of("pt-BR/num/dois", "pt-BR/num/milhoes", "pt-BR/word/de", "pt-BR/money/reais"),
                PT.money(new BigDecimal("2000000"), BRL).stream().map(Prompt::path).toList());
        assertEquals("pt-BR/phrase/call-recorded", PT.phrase(Phrase.CALL_RECORDED).path());
    }
}

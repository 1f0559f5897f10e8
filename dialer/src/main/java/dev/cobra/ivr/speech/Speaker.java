package dev.cobra.ivr.speech;

import com.ibm.icu.text.RuleBasedNumberFormat;
import com.ibm.icu.util.ULocale;
import dev.cobra.ivr.plan.PaymentPlan;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns amounts, dates, counts, digits and letters into the sequence of prompt files that says
 * them in one language; the IVR plays the list in order.
 *
 * <p>Number words come from ICU4J's {@link RuleBasedNumberFormat} spellout rules (pt-BR
 * {@code %spellout-cardinal-masculine}, en {@code %spellout-cardinal}); each word becomes one
 * prompt ({@code pt-BR/num/duzentos}, and en "twenty-one" becomes {@code en/num/twenty} +
 * {@code en/num/one}). This class adds what ICU does not know, the currency grammar:
 * <ul>
 *   <li>singular for exactly one unit: "um real", "one dollar", "um centavo", "one penny";
 *   <li>pt-BR "de" between a round million or billion and the currency: "dois milhões de reais",
 *       "um milhão de reais e dez centavos", but "dois milhões e cem mil reais" (the rule: the
 *       integer part is a non-zero multiple of one million);
 *   <li>"e" / "and" between units and cents; cents alone when the units are zero: "um centavo";
 *   <li>zero is plural: "zero reais", "zero dollars" (the form grammars and banks use; "zero
 *       real" is heard but is not the norm).
 * </ul>
 *
 * <p>Currencies: pt-BR speaks BRL (real/reais, centavo/centavos) and USD (dólar/dólares); en
 * speaks BRL (real/reais, centavo/centavos), USD (dollar/dollars, cent/cents) and GBP
 * (pound/pounds, penny/pence). Amounts from 0 to {@value #MAX_AMOUNT_TEXT}, at most two decimal
 * places (the caller rounds; this class never does).
 *
 * <p>Dates: pt-BR "trinta e um de dezembro de dois mil e vinte e seis" (the first day of a month
 * is "primeiro", as said in Brazil); en "December thirty-first, twenty twenty-six". en follows US
 * usage ("one hundred one", no "and"); a UK reading would need en-GB rules and prompts.
 *
 * <p>Thread-safe: the ICU formatter, which is not, is used under this object's lock.
 */
public final class Speaker {
    static final String MAX_AMOUNT_TEXT = "999999999999.99";
    private static final BigDecimal MAX_AMOUNT = new BigDecimal(MAX_AMOUNT_TEXT);
    private static final long ONE_MILLION = 1_000_000L;
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[\\s\\-\u00AD]+");
    private static final Currency BRL = Currency.getInstance("BRL");
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency GBP = Currency.getInstance("GBP");

    /** Singular and plural names of a currency's unit and its hundredth, in one language. */
    private record CurrencyWords(String unit, String units, String cent, String cents) {}

    private static final Map<Currency, CurrencyWords> PT_BR_CURRENCIES = Map.of(
            BRL, new CurrencyWords("real", "reais", "centavo", "centavos"),
            USD, new CurrencyWords("dólar", "dólares", "centavo", "centavos"));
    private static final Map<Currency, CurrencyWords> EN_CURRENCIES = Map.of(
            BRL, new CurrencyWords("real", "reais", "centavo", "centavos"),
            USD, new CurrencyWords("dollar", "dollars", "cent", "cents"),
            GBP, new CurrencyWords("pound", "pounds", "penny", "pence"));

    /** Letter names for spelling, a to z; the synthesiser reads these texts. */
    private static final List<String> PT_BR_LETTERS = List.of(
            "á", "bê", "cê", "dê", "é", "efe", "gê", "agá", "i", "jota", "cá", "ele", "eme",
            "ene", "ó", "pê", "quê", "erre", "esse", "tê", "u", "vê", "dáblio", "xis", "ípsilon", "zê");
    private static final List<String> EN_LETTERS = List.of(
            "ay", "bee", "see", "dee", "ee", "eff", "gee", "aitch", "eye", "jay", "kay", "el", "em",
            "en", "oh", "pee", "cue", "ar", "ess", "tee", "you", "vee", "double you", "ex", "why", "zee");

    private final SpeechLanguage language;
    private final RuleBasedNumberFormat spellout;
    private final String cardinalRules;
    private final String ordinalRules;

    private Speaker(SpeechLanguage language) {
        this.language = language;
        this.spellout = new RuleBasedNumberFormat(ULocale.forLanguageTag(language.tag()), RuleBasedNumberFormat.SPELLOUT);
        this.cardinalRules = isPortuguese() ? "%spellout-cardinal-masculine" : "%spellout-cardinal";
        this.ordinalRules = isPortuguese() ? "%spellout-ordinal-masculine" : "%spellout-ordinal";
    }

    /** A speaker for one language. Cheap enough to create per call, safe to share. */
    public static Speaker of(SpeechLanguage language) {
        return new Speaker(Objects.requireNonNull(language, "language"));
    }

    public SpeechLanguage language() {
        return language;
    }

    /**
     * An amount of money: "mil duzentos e trinta e quatro reais e cinquenta e seis centavos".
     *
     * @throws IllegalArgumentException when the amount is negative, above the maximum, has more
     *     than two decimal places, or the currency is not spoken in this language
     */
    public List<Prompt> money(BigDecimal amount, Currency currency) {
        return prompts(moneyWords(amount, currency));
    }

    /** A calendar date, years 1900 to 2199: "trinta e um de dezembro de dois mil e vinte e seis". */
    public List<Prompt> date(LocalDate date) {
        return prompts(dateWords(date));
    }

    /** How long a debt is overdue: "há trinta e cinco dias" / "thirty-five days overdue"; days >= 1. */
    public List<Prompt> daysOverdue(long days) {
        return prompts(daysOverdueWords(days));
    }

    /** A cardinal number, masculine in pt-BR ("dois"), for keys, counts of masculine things. */
    public List<Prompt> number(long n) {
        return prompts(cardinalWords(n, cardinalRules));
    }

    /** A number of installments with its noun: "três parcelas" / "three installments"; count >= 1. */
    public List<Prompt> installments(int count) {
        return prompts(installmentWords(count));
    }

    /**
     * The offer of one installment plan on a menu: "para três parcelas de quatrocentos e doze reais
     * e cinquenta centavos, tecle três" / "for three installments of ... press three".
     *
     * @param key the DTMF key that picks this offer, 0 to 9
     */
    public List<Prompt> installmentOffer(int count, BigDecimal installment, Currency currency, int key) {
        return offer(installmentsOf(count, installment, currency), key);
    }

    /**
     * A plan as the debtor hears it when choosing or confirming it:
     * <ul>
     *   <li>pay in full: "pagamento à vista de X" / "payment in full of X";
     *   <li>installments: "três parcelas de X" / "three installments of X";
     *   <li>with a down payment: "entrada de X mais duas parcelas de Y" / "a down payment of X plus
     *       two installments of Y".
     * </ul>
     * The amount said for the installments is {@link PaymentPlan#regularAmount()}; the last
     * installment, which absorbs the rounding, may differ from it by a few cents.
     */
    public List<Prompt> plan(PaymentPlan plan, Currency currency) {
        List<Prompt> out = new ArrayList<>();
        if (plan.count() == 1) {
            out.add(Phrase.PLAN_FULL_PAYMENT.prompt(language));
            out.addAll(money(plan.total(), currency));
        } else if (plan.downPayment()) {
            out.add(Phrase.OFFER_DOWN_PAYMENT.prompt(language));
            out.addAll(money(plan.first().amount(), currency));
            out.add(Phrase.OFFER_PLUS.prompt(language));
            out.addAll(installmentsOf(plan.count() - 1, plan.regularAmount(), currency));
        } else {
            out.addAll(installmentsOf(plan.count(), plan.regularAmount(), currency));
        }
        return Collections.unmodifiableList(out);
    }

    /** A plan on a menu: "para " + {@link #plan} + ", tecle " + key. */
    public List<Prompt> planOffer(PaymentPlan plan, Currency currency, int key) {
        return offer(plan(plan, currency), key);
    }

    private List<Prompt> installmentsOf(int count, BigDecimal installment, Currency currency) {
        List<Prompt> out = new ArrayList<>(installments(count));
        out.add(Phrase.OFFER_OF.prompt(language));
        out.addAll(money(installment, currency));
        return out;
    }

    private List<Prompt> offer(List<Prompt> what, int key) {
        if (key < 0 || key > 9) {
            throw new IllegalArgumentException("key: " + key + " (expected: 0..9)");
        }
        List<Prompt> out = new ArrayList<>();
        out.add(Phrase.OFFER_FOR.prompt(language));
        out.addAll(what);
        out.add(Phrase.OFFER_PRESS.prompt(language));
        out.addAll(number(key));
        return Collections.unmodifiableList(out);
    }

    /** Digits one by one ("um", "dois", "três"), e.g. a phone number or an agreement code. */
    public List<Prompt> digits(CharSequence digits) {
        List<Word> words = new ArrayList<>();
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("digits: character " + i + " is not 0-9");
            }
            words.addAll(cardinalWords(c - '0', cardinalRules));
        }
        return prompts(words);
    }

    /**
     * Spells letters and digits one by one; accents are dropped ("José" is j, o, s, e), other
     * characters (spaces, hyphens, apostrophes) are skipped.
     */
    public List<Prompt> spell(String text) {
        String folded = Word.fold(text);
        List<Word> words = new ArrayList<>();
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (c >= 'a' && c <= 'z') {
                words.add(letterWord(c));
            } else if (c >= '0' && c <= '9') {
                words.addAll(cardinalWords(c - '0', cardinalRules));
            }
        }
        return prompts(words);
    }

    /** A fixed phrase in this speaker's language. */
    public Prompt phrase(Phrase phrase) {
        return phrase.prompt(language);
    }

    // ---- word level, shared with PromptCatalog ----

    List<Word> moneyWords(BigDecimal amount, Currency currency) {
        Objects.requireNonNull(amount, "amount");
        CurrencyWords names = (isPortuguese() ? PT_BR_CURRENCIES : EN_CURRENCIES).get(Objects.requireNonNull(currency, "currency"));
        if (names == null) {
            throw new IllegalArgumentException("currency: " + currency + " (not spoken in " + language.tag() + ")");
        }
        if (amount.signum() < 0 || amount.compareTo(MAX_AMOUNT) > 0) {
            throw new IllegalArgumentException("amount: " + amount.toPlainString() + " (expected: 0.." + MAX_AMOUNT_TEXT + ")");
        }
        long totalCents;
        try {
            totalCents = amount.setScale(2, RoundingMode.UNNECESSARY).movePointRight(2).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "amount: " + amount.toPlainString() + " (expected: at most 2 decimal places; round before speaking)", e);
        }
        long units = totalCents / 100;
        long cents = totalCents % 100;
        List<Word> words = new ArrayList<>();
        if (units == 0 && cents == 0) {
            words.addAll(cardinalWords(0, cardinalRules));
            words.add(Word.of("money", names.units()));
            return words;
        }
        if (units > 0) {
            words.addAll(cardinalWords(units, cardinalRules));
            if (isPortuguese() && units % ONE_MILLION == 0) {
                words.add(Word.of("word", "de"));
            }
            words.add(Word.of("money", units == 1 ? names.unit() : names.units()));
        }
        if (cents > 0) {
            if (units > 0) {
                words.add(isPortuguese() ? Word.of("num", "e") : Word.of("word", "and"));
            }
            words.addAll(cardinalWords(cents, cardinalRules));
            words.add(Word.of("money", cents == 1 ? names.cent() : names.cents()));
        }
        return words;
    }

    List<Word> dateWords(LocalDate date) {
        Objects.requireNonNull(date, "date");
        if (date.getYear() < PromptCatalog.FIRST_YEAR || date.getYear() > PromptCatalog.LAST_YEAR) {
            throw new IllegalArgumentException("date: " + date + " (expected: years "
                    + PromptCatalog.FIRST_YEAR + ".." + PromptCatalog.LAST_YEAR + ", the years with prompts)");
        }
        Word month = Word.of("date", date.getMonth().getDisplayName(TextStyle.FULL, language.locale()));
        List<Word> year = cardinalWords(date.getYear(), "%spellout-numbering-year");
        List<Word> words = new ArrayList<>();
        if (isPortuguese()) {
            int day = date.getDayOfMonth();
            words.addAll(day == 1 ? cardinalWords(1, ordinalRules) : cardinalWords(day, cardinalRules));
            words.add(Word.of("word", "de"));
            words.add(month);
            words.add(Word.of("word", "de"));
        } else {
            words.add(month);
            words.addAll(cardinalWords(date.getDayOfMonth(), ordinalRules));
        }
        words.addAll(year);
        return words;
    }

    List<Word> daysOverdueWords(long days) {
        if (days < 1) {
            throw new IllegalArgumentException("days: " + days + " (expected: >= 1)");
        }
        List<Word> words = new ArrayList<>();
        if (isPortuguese()) {
            words.add(Word.of("word", "há"));
            words.addAll(cardinalWords(days, cardinalRules));
            words.add(Word.of("word", days == 1 ? "dia" : "dias"));
        } else {
            words.addAll(cardinalWords(days, cardinalRules));
            words.add(Word.of("word", days == 1 ? "day" : "days"));
            words.add(Word.of("word", "overdue"));
        }
        return words;
    }

    List<Word> installmentWords(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 1)");
        }
        List<Word> words = new ArrayList<>();
        if (isPortuguese()) {
            // "parcela" is feminine: "uma parcela", "duas parcelas", "duzentas parcelas".
            words.addAll(cardinalWords(count, "%spellout-cardinal-feminine"));
            words.add(Word.of("word", count == 1 ? "parcela" : "parcelas"));
        } else {
            words.addAll(cardinalWords(count, cardinalRules));
            words.add(Word.of("word", count == 1 ? "installment" : "installments"));
        }
        return words;
    }

    Word letterWord(char letter) {
        List<String> names = isPortuguese() ? PT_BR_LETTERS : EN_LETTERS;
        return new Word("letter", String.valueOf(letter), names.get(letter - 'a'));
    }

    List<Word> cardinalWords(long n, String ruleSet) {
        String text;
        synchronized (this) {
            text = spellout.format(n, ruleSet);
        }
        List<Word> words = new ArrayList<>();
        for (String part : WORD_SEPARATORS.split(text.trim())) {
            words.add(Word.of("num", part));
        }
        return words;
    }

    private boolean isPortuguese() {
        return language == SpeechLanguage.PT_BR;
    }

    private List<Prompt> prompts(List<Word> words) {
        List<Prompt> out = new ArrayList<>(words.size());
        for (Word word : words) {
            out.add(word.prompt(language));
        }
        return Collections.unmodifiableList(out);
    }
}

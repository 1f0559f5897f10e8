package dev.cobra.ivr.speech;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every word prompt {@link Speaker} can emit in a language, with the text the synthesiser says
 * for it: the input of {@code ivr-flows/prompts/generate.sh}, written to
 * {@code ivr-flows/prompts/<lang>/words.tsv} by {@link #main(String[])}.
 *
 * <p>Completeness argument: spellout of any number is built from the words of 0..999 plus the
 * scale words (thousand, million, billion and their plurals), so speaking 0..999 and a few
 * multiples of each scale yields every number word; the feminine forms, the day of every date, the years {@value #FIRST_YEAR}..{@value #LAST_YEAR}, every currency, month, letter and
 * the singular/plural nouns are enumerated the same way, by asking {@link Speaker} itself. A test
 * keeps the committed lists equal to this catalog and checks a broad sample of speech against it.
 */
public final class PromptCatalog {
    static final int FIRST_YEAR = 1900;
    static final int LAST_YEAR = 2199;
    private static final long[] SCALES = {1_000L, 2_000L, 1_000_000L, 2_000_000L, 1_000_000_000L, 2_000_000_000L};

    private PromptCatalog() {}

    /** Prompt name (e.g. {@code num/milhoes}) to spoken text ("milhões"), sorted by name. */
    public static SortedMap<String, String> words(SpeechLanguage language) {
        Speaker speaker = Speaker.of(language);
        String cardinal = language == SpeechLanguage.PT_BR ? "%spellout-cardinal-masculine" : "%spellout-cardinal";
        List<Word> all = new ArrayList<>();
        for (long n = 0; n < 1000; n++) {
            all.addAll(speaker.cardinalWords(n, cardinal));
            if (n > 0) {
                all.addAll(speaker.installmentWords((int) n));
            }
        }
        for (long scale : SCALES) {
            all.addAll(speaker.cardinalWords(scale, cardinal));
            all.addAll(speaker.installmentWords((int) Math.min(scale, Integer.MAX_VALUE)));
        }
        for (int day = 1; day <= 31; day++) {
            all.addAll(speaker.dateWords(LocalDate.of(2000, Month.JANUARY, day)));
        }
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            all.addAll(speaker.cardinalWords(year, "%spellout-numbering-year"));
        }
        for (Month month : Month.values()) {
            all.addAll(speaker.dateWords(LocalDate.of(2000, month, 1)));
        }
        for (String currency : spokenCurrencies(language)) {
            for (String amount : List.of("0", "1", "2", "0.01", "0.02", "1.01", "1000000", "1000000.50")) {
                all.addAll(speaker.moneyWords(new BigDecimal(amount), Currency.getInstance(currency)));
            }
        }
        all.addAll(speaker.daysOverdueWords(1));
        all.addAll(speaker.daysOverdueWords(2));
        for (char c = 'a'; c <= 'z'; c++) {
            all.add(speaker.letterWord(c));
        }
        SortedMap<String, String> byName = new TreeMap<>();
        for (Word word : all) {
            String name = word.category() + "/" + word.fileName();
            String previous = byName.putIfAbsent(name, word.text());
            if (previous != null && !previous.equals(word.text())) {
                throw new IllegalStateException("prompt " + language.tag() + "/" + name
                        + " would say both '" + previous + "' and '" + word.text() + "'");
            }
        }
        return Collections.unmodifiableSortedMap(byName);
    }

    /** Currency codes {@link Speaker#money} accepts in a language. */
    public static List<String> spokenCurrencies(SpeechLanguage language) {
        return language == SpeechLanguage.PT_BR ? List.of("BRL", "USD") : List.of("BRL", "USD", "GBP");
    }

    /** The {@code words.tsv} content for a language: {@code name<TAB>text} lines, sorted. */
    public static String wordsTsv(SpeechLanguage language) {
        StringBuilder out = new StringBuilder();
        words(language).forEach((name, text) -> out.append(name).append('\t').append(text).append('\n'));
        return out.toString();
    }

    /**
     * Writes {@code <lang>/words.tsv} for every language under the prompt root given as the only
     * argument (default {@code ivr-flows/prompts}). Run by generate.sh before synthesising.
     */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "ivr-flows/prompts");
        for (SpeechLanguage language : SpeechLanguage.values()) {
            Path dir = root.resolve(language.tag());
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("words.tsv"), wordsTsv(language), StandardCharsets.UTF_8);
        }
    }
}

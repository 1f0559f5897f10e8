package dev.cobra.ivr.speech;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One spoken word as {@link Speaker} produces it before it becomes a {@link Prompt}: the category
 * (prompt subdirectory), the file name, and the text the prompt generator feeds to the
 * synthesiser. For most words the file name is the text folded to ASCII ("milhões" is
 * {@code num/milhoes}); letters are named after the letter and say its name ({@code letter/b},
 * "bê").
 */
record Word(String category, String fileName, String text) {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /** A word whose file name is its folded text. */
    static Word of(String category, String text) {
        return new Word(category, fold(text), text);
    }

    /** Lower case ASCII with accents removed: "Três" to "tres". */
    static String fold(String text) {
        String stripped = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return stripped.toLowerCase(Locale.ROOT);
    }

    Prompt prompt(SpeechLanguage language) {
        return new Prompt(language, category + "/" + fileName);
    }
}

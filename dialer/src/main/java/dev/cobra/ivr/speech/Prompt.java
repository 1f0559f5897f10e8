package dev.cobra.ivr.speech;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One pre-recorded prompt file, named relative to the language directory without the extension,
 * e.g. {@code num/duzentos} in {@code pt-BR}: the file is
 * {@code ivr-flows/prompts/pt-BR/num/duzentos.wav} and Asterisk plays it as
 * {@code pt-BR/num/duzentos} (Asterisk picks the extension itself).
 *
 * @param language the language directory
 * @param name category and file name, lower-case ASCII, e.g. {@code money/reais}
 */
public record Prompt(SpeechLanguage language, String name) {
    private static final Pattern NAME = Pattern.compile("[a-z]+/[a-z0-9-]+");

    public Prompt {
        Objects.requireNonNull(language, "language");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: " + name + " (expected: category/word in [a-z0-9-])");
        }
    }

    /** The path relative to the prompt root, e.g. {@code pt-BR/num/duzentos}. */
    public String path() {
        return language.tag() + "/" + name;
    }

    @Override
    public String toString() {
        return path();
    }
}

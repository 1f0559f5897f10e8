package dev.cobra.ivr.speech;

import java.util.Locale;

/**
 * A language the IVR can speak, named by its BCP 47 tag, which is also the prompt directory name
 * ({@code ivr-flows/prompts/pt-BR/}).
 */
public enum SpeechLanguage {
    PT_BR("pt-BR"),
    EN("en");

    private final String tag;

    SpeechLanguage(String tag) {
        this.tag = tag;
    }

    /** The BCP 47 tag and prompt directory name, e.g. {@code pt-BR}. */
    public String tag() {
        return tag;
    }

    public Locale locale() {
        return Locale.forLanguageTag(tag);
    }

    /** Parses a tag such as {@code pt-BR} or {@code en} (case-insensitive). */
    public static SpeechLanguage fromTag(String tag) {
        for (SpeechLanguage language : values()) {
            if (language.tag.equalsIgnoreCase(tag)) {
                return language;
            }
        }
        throw new IllegalArgumentException("language: " + tag + " (expected: pt-BR or en)");
    }
}

package dev.cobra.ivr;

import java.util.regex.Pattern;

/**
 * A recorded prompt, named logically and without extension: {@code pt-BR/money/reais},
 * {@code en/menu/options}. Each PBX binding maps the name to its own file reference (Asterisk:
 * a path under its sounds directory, without extension; FreeSWITCH: an absolute path with
 * extension), so flows never contain PBX paths.
 *
 * <p>Names are restricted to {@code [A-Za-z0-9_.-]} segments separated by {@code /}: no blanks,
 * quotes, {@code &} (Asterisk's prompt-list separator) or {@code ..}, so a name can never change
 * the meaning of a PBX command.
 *
 * @param name the logical name
 */
public record Prompt(String name) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*");

    public Prompt {
        if (!NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("name: '" + name + "' (expected: segments of [A-Za-z0-9_.-] separated by '/', no '..')");
        }
    }

    public static Prompt of(String name) {
        return new Prompt(name);
    }
}

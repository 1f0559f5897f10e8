package dev.cobra.wire.agi;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One command line from the FastAGI server to Asterisk, e.g. {@code STREAM FILE vm-intro "1234567890*#"}.
 *
 * <p>Quoting follows Asterisk's {@code parse_args()} in {@code res_agi.c}: blanks (space, tab)
 * separate words; a double quote starts or ends a quoted run in which blanks are literal; a
 * backslash makes the next character literal (so {@code \"} and {@code \\}); {@code ""} is an
 * empty word (used for "no escape digits": {@code SAY NUMBER 42 ""}). There is no way to send a
 * line break, so arguments containing CR, LF or NUL are rejected. {@link #parseWords(String)} is
 * the same algorithm, used by the simulator and by tests to check the round trip.
 *
 * @param name the command words, upper case ({@code "STREAM FILE"})
 * @param arguments the arguments, unquoted
 */
public record AgiCommand(String name, List<String> arguments) implements AgiFrame {
    private static final Pattern NAME = Pattern.compile("[A-Za-z]+( [A-Za-z]+)*");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@+=,;-]+");

    public AgiCommand {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: '" + name + "' (expected: words of letters separated by one blank)");
        }
        arguments = List.copyOf(arguments);
        for (String a : arguments) {
            if (a.indexOf('\n') >= 0 || a.indexOf('\r') >= 0 || a.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("arguments: an argument of " + name + " contains CR, LF or NUL (AGI cannot carry it)");
            }
        }
    }

    public static AgiCommand of(String name, String... arguments) {
        return new AgiCommand(name, List.of(arguments));
    }

    @Override
    public String toWire() {
        StringBuilder sb = new StringBuilder(name);
        for (String a : arguments) {
            sb.append(' ');
            if (PLAIN.matcher(a).matches()) {
                sb.append(a);
            } else {
                sb.append('"');
                for (int i = 0; i < a.length(); i++) {
                    char c = a.charAt(i);
                    if (c == '"' || c == '\\') {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
                sb.append('"');
            }
        }
        return sb.append('\n').toString();
    }

    /**
     * Splits a command line into words exactly as Asterisk's {@code parse_args()} does (including
     * its quirks: a quote in the middle of a word toggles quoting without starting a new word).
     */
    public static List<String> parseWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = null;
        boolean quoted = false;
        boolean escaped = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && !escaped) {
                quoted = !quoted;
                if (quoted && cur == null) {
                    cur = new StringBuilder();
                }
                continue;
            }
            if ((c == ' ' || c == '\t') && !quoted && !escaped) {
                if (cur != null) {
                    words.add(cur.toString());
                    cur = null;
                }
                continue;
            }
            if (c == '\\' && !escaped) {
                escaped = true;
                continue;
            }
            if (cur == null) {
                cur = new StringBuilder();
            }
            cur.append(c);
            escaped = false;
        }
        if (cur != null) {
            words.add(cur.toString());
        }
        return words;
    }
}

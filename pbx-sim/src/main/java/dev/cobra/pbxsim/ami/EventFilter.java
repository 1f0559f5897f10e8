package dev.cobra.pbxsim.ami;

import dev.cobra.wire.ami.AmiHeader;
import dev.cobra.wire.ami.AmiMessage;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One AMI event filter of a session, as the {@code Filter} action (and manager.conf
 * {@code eventfilter}) define it in Asterisk 22:
 * <ul>
 * <li>legacy: {@code Filter: regex} matched anywhere in the event text ({@code Name: value} lines),
 *     {@code !regex} excludes ({@code ami-events-filter.txt});</li>
 * <li>advanced: {@code MatchCriteria: name(X),header(H),method(M)} with M one of {@code regex},
 *     {@code exact}, {@code starts_with}, {@code ends_with}, {@code contains}, {@code none};
 *     an empty {@code Filter} with only {@code name(X)} matches every X event
 *     ({@code ami-events-filter-advanced.txt}).</li>
 * </ul>
 * Immutable.
 */
record EventFilter(boolean exclude, String eventName, String header, String method, String text, Pattern regex) {
    /** Thrown with Asterisk's own error message when a filter does not parse. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    static final String DID_NOT_COMPILE = "Filter did not compile.  Check the syntax of the filter given.";
    static final String FORMATTED_INCORRECTLY = "Filter was formatted incorrectly.  Check the syntax of the filter given.";

    static EventFilter parse(String filter, String matchCriteria) throws Invalid {
        String f = filter == null ? "" : filter;
        boolean exclude = f.startsWith("!");
        if (exclude) {
            f = f.substring(1);
        }
        if (matchCriteria == null || matchCriteria.isBlank()) {
            try {
                return new EventFilter(exclude, null, null, "regex", f, Pattern.compile(f));
            } catch (PatternSyntaxException e) {
                throw new Invalid(DID_NOT_COMPILE);
            }
        }
        String name = null;
        String header = null;
        String method = f.isEmpty() ? "none" : "regex";
        Matcher m = Pattern.compile("\\s*(\\w+)\\(([^)]*)\\)\\s*(?:,|$)").matcher(matchCriteria);
        int pos = 0;
        while (pos < matchCriteria.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new Invalid(FORMATTED_INCORRECTLY);
            }
            String key = m.group(1).toLowerCase(Locale.ROOT);
            String value = m.group(2).trim();
            if (key.equals("name")) {
                name = value;
            } else if (key.equals("header")) {
                header = value;
            } else if (key.equals("method")) {
                method = value.toLowerCase(Locale.ROOT);
                if (!method.matches("regex|exact|starts_with|ends_with|contains|none")) {
                    throw new Invalid(FORMATTED_INCORRECTLY);
                }
            } else {
                throw new Invalid(FORMATTED_INCORRECTLY);
            }
            pos = m.end();
        }
        Pattern regex = null;
        if (method.equals("regex")) {
            try {
                regex = Pattern.compile(f);
            } catch (PatternSyntaxException e) {
                throw new Invalid(DID_NOT_COMPILE);
            }
        }
        return new EventFilter(exclude, name, header, method, f, regex);
    }

    boolean matches(AmiMessage event) {
        if (eventName != null && !eventName.equalsIgnoreCase(event.valueOr("Event", ""))) {
            return false;
        }
        if (method.equals("none")) {
            return true;
        }
        if (header != null) {
            for (AmiHeader h : event.headers()) {
                if (h.named(header) && test(h.value())) {
                    return true;
                }
            }
            return false;
        }
        return test(text(event));
    }

    private boolean test(String value) {
        if (method.equals("regex")) {
            return regex.matcher(value).find();
        }
        if (method.equals("exact")) {
            return value.equals(text);
        }
        if (method.equals("starts_with")) {
            return value.startsWith(text);
        }
        if (method.equals("ends_with")) {
            return value.endsWith(text);
        }
        return value.contains(text);
    }

    private static String text(AmiMessage event) {
        StringBuilder sb = new StringBuilder(256);
        for (AmiHeader h : event.headers()) {
            sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        return sb.toString();
    }
}

package dev.cobra.accounts;

/**
 * Masks personal data for logs and error messages: keeps the shape and the last two characters
 * ({@code +55119****21}, {@code Mar** S****}), never the whole value.
 */
public final class Mask {
    private Mask() {}

    /** A phone number or document: everything but a short prefix and the last two characters hidden. */
    public static String digits(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        int keepHead = value.startsWith("+") ? Math.min(5, value.length() - 6) : 0; // country code and area code
        int keepTail = value.length() > 6 ? 2 : 0;
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            boolean keep = i < keepHead || i >= value.length() - keepTail || !Character.isLetterOrDigit(ch);
            sb.append(keep ? ch : '*');
        }
        return sb.toString();
    }

    /** A person's name: the first three letters of each word, the rest hidden. */
    public static String name(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(value.length());
        int inWord = 0;
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (Character.isWhitespace(ch)) {
                inWord = 0;
                sb.append(ch);
            } else {
                sb.append(inWord < 3 ? ch : '*');
                inWord++;
            }
        }
        return sb.toString();
    }
}

package dev.cobra.accounts;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: fields separated by one character, optionally quoted with {@code "}
 * (a doubled quote inside is one quote; quoted fields may span lines), records ended by LF or CRLF.
 * Each record remembers the line it started on, so errors can point at it.
 *
 * <p>Limits: at most {@value #MAX_FIELD_CHARS} characters in a field and {@value #MAX_FIELDS} fields in a
 * record; past them, or on an unterminated quote, it throws {@link CsvException} naming the line.
 */
final class CsvReader {
    static final int MAX_FIELD_CHARS = 4096;
    static final int MAX_FIELDS = 256;

    /** One record and the 1-based line it started on. */
    record Row(int line, List<String> fields) {}

    static final class CsvException extends RuntimeException {
        final int line;

        CsvException(int line, String message) {
            super("line " + line + ": " + message);
            this.line = line;
        }
    }

    private final String text;
    private final char separator;
    private int pos;
    private int line = 1;

    CsvReader(String text, char separator) {
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.separator = separator;
    }

    /** The next record, or null at the end. Blank lines are skipped. */
    Row next() {
        while (pos < text.length() && (text.charAt(pos) == '\n' || text.charAt(pos) == '\r')) {
            if (text.charAt(pos) == '\n') {
                line++;
            }
            pos++;
        }
        if (pos >= text.length()) {
            return null;
        }
        int startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (pos < text.length()) {
            char ch = text.charAt(pos++);
            if (quoted) {
                if (ch == '"') {
                    if (pos < text.length() && text.charAt(pos) == '"') {
                        field.append('"');
                        pos++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    append(field, ch, startLine);
                }
            } else if (ch == '"' && field.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (ch == separator) {
                addField(fields, field, startLine);
                wasQuoted = false;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && pos < text.length() && text.charAt(pos) == '\n') {
                    pos++;
                }
                line++;
                addField(fields, field, startLine);
                return new Row(startLine, fields);
            } else if (wasQuoted) {
                throw new CsvException(startLine, "text after a closing quote in field " + (fields.size() + 1));
            } else {
                append(field, ch, startLine);
            }
        }
        if (quoted) {
            throw new CsvException(startLine, "quote opened in field " + (fields.size() + 1) + " is never closed");
        }
        addField(fields, field, startLine);
        return new Row(startLine, fields);
    }

    private static void append(StringBuilder field, char ch, int line) {
        if (field.length() >= MAX_FIELD_CHARS) {
            throw new CsvException(line, "field longer than " + MAX_FIELD_CHARS + " characters");
        }
        field.append(ch);
    }

    private static void addField(List<String> fields, StringBuilder field, int line) {
        if (fields.size() >= MAX_FIELDS) {
            throw new CsvException(line, "more than " + MAX_FIELDS + " fields");
        }
        fields.add(field.toString());
        field.setLength(0);
    }
}

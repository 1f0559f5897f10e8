package dev.cobra.pbx.asterisk;

import java.util.Objects;

/**
 * How a trunk wants numbers dialed: a template with one {@code {number}} placeholder
 * ({@code PJSIP/{number}@carrier}, {@code Local/{number}@customers}) and the number format the carrier expects.
 *
 * @param template    the Originate {@code Channel:} with {@code {number}} where the number goes
 * @param format      {@link NumberFormat#E164} keeps {@code +5511...}; {@link NumberFormat#NATIONAL} drops
 *                    {@code +countryCode} and keeps the national digits ({@code 11987654321})
 * @param countryCode the country calling code stripped by NATIONAL (e.g. {@code 55}); numbers of another country
 *                    are refused for a NATIONAL trunk
 */
public record DialString(String template, NumberFormat format, String countryCode) {
    /** The formats carriers ask for. */
    public enum NumberFormat { E164, NATIONAL }

    public DialString {
        if (template == null || !template.contains("{number}") || !template.contains("/")) {
            throw new IllegalArgumentException("template: '" + template
                    + "' (expected: TECH/...{number}..., e.g. PJSIP/{number}@carrier)");
        }
        if (template.indexOf("{number}") != template.lastIndexOf("{number}")) {
            throw new IllegalArgumentException("template: '" + template + "' (expected: {number} once)");
        }
        if (template.chars().anyMatch(c -> c == '\r' || c == '\n' || c == ',' || c == '&')) {
            throw new IllegalArgumentException("template: '" + template + "' (expected: no line breaks, ',' or '&')");
        }
        Objects.requireNonNull(format, "format");
        if (countryCode == null || !countryCode.matches("[1-9][0-9]{0,2}")) {
            throw new IllegalArgumentException("countryCode: '" + countryCode + "' (expected: 1-3 digits, e.g. 55)");
        }
    }

    /**
     * The dial string for an E.164 number ({@code +} then digits, as {@link dev.cobra.calls.CallRequest} holds it).
     *
     * @throws IllegalArgumentException when a NATIONAL trunk is given a number of another country
     */
    public String dial(String e164) {
        String digits = e164.substring(1);
        String number;
        if (format == NumberFormat.E164) {
            number = e164;
        } else if (digits.startsWith(countryCode)) {
            number = digits.substring(countryCode.length());
        } else {
            throw new IllegalArgumentException("number: not in country +" + countryCode + " (trunk dials national numbers only)");
        }
        return template.replace("{number}", number);
    }
}

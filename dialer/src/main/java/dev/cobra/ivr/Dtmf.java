package dev.cobra.ivr;

import java.util.EnumSet;
import java.util.Set;

/** A telephone keypad key (DTMF tone), including the rarely used A-D column. */
public enum Dtmf {
    ZERO('0'), ONE('1'), TWO('2'), THREE('3'), FOUR('4'), FIVE('5'), SIX('6'), SEVEN('7'), EIGHT('8'), NINE('9'),
    STAR('*'), POUND('#'), A('A'), B('B'), C('C'), D('D');

    private final char symbol;

    Dtmf(char symbol) {
        this.symbol = symbol;
    }

    /** The key as a character: {@code '0'..'9'}, {@code '*'}, {@code '#'}, {@code 'A'..'D'}. */
    public char symbol() {
        return symbol;
    }

    /** The key for a character (case-insensitive for A-D). */
    public static Dtmf of(char symbol) {
        char c = Character.toUpperCase(symbol);
        for (Dtmf d : values()) {
            if (d.symbol == c) {
                return d;
            }
        }
        throw new IllegalArgumentException("symbol: '" + symbol + "' (expected: 0-9, *, #, A-D)");
    }

    /** Every key: "any key interrupts". */
    public static Set<Dtmf> any() {
        return EnumSet.allOf(Dtmf.class);
    }

    /** No key: the prompt cannot be interrupted. */
    public static Set<Dtmf> none() {
        return EnumSet.noneOf(Dtmf.class);
    }

    /** The keys of a string such as {@code "0123456789*"}. */
    public static Set<Dtmf> keys(String symbols) {
        Set<Dtmf> s = EnumSet.noneOf(Dtmf.class);
        for (char c : symbols.toCharArray()) {
            s.add(of(c));
        }
        return s;
    }
}

package dev.cobra.wire.agi;

import java.util.List;

/**
 * Decodes what a FastAGI server sends to Asterisk: one {@code String} per command line, without
 * its terminator (split it with {@link AgiCommand#parseWords(String)}). Used by the simulated
 * Asterisk, which must answer even unknown or malformed commands the way Asterisk does (510/520),
 * so it gets the raw line. One instance per channel.
 */
public final class AgiCommandDecoder extends AgiLineDecoder {
    public AgiCommandDecoder(AgiLimits limits) {
        super(limits);
    }

    public AgiCommandDecoder() {
        this(AgiLimits.DEFAULT);
    }

    @Override
    protected void onLine(String line, List<Object> out) {
        out.add(line);
    }
}

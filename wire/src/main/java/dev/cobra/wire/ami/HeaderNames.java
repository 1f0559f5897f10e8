package dev.cobra.wire.ami;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * A small cache of header-name strings keyed by their bytes, so decoding the same few dozen
 * names ({@code Channel}, {@code Uniqueid}, …) on every event allocates nothing for them. A slot
 * holds the last name that hashed there; a miss decodes and replaces it. One per decoder, so
 * confined to its channel's event loop.
 */
final class HeaderNames {
    private static final int SLOTS = 512;
    private static final int MAX_CACHED_LENGTH = 64;
    private final String[] cache = new String[SLOTS];
    private final byte[] scratch = new byte[MAX_CACHED_LENGTH];

    String get(ByteBuf in, int start, int end) {
        int length = end - start;
        if (length > MAX_CACHED_LENGTH) {
            return in.toString(start, length, StandardCharsets.ISO_8859_1);
        }
        in.getBytes(start, scratch, 0, length);
        int h = length;
        for (int i = 0; i < length; i++) {
            h = 31 * h + scratch[i];
        }
        int slot = (h ^ (h >>> 9)) & (SLOTS - 1);
        String cached = cache[slot];
        if (cached != null && matches(cached, length)) {
            return cached;
        }
        String name = new String(scratch, 0, length, StandardCharsets.ISO_8859_1);
        cache[slot] = name;
        return name;
    }

    private boolean matches(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != (char) (scratch[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }
}

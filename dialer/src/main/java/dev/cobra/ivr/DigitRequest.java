package dev.cobra.ivr;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Play prompts, then collect up to {@code maxDigits} keys. Any key cuts the prompts short and
 * counts as the first digit. After the prompts, the caller has {@code timeout} for each key (the
 * first and every next one); input ends at the terminator (not included in the digits), at
 * {@code maxDigits}, or at a timeout.
 *
 * <p>On Asterisk, {@code #} always ends input (GET DATA hard-codes it), even when
 * {@code terminator} is empty; other terminators are supported by the bindings digit by digit.
 *
 * @param prompts played first (may be empty)
 * @param maxDigits 1..64
 * @param timeout per key, 100 ms .. 5 min
 * @param terminator the key that ends input early, if any
 */
public record DigitRequest(List<Prompt> prompts, int maxDigits, Duration timeout, Optional<Dtmf> terminator) {
    public DigitRequest {
        prompts = List.copyOf(prompts);
        if (maxDigits < 1 || maxDigits > 64) {
            throw new IllegalArgumentException("maxDigits: " + maxDigits + " (expected: 1..64)");
        }
        if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: 100 ms .. 5 min)");
        }
    }
}

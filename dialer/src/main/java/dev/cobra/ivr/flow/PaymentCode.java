package dev.cobra.ivr.flow;

/**
 * The code a caller writes down for their agreement: ten digits, the call attempt's id padded to
 * nine plus a Luhn check digit, so a mistyped digit is caught when the code is quoted. Derived from
 * the attempt, so a retried write produces the same code.
 */
public record PaymentCode(String digits) {
    public PaymentCode {
        if (!digits.matches("[0-9]{10}") || luhn(digits.substring(0, 9)) != digits.charAt(9) - '0') {
            throw new IllegalArgumentException("payment code: expected 10 digits with a valid check digit");
        }
    }

    public static PaymentCode forAttempt(long attemptId) {
        if (attemptId < 1 || attemptId > 999_999_999L) {
            throw new IllegalArgumentException("attemptId: " + attemptId + " (expected: 1..999999999)");
        }
        String body = String.format("%09d", attemptId);
        return new PaymentCode(body + luhn(body));
    }

    private static int luhn(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int d = body.charAt(body.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }
}

package dev.cobra.wire.agi;

import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Asterisk's answer to one command. Exactly one reply per command, in command order.
 */
public sealed interface AgiReply extends AgiMessage
        permits AgiReply.Result, AgiReply.InvalidCommand, AgiReply.DeadChannel, AgiReply.Usage {

    /**
     * {@code 200 result=N [(data)] [endpos=N]}: the command ran. What {@code result} means depends
     * on the command, as {@code res_agi.c} writes it:
     * <ul>
     *   <li>STREAM FILE, WAIT FOR DIGIT, SAY *: {@code 0} = finished without a key, {@code -1} = hang-up
     *       or error, otherwise the ASCII code of the key that interrupted ({@code 49} is {@code '1'},
     *       {@code 35} is {@code '#'}): the C code returns the {@code char} the DTMF frame carried
     *       and prints it with {@code %d}. STREAM FILE adds {@code endpos=} (samples played, 8 kHz: 12000 = 1.5 s).</li>
     *   <li>GET DATA is different: the result is the digit string itself ({@code result=234}),
     *       {@code (timeout)} as data when the caller stopped typing, {@code -1} on hang-up.</li>
     *   <li>GET VARIABLE / GET FULL VARIABLE / DATABASE GET: {@code 1 (value)} or {@code 0}.</li>
     *   <li>EXEC: the application's return, {@code -2} when the application does not exist.</li>
     * </ul>
     *
     * @param result the text after {@code result=} up to the first blank (may be empty: {@code "200 result= (timeout)"})
     * @param data the text inside the parentheses, if any
     * @param endposSamples the {@code endpos=} value, if any
     */
    record Result(String result, Optional<String> data, OptionalLong endposSamples) implements AgiReply {
        public Result {
            if (result.indexOf(' ') >= 0 || result.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("result: '" + result + "' (expected: no blank or line break)");
            }
            if (data.isPresent() && data.get().indexOf('\n') >= 0) {
                throw new IllegalArgumentException("data: contains a line break");
            }
        }

        /** {@code 200 result=N} with no data and no endpos. */
        public static Result of(String result) {
            return new Result(result, Optional.empty(), OptionalLong.empty());
        }

        /** {@code 200 result=N (data)}. */
        public static Result withData(String result, String data) {
            return new Result(result, Optional.of(data), OptionalLong.empty());
        }

        /** {@code 200 result=N endpos=N}. */
        public static Result withEndpos(String result, long endposSamples) {
            return new Result(result, Optional.empty(), OptionalLong.of(endposSamples));
        }

        /** The result as a number; throws {@link NumberFormatException} for GET DATA digit strings such as {@code "#"}. */
        public int resultCode() {
            return Integer.parseInt(result);
        }

        /** True for {@code result=-1}: the channel hung up (or the command failed) while it ran. */
        public boolean failed() {
            return "-1".equals(result);
        }

        /** Parses a {@code 200 ...} line (without its LF). */
        public static Result parse(String line) {
            String prefix = "200 result=";
            if (!line.startsWith(prefix)) {
                throw new CorruptedFrameException("AGI 200 reply without result=: " + AgiLineDecoder.excerpt(line));
            }
            String rest = line.substring(prefix.length());
            int blank = rest.indexOf(' ');
            String result = blank < 0 ? rest : rest.substring(0, blank);
            String tail = blank < 0 ? "" : rest.substring(blank + 1).strip();
            OptionalLong endpos = OptionalLong.empty();
            int at = tail.lastIndexOf("endpos=");
            if (at >= 0 && (at == 0 || tail.charAt(at - 1) == ' ')) {
                try {
                    endpos = OptionalLong.of(Long.parseLong(tail.substring(at + "endpos=".length())));
                } catch (NumberFormatException e) {
                    throw new CorruptedFrameException("AGI reply with a bad endpos: " + AgiLineDecoder.excerpt(line), e);
                }
                tail = tail.substring(0, at).strip();
            }
            Optional<String> data = Optional.empty();
            if (!tail.isEmpty()) {
                if (tail.charAt(0) != '(' || tail.charAt(tail.length() - 1) != ')') {
                    throw new CorruptedFrameException("AGI reply with unexpected text after result: " + AgiLineDecoder.excerpt(line));
                }
                data = Optional.of(tail.substring(1, tail.length() - 1));
            }
            return new Result(result, data, endpos);
        }

        @Override
        public String toWire() {
            StringBuilder sb = new StringBuilder("200 result=").append(result);
            data.ifPresent(d -> sb.append(" (").append(d).append(')'));
            endposSamples.ifPresent(e -> sb.append(" endpos=").append(e));
            return sb.append('\n').toString();
        }
    }

    /** {@code 510 Invalid or unknown command}: no command of that name; the session goes on. */
    record InvalidCommand(String text) implements AgiReply {
        public static final InvalidCommand ASTERISK = new InvalidCommand("Invalid or unknown command");

        @Override
        public String toWire() {
            return "510 " + text + "\n";
        }
    }

    /**
     * {@code 511 Command Not Permitted on a dead channel or intercept routine}: the channel has hung
     * up (see {@link AgiHangupNotice}) and this command needs a live one. Every later such command
     * gets the same answer; it never recovers.
     */
    record DeadChannel(String text) implements AgiReply {
        public static final DeadChannel ASTERISK = new DeadChannel("Command Not Permitted on a dead channel or intercept routine");

        @Override
        public String toWire() {
            return "511 " + text + "\n";
        }
    }

    /**
     * {@code 520}: the command exists but its arguments are wrong. Asterisk writes
     * {@code 520-Invalid command syntax.  Proper usage follows:}, the usage text (several lines),
     * then {@code 520 End of proper usage.}; or a single {@code 520 ...} line when it has no usage.
     *
     * @param usageLines the lines between the first and the last (empty for the one-line form)
     */
    record Usage(List<String> usageLines) implements AgiReply {
        public static final String FIRST_LINE = "520-Invalid command syntax.  Proper usage follows:";
        public static final String LAST_LINE = "520 End of proper usage.";
        public static final String SINGLE_LINE = "520 Invalid command syntax.  Proper usage not available.";

        public Usage {
            usageLines = List.copyOf(usageLines);
            for (String l : usageLines) {
                if (l.startsWith("520 ") || l.indexOf('\n') >= 0) {
                    throw new IllegalArgumentException("usageLines: '" + l + "' (expected: no '520 ' prefix, no line break)");
                }
            }
        }

        @Override
        public String toWire() {
            if (usageLines.isEmpty()) {
                return SINGLE_LINE + "\n";
            }
            StringBuilder sb = new StringBuilder(FIRST_LINE).append('\n');
            usageLines.forEach(l -> sb.append(l).append('\n'));
            return sb.append(LAST_LINE).append('\n').toString();
        }
    }
}

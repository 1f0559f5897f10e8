package dev.cobra.pbx.asterisk.agi;

import dev.cobra.ivr.Caller;
import dev.cobra.ivr.CallerException;
import dev.cobra.ivr.CallerFailure;
import dev.cobra.ivr.CallerHungUp;
import dev.cobra.ivr.DigitInput;
import dev.cobra.ivr.DigitRequest;
import dev.cobra.ivr.Dtmf;
import dev.cobra.ivr.Prompt;
import dev.cobra.ivr.TransferTarget;
import dev.cobra.wire.agi.AgiCommand;
import dev.cobra.wire.agi.AgiReply;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@link Caller} over one FastAGI session. Used by the one session thread running the call's
 * {@link dev.cobra.ivr.IvrApplication}; not thread-safe.
 *
 * <p>How each operation maps to AGI, and the protocol facts it relies on (Asterisk 22 traces):
 * <ul>
 *   <li>{@code play}: one {@code STREAM FILE name "escape-digits"} per prompt. The result is
 *       {@code 0} (played to the end), or the ASCII code of the key that cut it ({@code 49} =
 *       {@code '1'}: res_agi prints the DTMF frame's {@code char} with {@code %d}), or {@code -1}.</li>
 *   <li>{@code result=-1} means "hang-up or error" (a missing file gives it too). If Asterisk has
 *       already sent its {@code HANGUP} line it is a hang-up; otherwise one {@code CHANNEL STATUS}
 *       settles it: a dead channel answers {@code 511}.</li>
 *   <li>{@code readDigits}: {@code GET DATA file timeoutMs maxDigits}, whose result is the digit
 *       string itself (not ASCII codes), with {@code (timeout)} when the caller stopped typing.
 *       GET DATA plays one file and always ends on {@code #}; for several prompts the first ones go
 *       through STREAM FILE (any key interrupts and becomes the first digit), and for a terminator
 *       other than {@code #} keys are read one by one with {@code WAIT FOR DIGIT}.</li>
 *   <li>{@code 511} ("Command Not Permitted on a dead channel") is what Asterisk answers to every
 *       channel command after the hang-up: it becomes {@link CallerHungUp}, and after it (or after
 *       the {@code HANGUP} line) this caller sends nothing more: every operation throws at once.</li>
 *   <li>{@code 510}/{@code 520} mean Cobra sent an unknown or malformed command: a bug, surfaced as
 *       {@link CallerFailure} (and counted by the session).</li>
 *   <li>{@code transfer}: sets {@code NEXT_STEP} (and {@code COBRA_QUEUE} / {@code COBRA_AGENT})
 *       and releases the call; the dialplan after {@code AGI()} routes on {@code NEXT_STEP}, as in
 *       the traces' {@code dialer-ivr} context ({@code NEXT_STEP=queue} goes to {@code queue,1}).</li>
 * </ul>
 */
public final class AgiCaller implements Caller {
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final String ALL_KEYS = "0123456789*#ABCD";

    private final AgiSession session;
    private final FastAgiServerConfig config;
    private boolean hungUp;
    private boolean hungUpByUs;
    private boolean released;

    AgiCaller(AgiSession session, FastAgiServerConfig config) {
        this.session = session;
        this.config = config;
    }

    @Override
    public void answer() throws CallerException {
        AgiReply.Result r = run(AgiCommand.of("ANSWER"), Duration.ZERO);
        if (r.failed()) {
            throw minusOne("ANSWER");
        }
    }

    @Override
    public Optional<Dtmf> play(List<Prompt> prompts, Set<Dtmf> interruptKeys) throws CallerException {
        String escape = keys(interruptKeys);
        for (Prompt p : prompts) {
            Optional<Dtmf> key = streamFile(p, escape);
            if (key.isPresent()) {
                return key;
            }
        }
        return Optional.empty();
    }

    private Optional<Dtmf> streamFile(Prompt p, String escapeDigits) throws CallerException {
        AgiReply.Result r = run(AgiCommand.of("STREAM FILE", file(p), escapeDigits), config.maxPromptLength());
        if (r.failed()) {
            throw minusOne("STREAM FILE");
        }
        return asciiKey(r, "STREAM FILE");
    }

    @Override
    public DigitInput readDigits(DigitRequest request) throws CallerException {
        List<Prompt> prompts = request.prompts();
        boolean poundEnds = request.terminator().isEmpty() || request.terminator().get() == Dtmf.POUND;
        StringBuilder typed = new StringBuilder();
        int leading = poundEnds && !prompts.isEmpty() ? prompts.size() - 1 : prompts.size();
        Optional<Dtmf> first = play(prompts.subList(0, leading), Dtmf.any());
        if (first.isPresent()) {
            if (request.terminator().equals(first) || (poundEnds && first.get() == Dtmf.POUND)) {
                return new DigitInput("", DigitInput.Ending.TERMINATOR);
            }
            typed.append(first.get().symbol());
            if (typed.length() >= request.maxDigits()) {
                return new DigitInput(typed.toString(), DigitInput.Ending.MAX_DIGITS);
            }
        }
        if (!poundEnds) {
            return waitForDigits(request, typed);
        }
        String prompt = first.isPresent() || prompts.isEmpty() ? "" : file(prompts.get(prompts.size() - 1));
        int remaining = request.maxDigits() - typed.length();
        Duration allowance = config.maxPromptLength().plus(request.timeout().multipliedBy(remaining + 1L));
        AgiReply.Result r = run(AgiCommand.of("GET DATA", prompt, Long.toString(request.timeout().toMillis()),
                Integer.toString(remaining)), allowance);
        if (r.failed()) {
            throw minusOne("GET DATA");
        }
        // A lone '#' comes back as an empty result (AST_GETDATA_EMPTY_END_TERMINATED); accept "#" too.
        String digits = r.result().replace("#", "");
        typed.append(digits);
        DigitInput.Ending ending;
        if (r.data().filter("timeout"::equals).isPresent()) {
            ending = DigitInput.Ending.TIMEOUT;
        } else if (typed.length() >= request.maxDigits()) {
            ending = DigitInput.Ending.MAX_DIGITS;
        } else {
            ending = DigitInput.Ending.TERMINATOR;
        }
        return new DigitInput(typed.toString(), ending);
    }

    private DigitInput waitForDigits(DigitRequest request, StringBuilder typed) throws CallerException {
        while (true) {
            AgiReply.Result r = run(AgiCommand.of("WAIT FOR DIGIT", Long.toString(request.timeout().toMillis())), request.timeout());
            if (r.failed()) {
                throw minusOne("WAIT FOR DIGIT");
            }
            Optional<Dtmf> key = asciiKey(r, "WAIT FOR DIGIT");
            if (key.isEmpty()) {
                return new DigitInput(typed.toString(), DigitInput.Ending.TIMEOUT);
            }
            if (request.terminator().equals(key)) {
                return new DigitInput(typed.toString(), DigitInput.Ending.TERMINATOR);
            }
            typed.append(key.get().symbol());
            if (typed.length() >= request.maxDigits()) {
                return new DigitInput(typed.toString(), DigitInput.Ending.MAX_DIGITS);
            }
        }
    }

    @Override
    public void setVariable(String name, String value) throws CallerException {
        if (!VARIABLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: '" + name + "' (expected: [A-Za-z_][A-Za-z0-9_]{0,63})");
        }
        run(AgiCommand.of("SET VARIABLE", name, value), Duration.ZERO);
    }

    @Override
    public void transfer(TransferTarget target) throws CallerException {
        if (target instanceof TransferTarget.ToQueue) {
            setVariable("COBRA_QUEUE", ((TransferTarget.ToQueue) target).queue());
            setVariable("NEXT_STEP", "queue");
        } else if (target instanceof TransferTarget.ToAgent) {
            setVariable("COBRA_AGENT", ((TransferTarget.ToAgent) target).agentId());
            setVariable("NEXT_STEP", "agent");
        } else {
            setVariable("NEXT_STEP", ((TransferTarget.ToRoute) target).route());
        }
        released = true;
    }

    @Override
    public void hangup() throws CallerException {
        run(AgiCommand.of("HANGUP"), Duration.ZERO);
        hungUp = true;
        hungUpByUs = true;
    }

    /**
     * Sends any AGI command and returns Asterisk's reply as is (for Asterisk-only needs such as
     * {@code EXEC MixMonitor}). Same bounds and hang-up rules as the {@link Caller} operations,
     * except that 510/520/511 replies are returned, not thrown.
     *
     * @param mayTake how long the command itself may last, on top of the command timeout
     */
    public AgiReply send(AgiCommand command, Duration mayTake) throws CallerException {
        checkUsable(command);
        AgiReply reply = session.send(command, config.commandTimeout().plus(mayTake));
        if (reply instanceof AgiReply.DeadChannel) {
            hungUp = true;
        }
        return reply;
    }

    private AgiReply.Result run(AgiCommand command, Duration mayTake) throws CallerException {
        AgiReply reply = send(command, mayTake);
        if (reply instanceof AgiReply.Result) {
            return (AgiReply.Result) reply;
        }
        if (reply instanceof AgiReply.DeadChannel) {
            throw new CallerHungUp("call hung up: " + command.name() + " got 511 (uniqueid=" + session.uniqueId() + ")");
        }
        String what = reply instanceof AgiReply.InvalidCommand ? "510 invalid or unknown command" : "520 invalid command syntax";
        throw new CallerFailure("Asterisk rejected " + command.name() + ": " + what + " (uniqueid=" + session.uniqueId() + ")", null);
    }

    private void checkUsable(AgiCommand command) throws CallerHungUp {
        if (released) {
            throw new IllegalStateException("call already transferred; cannot send " + command.name() + " (uniqueid=" + session.uniqueId() + ")");
        }
        if (hungUp || session.hangupNoticed()) {
            hungUp = true;
            throw new CallerHungUp("call hung up before " + command.name() + " (uniqueid=" + session.uniqueId() + ")");
        }
    }

    /** {@code result=-1}: hang-up if Asterisk said so or a CHANNEL STATUS gets 511, else a failure. */
    private CallerException minusOne(String commandName) throws CallerException {
        if (!session.hangupNoticed()) {
            AgiReply probe = session.send(AgiCommand.of("CHANNEL STATUS"), config.commandTimeout());
            if (!(probe instanceof AgiReply.DeadChannel) && !session.hangupNoticed()) {
                return new CallerFailure(commandName + " returned -1 on a live channel (missing prompt file?) (uniqueid="
                        + session.uniqueId() + ")", null);
            }
        }
        hungUp = true;
        return new CallerHungUp("call hung up during " + commandName + " (uniqueid=" + session.uniqueId() + ")");
    }

    private static Optional<Dtmf> asciiKey(AgiReply.Result r, String commandName) throws CallerFailure {
        int code;
        try {
            code = r.resultCode();
        } catch (NumberFormatException e) {
            throw new CallerFailure(commandName + " returned a non-numeric result", e);
        }
        if (code == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Dtmf.of((char) code));
        } catch (IllegalArgumentException e) {
            throw new CallerFailure(commandName + " returned " + code + ", not the ASCII code of a DTMF key", e);
        }
    }

    private String file(Prompt p) {
        return config.promptPrefix() + p.name();
    }

    private static String keys(Set<Dtmf> keys) {
        StringBuilder sb = new StringBuilder();
        for (char c : ALL_KEYS.toCharArray()) {
            if (keys.contains(Dtmf.of(c))) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** True once the call hung up (Asterisk's HANGUP line, a 511, or our own hangup). */
    public boolean hungUp() {
        return hungUp || session.hangupNoticed();
    }

    /** True if the call hung up and not because of our {@link #hangup()}. */
    public boolean callerHungUp() {
        return hungUp() && !hungUpByUs;
    }

    /** True once {@link #transfer} handed the call on. */
    public boolean released() {
        return released;
    }
}

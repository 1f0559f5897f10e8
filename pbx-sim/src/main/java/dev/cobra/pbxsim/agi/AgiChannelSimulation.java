package dev.cobra.pbxsim.agi;

import dev.cobra.wire.agi.AgiCommand;
import dev.cobra.wire.agi.AgiHangupNotice;
import dev.cobra.wire.agi.AgiReply;
import dev.cobra.wire.agi.AgiRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Asterisk side of one FastAGI session as a pure state machine: a command line in, the reply
 * lines out plus how long the command took on the channel. No I/O and no real time, so the golden
 * tests can compare its output with the real transcripts line for line. Not thread-safe: one
 * session is driven by one thread (its Netty event loop).
 *
 * <p>Behaviour copied from {@code res_agi.c} (Asterisk 22) and checked against the traces:
 * <ul>
 *   <li>Commands match by their leading words, case-insensitively; none matches: {@code 510}.
 *       Wrong argument count: {@code 520} usage block (STREAM FILE's text is verbatim from the
 *       trace; other commands get their one-line synopsis).</li>
 *   <li>Keys come back as ASCII codes ({@code result=49} for {@code 1}) from STREAM FILE, WAIT FOR
 *       DIGIT and SAY *; GET DATA returns the digit string, {@code (timeout)} when the person stops
 *       typing, and an empty result for a lone {@code #}.</li>
 *   <li>When the channel hangs up (the person, or the server's HANGUP), the running command ends
 *       with {@code result=-1} (STREAM FILE adds {@code endpos=}), then one {@code HANGUP} line is
 *       written; from then on commands that need a live channel get {@code 511} and the rest
 *       (NOOP, SET/GET [FULL] VARIABLE, VERBOSE, EXEC, DATABASE *) still run.</li>
 *   <li>{@code endpos} counts 8 kHz samples (12000 = 1.5 s).</li>
 * </ul>
 *
 * <p>Not simulated (answered {@code 510}, unlike Asterisk): RECORD FILE, CONTROL STREAM FILE,
 * SAY DATE/TIME/DATETIME/PHONETIC, SPEECH *, GOSUB, RECEIVE *, SEND *, TDD MODE, ASYNCAGI BREAK.
 */
public final class AgiChannelSimulation {
    /** What to do after writing a step's lines. */
    public enum After { CONTINUE, CLOSE_SOCKET, STALL }

    /**
     * The result of one command.
     *
     * @param wire the lines to write, each LF-terminated (empty when stalling or closing)
     * @param took the simulated time the command took on the channel
     * @param after what the connection does next
     */
    public record Step(List<String> wire, Duration took, After after) {}

    private static final String ALL_KEYS = null;
    private static final Duration DEFAULT_FIRST_DIGIT_TIMEOUT = Duration.ofMillis(6000);
    private static final Duration DEFAULT_NEXT_DIGIT_TIMEOUT = Duration.ofMillis(2000);
    private static final Duration SAY_PER_DIGIT = Duration.ofMillis(400);
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern LEADING_INT = Pattern.compile("^\\s*([-+]?\\d+)");

    private final AgiCallSpec spec;
    private final ConcurrentMap<String, String> astDb;
    private final Map<String, String> variables;
    private final Map<String, String> location = new LinkedHashMap<>();
    private final List<PlayedPrompt> played = new ArrayList<>();
    private final List<String> commands = new ArrayList<>();
    private final List<String> transcript = new ArrayList<>();
    private final int maxTranscriptLines;

    private Duration now = Duration.ZERO;
    private int nextPress;
    private Duration hangUpAt;
    private boolean hangUpDuringArmed;
    private boolean dead;
    private boolean callerHungUp;
    private boolean serverHungUp;
    private boolean faultUsed;
    private boolean pendingHangupNotice;
    private int commandsAfterHangup;
    private int deadReplies;
    private int invalidReplies;
    private int usageReplies;

    /**
     * @param spec the call
     * @param astDb the simulated AstDB (shared by the calls of one simulated Asterisk)
     * @param maxTranscriptLines lines kept in the transcript (later lines are dropped, with a marker)
     */
    public AgiChannelSimulation(AgiCallSpec spec, ConcurrentMap<String, String> astDb, int maxTranscriptLines) {
        this.spec = spec;
        this.astDb = astDb;
        this.maxTranscriptLines = maxTranscriptLines;
        this.variables = new LinkedHashMap<>(spec.channelVariables());
        this.hangUpAt = spec.debtor().hangUpAt().filter(t -> t.compareTo(spec.maxCallDuration()) < 0).orElse(spec.maxCallDuration());
        this.hangUpDuringArmed = spec.debtor().hangUpDuring().isPresent();
    }

    /** The header block to send first, for a server at {@code host:port} (also recorded in the transcript). */
    public AgiRequest request(String host, int port) {
        AgiRequest request = spec.toRequest(host, port);
        request.variables().forEach((k, v) -> log("<<", k + ": " + v));
        log("<<", "");
        return request;
    }

    /** Handles one command line (without its LF). */
    public Step onCommand(String line) {
        log(">>", line);
        commands.add(line);
        List<String> out = new ArrayList<>(2);
        if (spec.fault().isPresent() && !faultUsed && spec.fault().get().matches(line)) {
            faultUsed = true;
            AgiFault fault = spec.fault().get();
            if (fault instanceof AgiFault.MalformedReply) {
                return emit(out, List.of(((AgiFault.MalformedReply) fault).rawLine() + "\n"), Duration.ZERO, After.CONTINUE);
            }
            return new Step(List.of(), Duration.ZERO, fault instanceof AgiFault.CloseSocket ? After.CLOSE_SOCKET : After.STALL);
        }
        if (!dead && hangUpAt.compareTo(now) <= 0) {
            // The person hung up while no command ran: Asterisk's loop noticed it first.
            channelGone(out, true);
        }
        if (dead) {
            commandsAfterHangup++;
        }
        Duration start = now;
        List<String> words = AgiCommand.parseWords(line);
        Command c = Command.find(words);
        String reply;
        if (c == null) {
            invalidReplies++;
            reply = AgiReply.InvalidCommand.ASTERISK.toWire();
        } else if (dead && !c.allowedOnDeadChannel) {
            deadReplies++;
            reply = AgiReply.DeadChannel.ASTERISK.toWire();
        } else if (words.size() < c.minWords || words.size() > c.maxWords) {
            usageReplies++;
            reply = new AgiReply.Usage(c.usage).toWire();
        } else {
            reply = run(c, words.subList(c.name.length, words.size()), out).toWire();
        }
        out.add(reply);
        if (pendingHangupNotice) {
            pendingHangupNotice = false;
            out.add(new AgiHangupNotice().toWire());
        }
        return emit(out, List.of(), now.minus(start), After.CONTINUE);
    }

    private Step emit(List<String> out, List<String> extra, Duration took, After after) {
        List<String> all = new ArrayList<>(out);
        all.addAll(extra);
        for (String wire : all) {
            for (String l : wire.substring(0, wire.length() - 1).split("\n", -1)) {
                log("<<", l);
            }
        }
        return new Step(List.copyOf(all), took, after);
    }

    /** Marks the channel hung up; the HANGUP line goes out now ({@code immediately}) or after the running command's reply. */
    private void channelGone(List<String> out, boolean immediately) {
        if (dead) {
            return;
        }
        dead = true;
        if (immediately) {
            out.add(new AgiHangupNotice().toWire());
        } else {
            pendingHangupNotice = true;
        }
    }

    private AgiReply run(Command c, List<String> a, List<String> out) {
        switch (c) {
            case ANSWER:
            case NOOP:
            case SET_CONTEXT:
            case SET_EXTENSION:
            case SET_PRIORITY:
                if (c == Command.SET_CONTEXT) {
                    location.put("context", a.get(0));
                } else if (c == Command.SET_EXTENSION) {
                    location.put("extension", a.get(0));
                } else if (c == Command.SET_PRIORITY) {
                    location.put("priority", a.get(0));
                }
                return AgiReply.Result.of("0");
            case VERBOSE:
            case SET_CALLERID:
                return AgiReply.Result.of("1");
            case SET_AUTOHANGUP:
            case SET_MUSIC:
                return AgiReply.Result.of("0");
            case GET_OPTION:
                return getOption(a.get(0), a.get(1), a.size() > 2 ? atoi(a.get(2)) : 0, out);
            case CHANNEL_STATUS:
                return AgiReply.Result.of(a.isEmpty() || a.get(0).equals(spec.channel()) ? "6" : "-1");
            case HANGUP:
                if (!a.isEmpty() && !a.get(0).equals(spec.channel())) {
                    return AgiReply.Result.of("-1");
                }
                serverHungUp = true;
                channelGone(out, false);
                return AgiReply.Result.of("1");
            case SET_VARIABLE:
                variables.put(a.get(0), a.get(1));
                return AgiReply.Result.of("1");
            case GET_VARIABLE: {
                Optional<String> v = lookup(a.get(0));
                return v.isPresent() ? AgiReply.Result.withData("1", v.get()) : AgiReply.Result.of("0");
            }
            case GET_FULL_VARIABLE:
                return AgiReply.Result.withData("1", expand(a.get(0)));
            case DATABASE_PUT:
                astDb.put(a.get(0) + "/" + a.get(1), a.get(2));
                return AgiReply.Result.of("1");
            case DATABASE_GET: {
                String v = astDb.get(a.get(0) + "/" + a.get(1));
                return v == null ? AgiReply.Result.of("0") : AgiReply.Result.withData("1", v);
            }
            case DATABASE_DEL:
                return AgiReply.Result.of(astDb.remove(a.get(0) + "/" + a.get(1)) == null ? "0" : "1");
            case EXEC:
                return exec(a.get(0), a.size() > 1 ? a.get(1) : "", out);
            case STREAM_FILE:
                return streamFile(a.get(0), a.get(1), out);
            case GET_DATA:
                return getData(a, out);
            case WAIT_FOR_DIGIT:
                return waitForDigit(a.get(0), out);
            case SAY_NUMBER:
            case SAY_DIGITS:
            case SAY_ALPHA:
                return say(c, a.get(0), a.get(1), out);
            default:
                throw new IllegalStateException("command without a handler: " + c);
        }
    }

    private AgiReply streamFile(String file, String escapeDigits, List<String> out) {
        Duration start = now;
        Heard h = play(PlayedPrompt.How.STREAM_FILE, file, escapeDigits);
        long endpos = samples(now.minus(start));
        if (h.hangup) {
            channelGone(out, false);
            return AgiReply.Result.withEndpos("-1", endpos);
        }
        return AgiReply.Result.withEndpos(h.key == 0 ? "0" : Integer.toString(h.key), endpos);
    }

    /** STREAM FILE, then (if no key cut it) wait up to the timeout (default 5 s) for one escape key. */
    private AgiReply getOption(String file, String escapeDigits, int timeoutMs, List<String> out) {
        Duration start = now;
        Heard h = play(PlayedPrompt.How.STREAM_FILE, file, escapeDigits);
        long endpos = samples(now.minus(start));
        if (!h.hangup && h.key == 0) {
            h = listen(Duration.ofMillis(timeoutMs > 0 ? timeoutMs : 5000), escapeDigits);
        }
        if (h.hangup) {
            channelGone(out, false);
            return AgiReply.Result.withEndpos("-1", endpos);
        }
        return AgiReply.Result.withEndpos(h.key == 0 ? "0" : Integer.toString(h.key), endpos);
    }

    private AgiReply getData(List<String> a, List<String> out) {
        int timeoutMs = a.size() > 1 ? atoi(a.get(1)) : 0;
        int max = a.size() > 2 ? atoi(a.get(2)) : 1024;
        Duration first = timeoutMs > 0 ? Duration.ofMillis(timeoutMs) : DEFAULT_FIRST_DIGIT_TIMEOUT;
        Duration next = timeoutMs > 0 ? Duration.ofMillis(timeoutMs) : DEFAULT_NEXT_DIGIT_TIMEOUT;
        if (timeoutMs < 0) {
            first = spec.maxCallDuration();
            next = first;
        }
        StringBuilder digits = new StringBuilder();
        Heard h = a.get(0).isEmpty() ? Heard.NOTHING : play(PlayedPrompt.How.GET_DATA, a.get(0), ALL_KEYS);
        while (true) {
            if (!h.hangup && h.key == 0) {
                h = listen(digits.length() == 0 ? first : next, ALL_KEYS);
                if (!h.hangup && h.key == 0) {
                    return AgiReply.Result.withData(digits.toString(), "timeout");
                }
            }
            if (h.hangup) {
                channelGone(out, false);
                return AgiReply.Result.of("-1");
            }
            if (h.key == '#') {
                return AgiReply.Result.of(digits.toString());
            }
            digits.append(h.key);
            if (max > 0 && digits.length() >= max) {
                return AgiReply.Result.of(digits.toString());
            }
            h = Heard.NOTHING;
        }
    }

    private AgiReply waitForDigit(String timeoutArg, List<String> out) {
        int ms = atoi(timeoutArg);
        Heard h = listen(ms < 0 ? spec.maxCallDuration() : Duration.ofMillis(ms), ALL_KEYS);
        if (h.hangup) {
            channelGone(out, false);
            return AgiReply.Result.of("-1");
        }
        return AgiReply.Result.of(Integer.toString(h.key));
    }

    private AgiReply say(Command c, String what, String escapeDigits, List<String> out) {
        Duration start = now;
        Heard h = listen(SAY_PER_DIGIT.multipliedBy(Math.max(1, what.length())), escapeDigits);
        played.add(new PlayedPrompt(c == Command.SAY_NUMBER ? PlayedPrompt.How.SAY_NUMBER : PlayedPrompt.How.SAY_DIGITS,
                what, start, now.minus(start), !h.hangup && h.key == 0));
        if (h.hangup) {
            channelGone(out, false);
            return AgiReply.Result.of("-1");
        }
        return AgiReply.Result.of(Integer.toString(h.key));
    }

    private AgiReply exec(String app, String args, List<String> out) {
        String name = app.toLowerCase(Locale.ROOT);
        if (name.equals("playback")) {
            if (dead) {
                return AgiReply.Result.of("-1");
            }
            for (String file : args.split("&")) {
                Heard h = play(PlayedPrompt.How.EXEC_PLAYBACK, file.split(",")[0], "");
                if (h.hangup) {
                    channelGone(out, false);
                    return AgiReply.Result.of("-1");
                }
            }
            return AgiReply.Result.of("0");
        }
        if (List.of("noop", "set", "verbose", "log", "wait", "goto", "gosub", "mixmonitor", "stopmixmonitor", "queue", "dial",
                "answer", "ringing", "progress", "userevent").contains(name)) {
            return AgiReply.Result.of("0");
        }
        return AgiReply.Result.of("-2");
    }

    /** Plays one file, listening for {@code keys} ({@code null}: any key, {@code ""}: none). */
    private Heard play(PlayedPrompt.How how, String file, String keys) {
        Duration start = now;
        Optional<DebtorScript.HangUpDuring> during = spec.debtor().hangUpDuring();
        if (hangUpDuringArmed && during.get().prompt().equals(file)) {
            hangUpDuringArmed = false;
            Duration at = start.plus(during.get().into());
            if (at.compareTo(hangUpAt) < 0) {
                hangUpAt = at;
            }
        }
        Heard h = listen(spec.promptLengths().of(file), keys);
        played.add(new PlayedPrompt(how, file, start, now.minus(start), !h.hangup && h.key == 0));
        return h;
    }

    /**
     * Lets {@code window} of call time pass, stopping early at the person's hang-up or at a key in
     * {@code keys}. Keys outside {@code keys}, and keys pressed before now, are lost.
     */
    private Heard listen(Duration window, String keys) {
        Duration end = now.plus(window);
        List<DebtorScript.KeyPress> presses = spec.debtor().presses();
        while (true) {
            DebtorScript.KeyPress p = nextPress < presses.size() ? presses.get(nextPress) : null;
            if (p != null && p.at().compareTo(now) < 0) {
                nextPress++;
                continue;
            }
            boolean hangupInWindow = hangUpAt.compareTo(end) < 0;
            boolean pressInWindow = p != null && p.at().compareTo(end) < 0;
            if (hangupInWindow && (!pressInWindow || hangUpAt.compareTo(p.at()) <= 0)) {
                if (hangUpAt.compareTo(now) > 0) {
                    now = hangUpAt;
                }
                callerHungUp = true;
                return Heard.HANGUP;
            }
            if (pressInWindow) {
                nextPress++;
                if (keys == ALL_KEYS || keys.indexOf(p.key()) >= 0) {
                    now = p.at();
                    return new Heard(p.key(), false);
                }
                continue;
            }
            now = end;
            return Heard.NOTHING;
        }
    }

    private Optional<String> lookup(String name) {
        String v = variables.get(name);
        if (v != null) {
            return Optional.of(v);
        }
        switch (name) {
            case "CHANNEL":
                return Optional.of(spec.channel());
            case "UNIQUEID":
                return Optional.of(spec.uniqueId());
            case "CALLERID(num)":
                return Optional.of(spec.callerId());
            case "CALLERID(name)":
                return Optional.of(spec.callerIdName());
            case "CONTEXT":
                return Optional.of(spec.context());
            case "EXTEN":
                return Optional.of(spec.extension());
            default:
                return Optional.empty();
        }
    }

    private String expand(String expression) {
        Matcher m = EXPRESSION.matcher(expression);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(lookup(m.group(1)).orElse("")));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static long samples(Duration d) {
        return d.toMillis() * 8;
    }

    /** C's atoi: leading number, 0 if none. */
    private static int atoi(String s) {
        Matcher m = LEADING_INT.matcher(s);
        if (!m.find()) {
            return 0;
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void log(String direction, String line) {
        if (transcript.size() < maxTranscriptLines) {
            transcript.add(String.format(Locale.ROOT, "%+9.3f %s %s", now.toMillis() / 1000.0, direction, line));
        } else if (transcript.size() == maxTranscriptLines) {
            transcript.add("## transcript truncated at " + maxTranscriptLines + " lines");
        }
    }

    /** The call time now. */
    public Duration now() {
        return now;
    }

    /** What happened so far. */
    public CallRecord record() {
        return new CallRecord(spec.uniqueId(), played, commands, variables, location, callerHungUp, serverHungUp,
                commandsAfterHangup, deadReplies, invalidReplies, usageReplies, now, transcript);
    }

    private record Heard(char key, boolean hangup) {
        static final Heard NOTHING = new Heard((char) 0, false);
        static final Heard HANGUP = new Heard((char) 0, true);
    }

    /** The AGI commands the simulator knows, with Asterisk's argument counts and dead-channel flags. */
    private enum Command {
        ANSWER("ANSWER", 1, 1, false, "Answers channel if not already in answer state."),
        CHANNEL_STATUS("CHANNEL STATUS", 2, 3, false, "Returns status of the connected channel."),
        DATABASE_DEL("DATABASE DEL", 4, 4, true, "Removes database key/value"),
        DATABASE_GET("DATABASE GET", 4, 4, true, "Gets database value"),
        DATABASE_PUT("DATABASE PUT", 5, 5, true, "Adds/updates database value"),
        EXEC("EXEC", 2, 3, true, "Executes a given Application"),
        GET_DATA("GET DATA", 3, 5, false, "Prompts for DTMF on a channel"),
        GET_FULL_VARIABLE("GET FULL VARIABLE", 4, 5, true, "Evaluates a channel expression"),
        GET_OPTION("GET OPTION", 4, 5, false, "Stream file, prompt for DTMF, with timeout."),
        GET_VARIABLE("GET VARIABLE", 3, 3, true, "Gets a channel variable."),
        HANGUP("HANGUP", 1, 2, false, "Hangup a channel."),
        NOOP("NOOP", 1, Integer.MAX_VALUE, true, "Does nothing."),
        SAY_ALPHA("SAY ALPHA", 4, 4, false, "Says a given character string."),
        SAY_DIGITS("SAY DIGITS", 4, 4, false, "Says a given digit string."),
        SAY_NUMBER("SAY NUMBER", 4, 5, false, "Says a given number."),
        SET_AUTOHANGUP("SET AUTOHANGUP", 3, 3, false, "Autohangup channel in some time."),
        SET_CALLERID("SET CALLERID", 3, 3, false, "Sets callerid for the current channel."),
        SET_CONTEXT("SET CONTEXT", 3, 3, false, "Sets channel context."),
        SET_EXTENSION("SET EXTENSION", 3, 3, false, "Changes channel extension."),
        SET_MUSIC("SET MUSIC", 3, 4, false, "Enable/Disable Music on hold generator"),
        SET_PRIORITY("SET PRIORITY", 3, 3, false, "Set channel dialplan priority."),
        SET_VARIABLE("SET VARIABLE", 4, 4, true, "Sets a channel variable."),
        STREAM_FILE("STREAM FILE", 4, 5, false,
                "Send the given file, allowing playback to be interrupted by the given digits, if any. Returns <literal>0</literal> if playback completes without a digit being pressed, or the ASCII numerical value of the digit if one was pressed, or <literal>-1</literal> on error or if the channel was disconnected. If musiconhold is playing before calling stream file it will be automatically stopped and will not be restarted after completion.",
                "It sets the following channel variables upon completion:",
                "<variable>PLAYBACKSTATUS</variable>: The status of the playback attempt as a text string.",
                "    <value>SUCCESS</value>",
                "    <value>FAILED</value>"),
        VERBOSE("VERBOSE", 2, 3, true, "Logs a message to the asterisk verbose log."),
        WAIT_FOR_DIGIT("WAIT FOR DIGIT", 4, 4, false, "Waits for a digit to be pressed.");

        final String[] name;
        final int minWords;
        final int maxWords;
        final boolean allowedOnDeadChannel;
        final List<String> usage;

        Command(String name, int minWords, int maxWords, boolean allowedOnDeadChannel, String... usage) {
            this.name = name.split(" ");
            this.minWords = minWords;
            this.maxWords = maxWords;
            this.allowedOnDeadChannel = allowedOnDeadChannel;
            this.usage = List.of(usage);
        }

        /** The command whose words start {@code words} (the longest such), or null. */
        static Command find(List<String> words) {
            Command best = null;
            for (Command c : values()) {
                if (c.name.length > words.size() || (best != null && best.name.length >= c.name.length)) {
                    continue;
                }
                boolean match = true;
                for (int i = 0; i < c.name.length; i++) {
                    match &= c.name[i].equalsIgnoreCase(words.get(i));
                }
                if (match) {
                    best = c;
                }
            }
            return best;
        }
    }
}

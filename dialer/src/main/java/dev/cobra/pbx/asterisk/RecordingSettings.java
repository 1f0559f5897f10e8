package dev.cobra.pbx.asterisk;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Call recording (São Paulo state law 14.953/2013 asks collection calls to be recorded and the debtor told).
 * Whether a call is recorded is decided per campaign: the campaign puts {@link #FLAG}{@code =yes} in the call's
 * variables; the variable also reaches the channel, so the dialplan/IVR plays the recording notice only then.
 * The adapter starts {@code MixMonitor} through AMI when the call is answered.
 *
 * @param directory     where Asterisk writes (an absolute path on the Asterisk host)
 * @param fileTemplate  file name below {@code directory}, without extension; placeholders {@code {date}}
 *                      (yyyy-MM-dd, UTC) and {@code {callId}} only, so no personal data can end up in a name
 * @param format        file extension MixMonitor picks the format from ({@code wav}, {@code gsm}, ...)
 * @param retentionDays recordings older than this are deleted by {@link RecordingRetention}
 */
public record RecordingSettings(String directory, String fileTemplate, String format, int retentionDays) {
    /** The CallRequest variable that turns recording on for one call ({@code yes}/{@code no}). */
    public static final String FLAG = "COBRA_RECORD";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    public RecordingSettings {
        if (directory == null || !directory.startsWith("/") || directory.contains("..")) {
            throw new IllegalArgumentException("directory: '" + directory + "' (expected: an absolute path without '..')");
        }
        if (fileTemplate == null || !fileTemplate.contains("{callId}") || fileTemplate.contains("..")
                || fileTemplate.startsWith("/") || !fileTemplate.matches("[A-Za-z0-9_{}/-]+")) {
            throw new IllegalArgumentException("fileTemplate: '" + fileTemplate
                    + "' (expected: letters, digits, '_', '-', '/', with {callId} and optionally {date})");
        }
        Matcher m = PLACEHOLDER.matcher(fileTemplate);
        while (m.find()) {
            if (!m.group(1).equals("callId") && !m.group(1).equals("date")) {
                throw new IllegalArgumentException("fileTemplate: unknown placeholder {" + m.group(1)
                        + "} (expected: {callId}, {date})");
            }
        }
        if (format == null || !format.matches("[a-z0-9]{2,8}")) {
            throw new IllegalArgumentException("format: '" + format + "' (expected: a file extension such as wav)");
        }
        if (retentionDays < 1 || retentionDays > 3650) {
            throw new IllegalArgumentException("retentionDays: " + retentionDays + " (expected: 1..3650)");
        }
    }

    /** {@code /var/spool/asterisk/monitor/cobra}, {@code {date}/{callId}}, wav, 90 days. */
    public static RecordingSettings defaults() {
        return new RecordingSettings("/var/spool/asterisk/monitor/cobra", "{date}/{callId}", "wav", 90);
    }

    /** The full path of one call's recording. */
    public String path(String callId, Instant answeredAt) {
        return directory + "/" + fileTemplate.replace("{callId}", callId).replace("{date}", DATE.format(answeredAt)) + "." + format;
    }
}

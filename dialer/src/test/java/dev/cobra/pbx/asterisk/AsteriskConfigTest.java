package dev.cobra.pbx.asterisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Config records refuse bad values with Netty-shaped messages, and dial strings come out as the carrier wants. */
class AsteriskConfigTest {
    @Test
    void dialStringsFollowTheTrunkTemplateAndNumberFormat() {
        assertEquals("PJSIP/+5511987654321@carrier",
                new DialString("PJSIP/{number}@carrier", DialString.NumberFormat.E164, "55").dial("+5511987654321"));
        assertEquals("Local/11987654321@customers",
                new DialString("Local/{number}@customers", DialString.NumberFormat.NATIONAL, "55").dial("+5511987654321"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DialString("PJSIP/{number}@carrier", DialString.NumberFormat.NATIONAL, "55").dial("+14155550100"));
        assertFalse(e.getMessage().contains("4155550100"), "no phone number in messages: " + e.getMessage());
    }

    @Test
    void badValuesAreRefusedWithTheValueAndWhatWasExpected() {
        assertEquals("template: 'PJSIP/carrier' (expected: TECH/...{number}..., e.g. PJSIP/{number}@carrier)",
                assertThrows(IllegalArgumentException.class,
                        () -> new DialString("PJSIP/carrier", DialString.NumberFormat.E164, "55")).getMessage());
        assertEquals("maxOriginatesPerSecond: 0 (expected: 1..10000) for server ast-1",
                assertThrows(IllegalArgumentException.class,
                        () -> new AsteriskServer("ast-1", "h", 5038, "dialer", "s", 10, 0)).getMessage());
        assertEquals("port: 70000 (expected: 1..65535) for server ast-1",
                assertThrows(IllegalArgumentException.class,
                        () -> new AsteriskServer("ast-1", "h", 70000, "dialer", "s", 10, 1)).getMessage());
        assertEquals("fileTemplate: unknown placeholder {cpf} (expected: {callId}, {date})",
                assertThrows(IllegalArgumentException.class,
                        () -> new RecordingSettings("/rec", "{cpf}-{callId}", "wav", 90)).getMessage());
        assertEquals("landing: 'bad context' (expected: 1-79 letters, digits, '_', '-')",
                assertThrows(IllegalArgumentException.class,
                        () -> new DialplanContexts("bad context", "s", "hold", "j", "a")).getMessage());
        assertFalse(new AsteriskServer("ast-1", "h", 5038, "dialer", "topsecret", 10, 1).toString().contains("topsecret"));
    }

    @Test
    void recordingPathsCarryOnlyTheCallIdAndDate() {
        assertEquals("/var/spool/asterisk/monitor/cobra/2026-11-24/c-42.wav",
                RecordingSettings.defaults().path("c-42", Instant.parse("2026-11-24T23:59:00Z")));
    }
}

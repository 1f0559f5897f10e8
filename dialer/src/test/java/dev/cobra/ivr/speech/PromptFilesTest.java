package dev.cobra.ivr.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The committed prompt audio matches what the speech code can say: every prompt it emits has an
 * 8 kHz mono 16-bit WAV file in both languages, and there is no file nobody says.
 */
class PromptFilesTest {
    /** Surefire runs in the module directory (dialer/); the prompts live at the repository root. */
    private static final Path PROMPTS = Path.of("..", "ivr-flows", "prompts");

    @ParameterizedTest
    @EnumSource(SpeechLanguage.class)
    void committedWordListIsTheCatalog(SpeechLanguage language) throws IOException {
        String committed = Files.readString(PROMPTS.resolve(language.tag()).resolve("words.tsv"), StandardCharsets.UTF_8);
        assertEquals(PromptCatalog.wordsTsv(language), committed,
                "words.tsv is stale: run ivr-flows/prompts/generate.sh (after mvn package) and commit the result");
    }

    @ParameterizedTest
    @EnumSource(SpeechLanguage.class)
    void everyPhraseHasAText(SpeechLanguage language) throws IOException {
        Set<String> expected = Stream.of(Phrase.values()).map(Phrase::promptName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, new TreeSet<>(listedNames(language, "phrases.tsv")));
    }

    @ParameterizedTest
    @EnumSource(SpeechLanguage.class)
    void everyListedPromptIsAnEightKilohertzMonoWavAndNothingElseIsShipped(SpeechLanguage language) throws IOException {
        Path dir = PROMPTS.resolve(language.tag());
        Set<String> listed = new TreeSet<>(listedNames(language, "words.tsv"));
        listed.addAll(listedNames(language, "phrases.tsv"));
        Set<String> onDisk;
        try (Stream<Path> files = Files.walk(dir)) {
            onDisk = files.filter(p -> p.toString().endsWith(".wav"))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/').replaceFirst("\\.wav$", ""))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> missing = new TreeSet<>(listed);
        missing.removeAll(onDisk);
        Set<String> unlisted = new TreeSet<>(onDisk);
        unlisted.removeAll(listed);
        assertEquals(Set.of(), missing, "listed in words.tsv/phrases.tsv without a .wav: run generate.sh");
        assertEquals(Set.of(), unlisted, ".wav files nobody says: run generate.sh");
        for (String name : onDisk) {
            assertEightKilohertzMonoPcm(dir.resolve(name + ".wav"));
        }
    }

    @Test
    void everyPromptSaidForABroadSampleHasAFileInItsLanguage() {
        SplittableRandom random = new SplittableRandom(6);
        for (SpeechLanguage language : SpeechLanguage.values()) {
            Speaker speaker = Speaker.of(language);
            Set<Prompt> said = new LinkedHashSet<>();
            for (int i = 0; i < 3000; i++) {
                long units = random.nextLong((long) Math.pow(10, random.nextInt(13)));
                BigDecimal amount = BigDecimal.valueOf(units * 100 + random.nextInt(100), 2);
                for (String code : PromptCatalog.spokenCurrencies(language)) {
                    said.addAll(speaker.money(amount, Currency.getInstance(code)));
                }
                said.addAll(speaker.date(LocalDate.ofEpochDay(random.nextLong(
                        LocalDate.of(1900, 1, 1).toEpochDay(), LocalDate.of(2199, 12, 31).toEpochDay() + 1))));
                said.addAll(speaker.daysOverdue(1 + random.nextInt(100_000)));
                said.addAll(speaker.installments(1 + random.nextInt(1_000)));
                said.addAll(speaker.number(random.nextLong(1_000_000_000_000L)));
                said.addAll(speaker.installmentOffer(1 + random.nextInt(360), amount, Currency.getInstance("BRL"), random.nextInt(10)));
                said.addAll(speaker.digits(Long.toString(random.nextLong(Long.MAX_VALUE))));
                said.addAll(speaker.spell(Long.toString(random.nextLong(Long.MAX_VALUE), 36) + " Zoë-Ângela"));
            }
            for (Phrase phrase : Phrase.values()) {
                said.add(speaker.phrase(phrase));
            }
            for (Prompt prompt : said) {
                assertEquals(language, prompt.language());
                assertTrue(Files.isRegularFile(PROMPTS.resolve(prompt.path() + ".wav")), () -> "missing prompt file " + prompt.path() + ".wav");
            }
        }
    }

    private static List<String> listedNames(SpeechLanguage language, String list) throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(PROMPTS.resolve(language.tag()).resolve(list), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                names.add(line.substring(0, line.indexOf('\t')));
            }
        }
        return names;
    }

    /** Walks the RIFF chunks: "fmt " must say PCM, 1 channel, 8000 Hz, 16 bits; "data" must not be empty. */
    private static void assertEightKilohertzMonoPcm(Path file) throws IOException {
        ByteBuffer wav = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", ascii(wav, 0), file + ": not RIFF");
        assertEquals("WAVE", ascii(wav, 8), file + ": not WAVE");
        boolean sawFormat = false;
        long dataBytes = -1;
        int at = 12;
        while (at + 8 <= wav.limit()) {
            String id = ascii(wav, at);
            int size = wav.getInt(at + 4);
            if (id.equals("fmt ")) {
                assertEquals(1, wav.getShort(at + 8), file + ": format (expected: 1, PCM)");
                assertEquals(1, wav.getShort(at + 10), file + ": channels");
                assertEquals(8000, wav.getInt(at + 12), file + ": sample rate");
                assertEquals(16, wav.getShort(at + 22), file + ": bits per sample");
                sawFormat = true;
            } else if (id.equals("data")) {
                dataBytes = size;
            }
            at += 8 + size + (size & 1);
        }
        assertTrue(sawFormat, file + ": no fmt chunk");
        assertTrue(dataBytes > 0, file + ": no audio");
    }

    private static String ascii(ByteBuffer buffer, int at) {
        byte[] id = new byte[4];
        buffer.get(at, id);
        return new String(id, StandardCharsets.US_ASCII);
    }
}

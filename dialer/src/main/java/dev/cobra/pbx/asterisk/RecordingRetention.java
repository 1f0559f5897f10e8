package dev.cobra.pbx.asterisk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes call recordings older than {@link RecordingSettings#retentionDays()}. {@link #expired} is the pure
 * decision; {@link #deleteExpired()} applies it to {@code root} (the recordings directory as this host sees it: the
 * Asterisk spool itself, or a shared mount of it) and {@link #schedule} runs that periodically.
 *
 * <p>Only regular files ending in {@code .<format>} below {@code root} are considered, at most {@code maxFilesPerRun}
 * per run (the rest wait for the next run; the cap is logged when hit). Thread-safe: runs touch only the file system.
 */
public final class RecordingRetention {
    private static final Logger log = LoggerFactory.getLogger(RecordingRetention.class);

    /** A recording on disk and when it was last written. */
    public record RecordingFile(Path path, Instant lastModified) {}

    private final RecordingSettings settings;
    private final Path root;
    private final Clock clock;
    private final int maxFilesPerRun;

    public RecordingRetention(RecordingSettings settings, Path root, Clock clock, int maxFilesPerRun) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.root = Objects.requireNonNull(root, "root");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxFilesPerRun < 1) {
            throw new IllegalArgumentException("maxFilesPerRun: " + maxFilesPerRun + " (expected: >= 1)");
        }
        this.maxFilesPerRun = maxFilesPerRun;
    }

    /** The files last written more than {@code retentionDays} days before {@code now}. Pure. */
    public static List<RecordingFile> expired(List<RecordingFile> files, Instant now, int retentionDays) {
        Instant cutoff = now.minus(Duration.ofDays(retentionDays));
        List<RecordingFile> out = new ArrayList<>();
        for (RecordingFile f : files) {
            if (f.lastModified().isBefore(cutoff)) {
                out.add(f);
            }
        }
        return out;
    }

    /** Deletes the expired recordings below {@code root}; returns how many were deleted. */
    public int deleteExpired() {
        if (!Files.isDirectory(root)) {
            log.warn("recording retention: {} is not a directory; nothing deleted", root);
            return 0;
        }
        String suffix = "." + settings.format();
        List<RecordingFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (files.size() >= maxFilesPerRun) {
                    log.warn("recording retention: stopped listing {} at {} files (maxFilesPerRun); the rest waits for the next run",
                            root, maxFilesPerRun);
                    break;
                }
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                if (a.isRegularFile() && p.getFileName().toString().endsWith(suffix)) {
                    files.add(new RecordingFile(p, a.lastModifiedTime().toInstant()));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("recording retention: listing {} failed: {}", root, e.toString());
        }
        int deleted = 0;
        int failed = 0;
        for (RecordingFile f : expired(files, clock.instant(), settings.retentionDays())) {
            try {
                Files.deleteIfExists(f.path());
                deleted++;
            } catch (IOException e) {
                failed++;
                log.warn("recording retention: could not delete {}: {}", root.relativize(f.path()), e.toString());
            }
        }
        if (deleted > 0 || failed > 0) {
            log.info("recording retention: deleted {} recordings older than {} days below {} ({} failed)", deleted,
                    settings.retentionDays(), root, failed);
        }
        return deleted;
    }

    /** Runs {@link #deleteExpired()} every {@code interval} on {@code executor}, first after {@code interval}. */
    public ScheduledFuture<?> schedule(ScheduledExecutorService executor, Duration interval) {
        return executor.scheduleWithFixedDelay(() -> {
            try {
                deleteExpired();
            } catch (RuntimeException e) {
                log.error("recording retention run failed", e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }
}

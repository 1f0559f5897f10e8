package dev.cobra.config;

import java.util.Map;

/**
 * The {@code logging} section: a level for the root logger and per package ({@code dev.cobra.pbx: debug}), applied to
 * logback when {@code cobra serve} starts.
 *
 * @param root   the root level, or null to keep logback.xml's ({@code COBRA_LOG_LEVEL}, default WARN)
 * @param levels level by logger (package) name, in the file's order
 */
public record LoggingConfig(String root, Map<String, String> levels) {
    /** The levels logback knows. */
    public static final java.util.List<String> LEVELS = java.util.List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    public LoggingConfig {
        levels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(levels));
    }

    public static LoggingConfig defaults() {
        return new LoggingConfig(null, Map.of());
    }
}

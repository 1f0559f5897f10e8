package dev.cobra.pbxsim.agi;

import java.time.Duration;
import java.util.Map;

/**
 * How long each prompt file plays on the simulated channel; files not listed take
 * {@code otherFiles}. All prompts exist (the simulator never answers "file not found").
 *
 * @param byFile length per file name as sent in the command ({@code vm-intro})
 * @param otherFiles length of any other file
 */
public record PromptLengths(Map<String, Duration> byFile, Duration otherFiles) {
    public PromptLengths {
        byFile = Map.copyOf(byFile);
    }

    public static PromptLengths uniform(Duration each) {
        return new PromptLengths(Map.of(), each);
    }

    public Duration of(String file) {
        return byFile.getOrDefault(file, otherFiles);
    }
}

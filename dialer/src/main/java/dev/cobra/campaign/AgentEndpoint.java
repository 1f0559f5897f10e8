package dev.cobra.campaign;

/**
 * How an agent's phone is dialed when it logs in: a dial string template with one {@code {ext}} placeholder, e.g.
 * {@code PJSIP/{ext}} for SIP phones registered as their extension, or {@code Local/{ext}@agents} (pbx-sim and tests).
 * The setting {@code cobra serve} reads from its configuration (agents: endpoint).
 *
 * @param template the PBX dial string with {@code {ext}} where the agent's extension goes
 */
public record AgentEndpoint(String template) {
    public AgentEndpoint {
        if (template == null || !template.contains("{ext}") || template.indexOf('/') <= 0) {
            throw new IllegalArgumentException("template: '" + template + "' (expected: TECH/...{ext}..., e.g. PJSIP/{ext})");
        }
        if (template.chars().anyMatch(c -> c == '\r' || c == '\n' || c == ',' || c == '&')) {
            throw new IllegalArgumentException("template: '" + template + "' (expected: no line breaks, ',' or '&')");
        }
    }

    /** The dial string of {@code extension} (digits, letters, '_', '.', '-', at most 32). */
    public String dial(String extension) {
        if (extension == null || !extension.matches("[0-9A-Za-z][0-9A-Za-z_.-]{0,31}")) {
            throw new IllegalArgumentException("extension: '" + extension + "' (expected: 1-32 letters, digits, '_', '.', '-')");
        }
        return template.replace("{ext}", extension);
    }
}

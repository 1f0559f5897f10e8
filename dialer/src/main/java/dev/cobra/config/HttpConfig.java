package dev.cobra.config;

import dev.cobra.http.Role;
import java.util.List;
import java.util.Objects;

/**
 * The {@code http} section: where the REST API, the console, {@code /health} and {@code /metrics} listen, the request
 * body limit, and the bearer tokens.
 *
 * @param bindHost      address to listen on ({@code 127.0.0.1}: local clients only; {@code 0.0.0.0} behind a proxy)
 * @param port          TCP port (0 picks a free one, for tests)
 * @param maxBodyBytes  larger request bodies are refused with 413 (CSV imports are the largest)
 * @param workerThreads threads running request handlers
 * @param tokens        who may call the API, each token with its role
 */
public record HttpConfig(String bindHost, int port, int maxBodyBytes, int workerThreads, List<Token> tokens) {
    /** The shortest token accepted (the Authenticator refuses shorter ones too). */
    public static final int MIN_TOKEN_CHARS = 16;

    public HttpConfig {
        tokens = List.copyOf(tokens);
    }

    /**
     * One bearer token.
     *
     * @param token   the secret (usually {@code ${ENV}}); never printed: {@link #toString()} leaves it out
     * @param role    admin, supervisor or agent
     * @param name    who holds it, for logs ({@code ops}, {@code agent-1001})
     * @param agentId the agent an agent token acts as; null for other roles
     */
    public record Token(String token, Role role, String name, String agentId) {
        public Token {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(role, "role");
        }

        @Override
        public String toString() {
            return "Token[name=" + name + ", role=" + role + (agentId == null ? "" : ", agentId=" + agentId) + "]";
        }
    }

    /** 127.0.0.1:8080, 1 MiB bodies, 8 workers, no tokens (only the public endpoints answer). */
    public static HttpConfig defaults() {
        return new HttpConfig("127.0.0.1", 8080, 1 << 20, 8, List.of());
    }
}

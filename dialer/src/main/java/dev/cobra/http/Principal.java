package dev.cobra.http;

/**
 * The authenticated caller of a request.
 *
 * @param name    who (for logs: never a token)
 * @param role    what it may do
 * @param agentId for agents, the agent it is (scopes what it can see); null otherwise
 */
public record Principal(String name, Role role, String agentId) {}

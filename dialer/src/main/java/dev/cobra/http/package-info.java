/**
 * The HTTP edge (Netty): routing, JSON bodies and errors, bearer-token authentication with roles,
 * limits (body size, handler pool, failed-auth rate), {@code /health}, {@code /health/ready} and
 * {@code /metrics}. Handlers are plain functions of a {@link dev.cobra.http.HttpRequestContext}; they run on a
 * bounded worker pool, never on Netty's event loop, because they may touch the database.
 *
 * <p>The agent console ({@link dev.cobra.http.ConsoleRoutes}): static files from the classpath's {@code console/}
 * ({@link dev.cobra.http.StaticResources}), Server-Sent Events ({@link dev.cobra.http.EventStreamRoute},
 * {@link dev.cobra.http.EventSink}: bounded per client, opened with a one-use ticket because {@code EventSource}
 * cannot send the bearer token) fed by {@link dev.cobra.http.AgentEvents}, the agent pool's listener.
 * <p>The REST API under {@code /api}: campaigns ({@link dev.cobra.http.CampaignRoutes}), account import
 * ({@link dev.cobra.http.ImportRoutes}), debtors ({@link dev.cobra.http.DebtorRoutes}), agreements
 * ({@link dev.cobra.http.AgreementRoutes}), attempts ({@link dev.cobra.http.AttemptRoutes}), agents
 * ({@link dev.cobra.http.AgentRoutes}); {@link dev.cobra.http.ApiRoutes} lists the database-backed ones for
 * {@code cobra serve}. {@code src/main/resources/openapi.yaml} describes every route, and a test keeps the two equal.
 * Reads and writes go through {@code dev.cobra.store}; this package holds no SQL.
 *
 * <p>Clients never see a stack trace: every failure becomes {@code {"error": "...", "status": N}}.
 */
package dev.cobra.http;

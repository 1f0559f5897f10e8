/**
 * The MariaDB store: the connection pool, schema migrations, the embedded default server, and the
 * repositories, including the due-account claim that makes dialing exclusive across nodes.
 *
 * <p>Owns every SQL statement of Cobra. Core packages (compliance, pacing, calls, campaign) never
 * import {@code java.sql}; they receive plain records from here.
 *
 * <p>Read models for people (the HTTP API): {@link dev.cobra.store.CampaignStats}, {@link dev.cobra.store.DebtorQueries},
 * {@link dev.cobra.store.AttemptQueries}, {@link dev.cobra.store.AgreementQueries} and {@link dev.cobra.store.DebtorStanding}
 * (the compliance decision now, shared by {@code cobra why} and the API). Their lists are always bounded by a limit.
 *
 * <p>Time: every DATETIME column holds UTC; {@link dev.cobra.store.Sql} converts.
 */
package dev.cobra.store;

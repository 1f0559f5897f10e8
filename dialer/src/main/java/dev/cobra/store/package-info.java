/**
 * The MariaDB store: the connection pool, schema migrations, the embedded default server, and the
 * repositories, including the due-account claim that makes dialing exclusive across nodes.
 *
 * <p>Owns every SQL statement of Cobra. Core packages (compliance, pacing, calls, campaign) never
 * import {@code java.sql}; they receive plain records from here.
 *
 * <p>Time: every DATETIME column holds UTC; {@link dev.cobra.store.Sql} converts.
 */
package dev.cobra.store;

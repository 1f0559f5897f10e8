/**
 * The campaign runner: ties the due-account claim, the compliance engine, pacing and the PBX together,
 * one runner per campaign, all of its state owned by one thread.
 *
 * <p>Per tick: ask the pacer how many calls to place, claim that many due debtors, let the compliance
 * engine decide each (not now: release with the next eligible instant and the reason; never: retire), write
 * the attempt ahead, originate. Per PBX event: advance the call's state machine; when it ends, close the
 * attempt, compute the next eligible instant from the outcome (the cadence) and release the debtor.
 *
 * <p>Agents: {@link dev.cobra.campaign.AgentDesk} decides each hand-off (longest idle, or the message within 2 s);
 * {@link dev.cobra.campaign.AgentSessions} keeps each logged-in agent's nailed-up PBX leg and makes the agent's state
 * follow it (READY only once the leg is up, LOGGED_OUT when it drops); {@link dev.cobra.campaign.AgentEndpoint} is the
 * agents' dial string template from configuration.
 *
 * <p>Preview mode: {@link dev.cobra.campaign.PreviewDesk} reserves one claimed, engine-allowed debtor per READY agent
 * (the agent goes to PREVIEW) and ends reservations that time out or whose agent left; the runner dials one only when
 * its agent says so (the agent holds the call from the originate, so the answer is joined to it alone), or releases it
 * on a skip with the skip delay; {@link dev.cobra.campaign.PreviewBoard} finds the runner behind an agent's preview for
 * the HTTP routes.
 *
 * <p>Reaches the database only through {@link dev.cobra.campaign.DueDebtors}, {@link dev.cobra.campaign.AttemptLog} and
 * {@link dev.cobra.campaign.AgentSessionLog} (each agent session as it changes, what a restarted node recovers from;
 * implemented in the store package); no SQL or I/O types here.
 */
package dev.cobra.campaign;

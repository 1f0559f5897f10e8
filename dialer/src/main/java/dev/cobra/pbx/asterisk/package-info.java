/**
 * The Asterisk adapter: {@link dev.cobra.pbx.asterisk.AsteriskPbx} implements the {@code calls.Pbx} port over AMI
 * with Cobra's own Netty codec ({@code dev.cobra.wire.ami}), its config records (servers, dial string, dialplan
 * contexts, recording) and the recording retention job. Agents' nailed-up legs wait in the {@code cobra-agent} context
 * and calls are joined to them with the AMI {@code Bridge} action. Translates AMI to {@code CallEvent}s and back; decides no
 * outcome (that is {@code calls.Call}). Must not import {@code dev.cobra.store} or the campaign: attempts are
 * written by whoever listens. The dialplan it expects ships in {@code config/asterisk/}.
 */
package dev.cobra.pbx.asterisk;

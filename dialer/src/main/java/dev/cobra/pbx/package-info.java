/**
 * PBX adapters behind the {@link dev.cobra.calls.Pbx} port: {@code asterisk} (AMI and FastAGI) today,
 * {@code freeswitch} (ESL) next; and {@link dev.cobra.pbx.PbxPool}, which spreads calls over several servers
 * and keeps each agent's leg and the calls meant for it on the same one.
 */
package dev.cobra.pbx;

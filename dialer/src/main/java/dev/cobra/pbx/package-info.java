/**
 * PBX adapters behind the {@link dev.cobra.calls.Pbx} port: {@code asterisk} (AMI and FastAGI) today,
 * {@code freeswitch} (ESL) next; and {@link dev.cobra.pbx.PbxPool}, which spreads calls over several servers.
 */
package dev.cobra.pbx;

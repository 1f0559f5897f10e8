/**
 * Wire protocols spoken with the PBX: AMI (Asterisk Manager Interface), FastAGI and, later,
 * FreeSWITCH's event socket. This module owns framing and message values only: it knows bytes,
 * lines and headers, never calls, debtors or agents. Both the dialer and pbx-sim use it, and
 * golden tests tie it to the transcripts captured from real Asterisk and FreeSWITCH.
 */
package dev.cobra.wire;

/**
 * Calls in domain terms: the outcome vocabulary and dispositions now; the call state machine that
 * consumes PBX events and decides outcomes arrives with the Asterisk adapter. Pure: no I/O imports.
 */
package dev.cobra.calls;

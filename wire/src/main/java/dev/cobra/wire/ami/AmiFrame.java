package dev.cobra.wire.ami;

/**
 * One unit on the AMI wire: either the server's greeting line or a header block.
 * Immutable; safe to share between threads.
 */
public sealed interface AmiFrame permits AmiBanner, AmiMessage {}

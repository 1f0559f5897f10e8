package dev.cobra.wire.agi;

/**
 * What Asterisk sends to a FastAGI server: the request header block once, then replies, and at most
 * one unsolicited hang-up notice.
 */
public sealed interface AgiMessage extends AgiFrame permits AgiRequest, AgiReply, AgiHangupNotice {}

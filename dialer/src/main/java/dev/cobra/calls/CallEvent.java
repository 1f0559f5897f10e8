package dev.cobra.calls;

import java.time.Instant;

/**
 * What a PBX adapter reports about a call, in domain terms, timestamped where it arrived.
 * Asterisk's OriginateResponse reasons, FreeSWITCH's hangup causes and channel names stop at the adapter.
 */
public sealed interface CallEvent {
    CallId callId();

    Instant at();

    /** The PBX accepted the call and created its channel. */
    record Dialing(CallId callId, Instant at) implements CallEvent {}

    /** The far end is ringing. */
    record Ringing(CallId callId, Instant at) implements CallEvent {}

    /** The far end answered. */
    record Answered(CallId callId, Instant at) implements CallEvent {}

    /** Answering-machine detection finished. {@code cause} is the detector's own words (e.g. LONGGREETING-1500-1500). */
    record Amd(CallId callId, Instant at, AmdVerdict verdict, String cause) implements CallEvent {}

    /** The callee pressed a key. */
    record Dtmf(CallId callId, Instant at, char digit) implements CallEvent {}

    /**
     * The IVR handed the caller on to an agent (Asterisk: the AGI set {@code NEXT_STEP=agent}; the dialplan then parks
     * the call in hold): the call waits to be joined. Informational for the call's state.
     */
    record AgentWanted(CallId callId, Instant at) implements CallEvent {}

    /** The call was joined to an agent. */
    record Bridged(CallId callId, Instant at, String agentId) implements CallEvent {}

    /** The call never got answered; {@code q850Cause} as reported (0 when unknown). */
    record NotAnswered(CallId callId, Instant at, NoAnswerReason reason, int q850Cause) implements CallEvent {}

    /** The call ended. {@code q850Cause} is the cause of the callee's channel (0 when unknown). */
    record HungUp(CallId callId, Instant at, int q850Cause) implements CallEvent {}

    /**
     * The call is being recorded to {@code path} (on the PBX host); stored on the attempt. Informational: it does
     * not change the call's state.
     */
    record Recording(CallId callId, Instant at, String path) implements CallEvent {}

    /** The PBX connection was lost while the call was up and reconciliation found it gone. */
    record Lost(CallId callId, Instant at) implements CallEvent {}

    /** Why a call was not answered, as the PBX's originate result says. */
    enum NoAnswerReason {
        BUSY,
        /** Rang until the ring timeout. */
        NO_ANSWER,
        CONGESTION,
        /** Refused before answer: the Q.850 cause says why (1 unallocated, 21 rejected, ...). */
        REJECTED,
        /** The PBX could not place it at all (bad dial string, unknown context, channel limit). */
        NOT_PLACED
    }

    /** Answering-machine detection verdicts. */
    enum AmdVerdict { HUMAN, MACHINE, NOT_SURE, HANGUP }
}

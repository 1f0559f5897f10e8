package dev.cobra.ivr.flow;

import java.util.Optional;

/**
 * An agreement as stored.
 *
 * @param id the agreement row
 * @param paymentCode the code read to the caller
 * @param pixPayload the Pix payload stored with it, if any
 * @param alreadyExisted true when this call's agreement was stored before (a retry wrote nothing)
 */
public record StoredAgreement(long id, String paymentCode, Optional<String> pixPayload, boolean alreadyExisted) {}

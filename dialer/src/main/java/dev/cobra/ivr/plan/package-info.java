/**
 * The installment planner: from a debt's balance and a campaign's {@link
 * dev.cobra.ivr.plan.InstallmentPolicy}, the offers the IVR reads out (pay in full with the
 * policy's discount; N installments with their amounts and due dates).
 *
 * <p>Owns the money arithmetic of an agreement: BigDecimal throughout, cents with the policy's
 * explicit rounding mode, the last installment absorbing the rounding so that a plan's
 * installments always add up exactly to its total; the CDC art. 52 §1 late-fee cap when the
 * policy asks for it. It does not own holidays (the compliance package does; the planner takes a
 * business-day predicate) nor the speech of the offers ({@code dev.cobra.ivr.speech}).
 *
 * <p>Pure and immutable; no I/O, no clock (the caller passes today's date in the debtor's zone).
 */
package dev.cobra.ivr.plan;

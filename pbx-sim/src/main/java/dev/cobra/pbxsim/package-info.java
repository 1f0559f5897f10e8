/**
 * The protocol-faithful PBX simulator: {@link dev.cobra.pbxsim.PbxSim} (facade for tests and the
 * launcher), {@link dev.cobra.pbxsim.Main} (standalone), the simulator thread and clock
 * ({@link dev.cobra.pbxsim.SimScheduler}, real or virtual) and the seam where answered calls meet
 * an IVR ({@link dev.cobra.pbxsim.AnsweredCallHandler}). Owns no protocol framing (that is
 * {@code dev.cobra.wire}); must not import anything from the dialer.
 */
package dev.cobra.pbxsim;

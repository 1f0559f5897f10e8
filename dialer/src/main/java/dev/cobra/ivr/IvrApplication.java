package dev.cobra.ivr;

/**
 * One IVR program run for one call, from the moment the PBX hands the call over until it returns
 * (the PBX binding then releases the call: on Asterisk the AGI ends and the dialplan continues).
 * Runs on a session thread owned by the binding; may block on the {@link Caller}.
 *
 * <p>A {@link CallerHungUp} that escapes is a normal end; other exceptions are counted and logged
 * by the binding.
 */
@FunctionalInterface
public interface IvrApplication {
    void run(Caller caller, CallContext context) throws CallerException;
}

/**
 * IVR flows: the YAML model ({@link dev.cobra.ivr.flow.Flow}, {@link dev.cobra.ivr.flow.Node}), its
 * loader and validator ({@link dev.cobra.ivr.flow.FlowLoader}, {@code cobra check-flow}), the pure
 * interpreter ({@link dev.cobra.ivr.flow.FlowRun}: inputs in, {@link dev.cobra.ivr.flow.FlowCommand}s
 * out), the atomically swapped set of loaded flows ({@link dev.cobra.ivr.flow.FlowLibrary}) and the
 * driver that runs a flow against a {@link dev.cobra.ivr.Caller} ({@link dev.cobra.ivr.flow.FlowApplication}).
 *
 * <p>Owns no I/O: debt data and outcomes go through the {@link dev.cobra.ivr.flow.IvrRecords} port
 * (implemented over MariaDB in {@code dev.cobra.store.IvrStore}), the call through the Caller port.
 * Must not import {@code java.sql}, {@code io.netty}, {@code dev.cobra.pbx} or {@code dev.cobra.wire}.
 */
package dev.cobra.ivr.flow;

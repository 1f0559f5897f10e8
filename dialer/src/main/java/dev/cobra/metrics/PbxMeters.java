package dev.cobra.metrics;

import static dev.cobra.metrics.MeterNames.PBX_CALLS;
import static dev.cobra.metrics.MeterNames.PBX_REFUSED;
import static dev.cobra.metrics.MeterNames.PBX_UP;

import dev.cobra.calls.Pbx;
import dev.cobra.pbx.PbxPool;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * PBX connection meters: {@code cobra_pbx_up{pbx}} is 1 while the server's control connection is up and dialing is
 * possible ({@link Pbx#available()}), else 0; for a {@link PbxPool} also {@code cobra_pbx_calls{pbx}} (calls each
 * member holds) and {@code cobra_pbx_originates_refused_total{pbx}} (originates no member had room for, under the
 * pool's name). The {@code pbx} tag is the server name from configuration. Read at scrape time; the PBX adapters keep
 * these values thread-safe.
 */
public final class PbxMeters {
    private PbxMeters() {}

    /** Registers every member of the pool, and the pool's own counters. */
    public static void bind(MeterRegistry registry, PbxPool pool) {
        for (PbxPool.Member m : pool.members()) {
            bind(registry, m.pbx());
            String name = m.pbx().name();
            Gauge.builder(PBX_CALLS, pool, p -> p.load().getOrDefault(name, 0)).tag("pbx", name)
                    .description("calls the server holds now").register(registry);
        }
        FunctionCounter.builder(PBX_REFUSED, pool, PbxPool::refused).tag("pbx", pool.name())
                .description("originates refused because no server of the pool was available with room").register(registry);
    }

    /** Registers one server's connection state. */
    public static void bind(MeterRegistry registry, Pbx pbx) {
        Gauge.builder(PBX_UP, pbx, p -> p.available() ? 1 : 0).tag("pbx", pbx.name())
                .description("1 while the PBX control connection is up and dialing is possible, else 0").register(registry);
    }
}

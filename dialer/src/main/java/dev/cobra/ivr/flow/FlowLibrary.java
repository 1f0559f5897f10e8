package dev.cobra.ivr.flow;

import dev.cobra.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The flows in service, by name. A (re)load builds and validates every flow first and then swaps
 * the whole set in one atomic step: a broken file leaves the previous set serving, never half of a
 * new one. A call takes its flow once, at its start, so a reload never changes a call in progress.
 *
 * <p>Thread-safe: reads are lock-free, reloads may race (the last one to finish wins).
 */
public final class FlowLibrary {
    private final AtomicReference<Map<String, Flow>> flows = new AtomicReference<>(Map.of());
    private final Supplier<List<Flow>> source;

    /** @param source loads every flow, throwing {@link ConfigException} if any is broken */
    public FlowLibrary(Supplier<List<Flow>> source) {
        this.source = source;
    }

    /** The flows shipped in the jar under {@code ivr-flows/}, by resource name. */
    public static FlowLibrary shipped(ClassLoader loader, List<String> resources) {
        return new FlowLibrary(() -> resources.stream().map(r -> FlowLoader.loadResource(loader, r)).toList());
    }

    /**
     * Loads every flow and swaps them in; on any problem nothing changes.
     *
     * @return the number of flows now in service
     * @throws ConfigException listing the problems (the previous flows stay in service)
     */
    public int reload() {
        Map<String, Flow> next = new LinkedHashMap<>();
        for (Flow f : source.get()) {
            if (next.put(f.name(), f) != null) {
                throw new ConfigException(List.of(new ConfigException.Problem(f.file(), 1, "flow", "a second flow named '" + f.name() + "'")));
            }
        }
        flows.set(Map.copyOf(next));
        return next.size();
    }

    /** The names of the flows in service, sorted. */
    public Set<String> names() {
        return new TreeSet<>(flows.get().keySet());
    }

    /** The flow in service under this name. */
    public Flow flow(String name) {
        Flow f = flows.get().get(name);
        if (f == null) {
            throw new IllegalStateException("no flow named '" + name + "' in service (loaded: " + flows.get().keySet() + ")");
        }
        return f;
    }
}

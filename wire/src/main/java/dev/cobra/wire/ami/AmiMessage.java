package dev.cobra.wire.ami;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An AMI action, response or event: an ordered list of headers. Names repeat when the protocol
 * says so ({@code Variable:} on Originate, {@code Output:} on Command responses); lookups ignore
 * case because Asterisk matches action headers that way ({@code Action: ping} works).
 *
 * <p>Immutable and thread-safe. Lookups are linear scans: messages carry a few dozen headers at
 * most, and a scan over a short list beats building a map per message on the hot event path.
 */
public final class AmiMessage implements AmiFrame {
    private final List<AmiHeader> headers;

    private AmiMessage(List<AmiHeader> headers) {
        this.headers = headers;
    }

    /** Builds a message from alternating names and values: {@code of("Action", "Ping")}. */
    public static AmiMessage of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("namesAndValues: " + namesAndValues.length
                    + " strings (expected: an even count, name then value)");
        }
        Builder b = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder(new ArrayList<>());
    }

    /** A builder that starts with this message's headers. */
    public Builder toBuilder() {
        return new Builder(new ArrayList<>(headers));
    }

    /** All headers in wire order. */
    public List<AmiHeader> headers() {
        return headers;
    }

    public int size() {
        return headers.size();
    }

    /** The first value of {@code name}, ignoring case. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(value(name));
    }

    /** The first value of {@code name}, ignoring case, or {@code null} when absent. */
    public String value(String name) {
        for (AmiHeader h : headers) {
            if (h.named(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** The first value of {@code name}, or {@code fallback} when absent. */
    public String valueOr(String name, String fallback) {
        String v = value(name);
        return v == null ? fallback : v;
    }

    /** Every value of {@code name} in wire order (e.g. all {@code Variable:} lines). */
    public List<String> values(String name) {
        List<String> out = new ArrayList<>(2);
        for (AmiHeader h : headers) {
            if (h.named(name)) {
                out.add(h.value());
            }
        }
        return out;
    }

    public boolean has(String name) {
        return value(name) != null;
    }

    /** Header names in wire order, duplicates kept. */
    public List<String> names() {
        List<String> out = new ArrayList<>(headers.size());
        for (AmiHeader h : headers) {
            out.add(h.name());
        }
        return out;
    }

    /** {@code Event:} value; present on events. */
    public Optional<String> event() {
        return get("Event");
    }

    /** {@code Response:} value (Success, Error, Goodbye, Follows); present on responses. */
    public Optional<String> response() {
        return get("Response");
    }

    /** {@code Action:} value; present on actions. */
    public Optional<String> action() {
        return get("Action");
    }

    public Optional<String> actionId() {
        return get("ActionID");
    }

    public boolean isEvent() {
        return has("Event");
    }

    public boolean isResponse() {
        return has("Response");
    }

    /** The message as it goes on the wire: {@code Name: value} CRLF per header, then CRLF. */
    public String toWireString() {
        StringBuilder sb = new StringBuilder(headers.size() * 32 + 2);
        for (AmiHeader h : headers) {
            sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AmiMessage other && headers.equals(other.headers);
    }

    @Override
    public int hashCode() {
        return headers.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("AmiMessage{");
        for (int i = 0; i < headers.size(); i++) {
            AmiHeader h = headers.get(i);
            sb.append(i == 0 ? "" : ", ").append(h.name()).append('=').append(h.value());
        }
        return sb.append('}').toString();
    }

    /** Collects headers in order; not thread-safe. */
    public static final class Builder {
        private final List<AmiHeader> headers;

        private Builder(List<AmiHeader> headers) {
            this.headers = headers;
        }

        public Builder add(String name, String value) {
            headers.add(new AmiHeader(name, value));
            return this;
        }

        public Builder add(AmiHeader header) {
            headers.add(Objects.requireNonNull(header, "header"));
            return this;
        }

        /** Appends every header of {@code other}. */
        public Builder addAll(AmiMessage other) {
            headers.addAll(other.headers);
            return this;
        }

        /** Removes every header called {@code name}, ignoring case. */
        public Builder remove(String name) {
            headers.removeIf(h -> h.named(name));
            return this;
        }

        /** Replaces the first {@code name} header in place, or appends it when absent. */
        public Builder set(String name, String value) {
            for (int i = 0; i < headers.size(); i++) {
                if (headers.get(i).named(name)) {
                    headers.set(i, new AmiHeader(headers.get(i).name(), value));
                    return this;
                }
            }
            return add(name, value);
        }

        public int size() {
            return headers.size();
        }

        public AmiMessage build() {
            return new AmiMessage(Collections.unmodifiableList(new ArrayList<>(headers)));
        }
    }
}

package dev.cobra.pbx.asterisk.agi;

import dev.cobra.wire.agi.AgiLimits;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the FastAGI server.
 *
 * @param bindHost address to listen on ({@code 127.0.0.1} when Asterisk runs on the same host)
 * @param port TCP port (Asterisk's default is 4573; 0 picks a free one, for tests)
 * @param ioThreads Netty threads reading and writing sockets (1 is plenty: lines are tiny)
 * @param sessionThreads calls whose IVR runs at the same time; each blocks a thread while it waits for Asterisk
 * @param sessionQueue calls that may wait for a free session thread (Asterisk hears silence meanwhile); beyond it a call is rejected
 * @param commandTimeout how long Asterisk may take to answer a command, on top of what the command itself lasts
 * @param maxPromptLength the longest a single prompt may play (bounds STREAM FILE / GET DATA waits)
 * @param callIdVariable the channel variable holding Cobra's call id (set at originate), read once per session; empty to skip
 * @param promptPrefix prepended to {@link dev.cobra.ivr.Prompt} names to get Asterisk file names (e.g. {@code cobra/})
 * @param limits decoder bounds
 */
public record FastAgiServerConfig(String bindHost, int port, int ioThreads, int sessionThreads, int sessionQueue,
        Duration commandTimeout, Duration maxPromptLength, Optional<String> callIdVariable, String promptPrefix,
        AgiLimits limits) {

    public FastAgiServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: >= 1)");
        }
        if (sessionThreads < 1) {
            throw new IllegalArgumentException("sessionThreads: " + sessionThreads + " (expected: >= 1)");
        }
        if (sessionQueue < 0) {
            throw new IllegalArgumentException("sessionQueue: " + sessionQueue + " (expected: >= 0)");
        }
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("commandTimeout: " + commandTimeout + " (expected: > 0)");
        }
        if (maxPromptLength.isNegative() || maxPromptLength.isZero()) {
            throw new IllegalArgumentException("maxPromptLength: " + maxPromptLength + " (expected: > 0)");
        }
        if (!promptPrefix.isEmpty() && !promptPrefix.matches("[A-Za-z0-9_./-]+")) {
            throw new IllegalArgumentException("promptPrefix: '" + promptPrefix + "' (expected: [A-Za-z0-9_./-]*)");
        }
    }

    /** Defaults for one dialer node: port 4573 on loopback, 1 I/O thread, 256 sessions, 5 s command timeout. */
    public static FastAgiServerConfig defaults() {
        return new FastAgiServerConfig("127.0.0.1", 4573, 1, 256, 32, Duration.ofSeconds(5), Duration.ofMinutes(2),
                Optional.empty(), "", AgiLimits.DEFAULT);
    }

    public FastAgiServerConfig withPort(int newPort) {
        return new FastAgiServerConfig(bindHost, newPort, ioThreads, sessionThreads, sessionQueue, commandTimeout,
                maxPromptLength, callIdVariable, promptPrefix, limits);
    }

    public FastAgiServerConfig withSessions(int threads, int queue) {
        return new FastAgiServerConfig(bindHost, port, ioThreads, threads, queue, commandTimeout, maxPromptLength,
                callIdVariable, promptPrefix, limits);
    }

    public FastAgiServerConfig withCommandTimeout(Duration timeout) {
        return new FastAgiServerConfig(bindHost, port, ioThreads, sessionThreads, sessionQueue, timeout, maxPromptLength,
                callIdVariable, promptPrefix, limits);
    }

    public FastAgiServerConfig withCallIdVariable(String variable) {
        return new FastAgiServerConfig(bindHost, port, ioThreads, sessionThreads, sessionQueue, commandTimeout,
                maxPromptLength, Optional.of(variable), promptPrefix, limits);
    }
}

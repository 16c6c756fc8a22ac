package dev.switchboard.cli;

import java.util.List;
import java.util.Optional;

/**
 * Whether to tell the operator to limit the JIT. On two cores HotSpot runs one C2 compiler thread
 * beside the load; the gateway's publish path (H2's commit code, Jetty) then keeps it busy for about a
 * minute after every start, a third of the node's CPU (docs/benchmarks.md, "Why the JIT never
 * settled"). C1 alone compiles it in seconds and its code is within a few percent of C2's here, so
 * on such machines {@code -XX:TieredStopAtLevel=1} is the better setting. A JVM cannot change its own
 * compiler after it started, hence advice rather than a default. Stateless.
 */
final class JitAdvice {
    static final String FLAG = "-XX:TieredStopAtLevel=1";

    private JitAdvice() {
    }

    /** The advice for a JVM with {@code cpus} processors started with {@code jvmArgs}, or empty when it has none. */
    static Optional<String> of(int cpus, List<String> jvmArgs) {
        boolean compilerChosen = jvmArgs.stream().anyMatch(a -> a.startsWith("-XX:TieredStopAtLevel")
                || a.equals("-XX:-TieredCompilation") || a.startsWith("-XX:CICompilerCount") || a.equals("-Xint"));
        if (cpus > 2 || compilerChosen) {
            return Optional.empty();
        }
        return Optional.of("NOTE: " + cpus + " CPU" + (cpus == 1 ? "" : "s") + " and the default JIT: the first minute after"
                + " start spends about a third of the CPU compiling. Start the JVM with " + FLAG
                + " on machines this small (docs/benchmarks.md).");
    }
}

package io.ninep.cli.bench;

import java.io.IOException;
import java.util.Map;

/**
 * ninep's server as the bench sees it, wherever it runs: in a JVM of its own
 * ({@link ServerProcess}, the default) or in the bench's JVM ({@link BenchServer}).
 */
public interface ServerUnderTest extends AutoCloseable {

    /** Where to reach the servers: keys memory-tcp, memory-unix, local-tcp, local-unix, raw-tcp, raw-unix. */
    Map<String, String> addresses();

    /** Counters of the server's JVM and of its connections' buffer pools, now. */
    ServerStats stats() throws IOException;

    /** Asks the server's JVM for a garbage collection (between points, so that none lands in one). */
    void gc() throws IOException;

    /** Whether the server shares the bench's JVM (its heap counters then include the client's). */
    boolean inProcess();

    @Override
    void close() throws IOException;

    /**
     * @param heapAllocated bytes allocated on the heap by every thread of the server's JVM so far
     *     (com.sun.management.ThreadMXBean.getTotalThreadAllocatedBytes; virtual threads count on their carriers)
     * @param gcCount collections so far, all collectors
     * @param gcMillis time spent in them
     * @param taken buffers taken so far from the pools of the open connections, by size class
     *     name (small, medium, half, full, unpooled, reserve)
     * @param poolRefused asks for a buffer the open connections' pools refused so far (their
     *     budget spent): the server took a heap buffer instead
     * @param compileMillis time the JVM's JIT compilers have spent so far
     */
    record ServerStats(long heapAllocated, long gcCount, long gcMillis, Map<String, Long> taken, long poolRefused,
                       long compileMillis) {
        /** Buffers taken from any class above small (4 KiB), unpooled ones included. */
        public long takenAboveSmall() {
            long n = 0;
            for (var e : taken.entrySet()) {
                if (!e.getKey().equals("small") && !e.getKey().equals("reserve")) {
                    n += e.getValue();
                }
            }
            return n;
        }

        /** key=value pairs on one line, as the control protocol carries them. */
        String encode() {
            StringBuilder b = new StringBuilder("heap=" + heapAllocated + " gcs=" + gcCount + " gcms=" + gcMillis
                    + " refused=" + poolRefused + " jit=" + compileMillis);
            taken.forEach((k, v) -> b.append(" taken.").append(k).append('=').append(v));
            return b.toString();
        }

        static ServerStats decode(String line) {
            long heap = 0;
            long gcs = 0;
            long gcms = 0;
            long refused = 0;
            long jit = 0;
            Map<String, Long> taken = new java.util.TreeMap<>();
            for (String pair : line.trim().split(" ")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String k = pair.substring(0, eq);
                long v = Long.parseLong(pair.substring(eq + 1));
                switch (k) {
                    case "heap" -> heap = v;
                    case "gcs" -> gcs = v;
                    case "gcms" -> gcms = v;
                    case "refused" -> refused = v;
                    case "jit" -> jit = v;
                    default -> {
                        if (k.startsWith("taken.")) {
                            taken.put(k.substring("taken.".length()), v);
                        }
                    }
                }
            }
            return new ServerStats(heap, gcs, gcms, taken, refused, jit);
        }
    }
}

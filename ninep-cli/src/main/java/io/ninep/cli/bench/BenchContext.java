package io.ninep.cli.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** What every scenario of a run shares: the options, the servers, the results so far, the log. */
final class BenchContext {
    final BenchOptions options;
    final Plan plan;
    final ServerUnderTest server;
    final List<Endpoint> endpoints;
    final Fixture fixture;
    /** The write floor, taken in turn with the local backend's writes against diod; null if not in the run. */
    final Endpoint floor;
    private final PrintStream log;
    private final List<Result> results = new ArrayList<>();

    BenchContext(BenchOptions options, ServerUnderTest server, List<Endpoint> endpoints, Fixture fixture, PrintStream log) {
        this(options, server, endpoints, null, fixture, log);
    }

    /** @param floor the write floor's endpoint ({@link FloorProcess}), or null if it is not part of the run */
    BenchContext(BenchOptions options, ServerUnderTest server, List<Endpoint> endpoints, Endpoint floor, Fixture fixture,
                 PrintStream log) {
        this.floor = floor;
        this.options = options;
        this.plan = options.plan();
        this.server = server;
        this.endpoints = List.copyOf(endpoints);
        this.fixture = fixture;
        this.log = log;
    }

    synchronized void add(Result r) {
        results.add(r);
    }

    synchronized List<Result> results() {
        return List.copyOf(results);
    }

    synchronized List<Result> results(Predicate<Result> filter) {
        return results.stream().filter(filter).toList();
    }

    /** A progress line on standard error. */
    void progress(String line) {
        log.println(line);
        log.flush();
    }

    /** The ninep endpoints with this backend and transport, or null. */
    Endpoint ninep(String backend, String transport) {
        for (Endpoint e : endpoints) {
            if (e.server().equals("ninep") && e.backend().equals(backend) && e.transport().equals(transport)) {
                return e;
            }
        }
        return null;
    }

    /** diod's endpoint, or null if diod is not part of the run. */
    Endpoint diod() {
        for (Endpoint e : endpoints) {
            if (e.server().equals("diod")) {
                return e;
            }
        }
        return null;
    }

    /** Time the JIT compilers have spent so far, in milliseconds, in the bench's JVM and in the server's. */
    record JitTimes(long bench, long server) {
        long total() {
            return bench + server;
        }

        JitTimes since(JitTimes earlier) {
            return new JitTimes(bench - earlier.bench, server - earlier.server);
        }
    }

    /**
     * The JIT compilers' time so far in the bench's JVM and the server's (0 for the server if it
     * is this JVM), for warm-ups that wait until neither compiles ({@link Plan#warmUp}).
     */
    JitTimes jitTimes() throws java.io.IOException {
        long here = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        return new JitTimes(here, server.inProcess() ? 0 : server.stats().compileMillis());
    }

    /** Asks the server JVM to collect garbage between points, so that no collection of old garbage lands in one. */
    void settle() throws java.io.IOException {
        server.gc();
    }
}

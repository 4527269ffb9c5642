package io.ninep.cli.bench;

/**
 * One figure of a run, one row of {@code results.csv}: which scenario and configuration, which
 * metric, and its median and spread over the repeats.
 *
 * @param family the scenario family
 * @param scenario the scenario within it ("blast", "pingpong", "sequential", "spi", ...)
 * @param server "ninep", "diod", "raw" (plain sockets), "iperf3" or "memcpy"
 * @param backend the server's file system: "memory" (MemoryFileServer), "null" (a synthetic
 *     file that moves no bytes), "local" (LocalFileServer on tmpfs), "-" where none applies
 * @param transport "tcp", "unix" or "-"
 * @param op what was done: "read" (data from server to client), "write", "getattr", ...
 * @param msize the msize (or chunk size) in bytes; 0 where none applies
 * @param inFlight requests in flight (for a whole run of several connections, in total)
 * @param connections connections used
 * @param metric what is measured
 * @param value its median and spread
 * @param note anything a reader must know to trust the figure ("" if nothing)
 */
public record Result(Family family, String scenario, String server, String backend, String transport,
                     String op, long msize, int inFlight, int connections, Metric metric, Summary value,
                     String note) {

    /** The configuration without the metric: "ninep/memory tcp read 1M x4". */
    public String label() {
        StringBuilder b = new StringBuilder(server);
        if (!backend.equals("-")) {
            b.append('/').append(backend);
        }
        if (!transport.equals("-")) {
            b.append(' ').append(transport);
        }
        b.append(' ').append(op);
        if (msize > 0) {
            b.append(' ').append(Sizes.label(msize));
        }
        if (inFlight > 0) {
            b.append(" x").append(inFlight);
        }
        if (connections > 1) {
            b.append(" on ").append(connections).append(" conns");
        }
        return b.toString();
    }

    /** The same figure with another note. */
    public Result withNote(String newNote) {
        return new Result(family, scenario, server, backend, transport, op, msize, inFlight, connections, metric, value,
                newNote);
    }
}

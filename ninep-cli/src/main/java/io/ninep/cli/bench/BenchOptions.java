package io.ninep.cli.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Everything a run is told: where to write, which families, sizes, durations, servers. Built by
 * {@code ninep bench}'s options; {@link #full} and {@link #quick} are the two starting points.
 *
 * @param out the directory for the CSV, tables and charts
 * @param families the scenario families to run
 * @param diod diod's binary, or null to leave diod out
 * @param iperf3 whether to run iperf3 (if installed)
 * @param iperf3Path iperf3's binary or a name to look up on PATH
 * @param fileSize the big file of the sequential scenarios
 * @param plan warm-up, length and number of repeats of each point
 * @param inFlight N of "1 and N requests in flight" for sequential I/O
 * @param msizes the msize sweep (also the chunk sizes of the raw blasts and the copies)
 * @param transports tcp and/or unix
 * @param backends the ninep backends swept on TCP: memory, null, local
 * @param unixBackends the ninep backends swept on the Unix socket too
 * @param inProcess run ninep's server in the bench's JVM instead of a JVM of its own
 * @param jfr record a flight recording of the client and of the server into {@code out}
 * @param serverHeap the server JVM's -Xmx
 * @param smallMsize the msize of the small-operation scenarios
 * @param smallInFlight the many of "1 and many in flight" for small operations
 * @param connections the connections the many are spread over, in a third shape
 * @param allocRequests operations per repeat of the allocation scenario
 * @param allocMsizes the msizes of the allocation scenario
 * @param dirEntries the entries of the readdir directory
 * @param readdirMsize the msize (reply size + 24) of the readdir scenarios
 * @param work where the run's files go (tmpfs by default)
 * @param pinning the CPUs the servers and the client are held to, or null to let the scheduler place them
 */
public record BenchOptions(Path out, Set<Family> families, Path diod, boolean iperf3, String iperf3Path, long fileSize,
                           Plan plan, int inFlight, List<Integer> msizes, List<String> transports, List<String> backends,
                           List<String> unixBackends, boolean inProcess, boolean jfr, String serverHeap, int smallMsize,
                           int smallInFlight, int connections, int allocRequests, List<Integer> allocMsizes,
                           int dirEntries, int readdirMsize, Path work, Pinning pinning, Duration serverBusyPoll) {

    /**
     * The old virtio ceiling: (1024 - 2) pages of 4 KiB, what a virtio ring of 1024 descriptors
     * carries without an indirect table (DESIGN.md's (maxDescriptors - 2) x 4096).
     */
    public static final int VIRTIO_CEILING = 4186112;

    public static final Path DIOD = DiodProcess.BINARY;

    /**
     * ninep's server busy-polls this long ({@code serve --busy-poll}; its own default is zero):
     * with one request in flight that is what the server can do, and the report says so.
     */
    public static final Duration DEFAULT_SERVER_BUSY_POLL = Duration.ofNanos(50_000);

    public BenchOptions {
        families = families.isEmpty() ? EnumSet.noneOf(Family.class) : EnumSet.copyOf(families);
        msizes = sorted(msizes);
        allocMsizes = sorted(allocMsizes);
        transports = List.copyOf(transports);
        backends = List.copyOf(backends);
        unixBackends = List.copyOf(unixBackends);
        for (String t : transports) {
            if (!t.equals("tcp") && !t.equals("unix")) {
                throw new IllegalArgumentException("no transport '" + t + "' (tcp, unix; the ring transport does not exist yet)");
            }
        }
        for (String b : concat(backends, unixBackends)) {
            if (!b.equals("memory") && !b.equals("null") && !b.equals("local")) {
                throw new IllegalArgumentException("no backend '" + b + "' (memory, null, local)");
            }
        }
        for (int m : concat(msizes, allocMsizes)) {
            if (m < 4096) {
                throw new IllegalArgumentException("msize " + m + " is below 4096");
            }
        }
        if (pinning != null && inProcess) {
            throw new IllegalArgumentException("--pin holds the server and the client to CPUs of their own: it needs the "
                    + "server in a JVM of its own (leave out --in-process)");
        }
        if (inFlight < 1 || smallInFlight < 1 || connections < 1 || allocRequests < 1 || dirEntries < 1) {
            throw new IllegalArgumentException("counts must be positive");
        }
    }

    /** Every power of two from 8 KiB to 128 MiB, and 4186112 (the old virtio ceiling). */
    public static List<Integer> fullSweep() {
        List<Integer> m = new ArrayList<>();
        for (int s = 8 * 1024; s <= 128 << 20; s *= 2) {
            m.add(s);
        }
        m.add(VIRTIO_CEILING);
        return sorted(m);
    }

    /** The full run the report's figures come from. */
    public static BenchOptions full(Path out) {
        return new BenchOptions(out, EnumSet.allOf(Family.class), DIOD, true, "iperf3", Sizes.GIB,
                new Plan(1_000_000_000L, 1_000_000_000L, 3), 4, fullSweep(), List.of("tcp", "unix"),
                List.of("memory", "null", "local"), List.of("memory"), false, false, "6g", 64 * 1024, 32, 4, 50_000,
                List.of(64 * 1024, 4 << 20, 128 << 20), 10_000, 1 << 20, Path.of("/dev/shm"), null, DEFAULT_SERVER_BUSY_POLL);
    }

    /** A subset that runs in a minute or two: fewer msizes, a smaller file, shorter points. */
    public static BenchOptions quick(Path out) {
        BenchOptions f = full(out);
        return new BenchOptions(out, f.families, f.diod, f.iperf3, f.iperf3Path, 64 * Sizes.MIB,
                new Plan(200_000_000L, 300_000_000L, 2), 4, List.of(8 * 1024, 64 * 1024, 1 << 20, 4 << 20),
                f.transports, List.of("memory", "local"), List.of("memory"), false, false, "2g", f.smallMsize, 32, 4,
                5_000, f.allocMsizes, f.dirEntries, f.readdirMsize, f.work, null, f.serverBusyPoll);
    }

    /** 1 and N, or just 1 when N is 1. */
    public List<Integer> inFlightValues() {
        return inFlight == 1 ? List.of(1) : List.of(1, inFlight);
    }

    /** The msize ceiling the server needs: the largest msize any scenario asks for. */
    public int maxMsize() {
        int m = Math.max(readdirMsize, 4 << 20);
        for (int x : concat(msizes, allocMsizes)) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** Whether the run starts diod: it is not left out, and a family it takes part in runs over TCP. */
    public boolean needsDiod() {
        return diod != null && (runs(Family.SEQ) || runs(Family.SMALL) || runs(Family.READDIR))
                && transports.contains("tcp");
    }

    public boolean runs(Family f) {
        return families.contains(f);
    }

    private static List<Integer> sorted(List<Integer> in) {
        return in.stream().distinct().sorted().toList();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    // ---- withers for the command's options ----

    public BenchOptions withFamilies(Set<Family> v) {
        return new BenchOptions(out, v, diod, iperf3, iperf3Path, fileSize, plan, inFlight, msizes, transports, backends,
                unixBackends, inProcess, jfr, serverHeap, smallMsize, smallInFlight, connections, allocRequests,
                allocMsizes, dirEntries, readdirMsize, work, pinning, serverBusyPoll);
    }

    public BenchOptions withServers(Path diodPath, boolean runIperf3, String iperf3Binary, boolean serverInProcess,
                                    String heap) {
        return new BenchOptions(out, families, diodPath, runIperf3, iperf3Binary, fileSize, plan, inFlight, msizes,
                transports, backends, unixBackends, serverInProcess, jfr, heap, smallMsize, smallInFlight, connections,
                allocRequests, allocMsizes, dirEntries, readdirMsize, work, pinning, serverBusyPoll);
    }

    public BenchOptions withSizes(long file, List<Integer> sweep, List<Integer> alloc, int entries) {
        return new BenchOptions(out, families, diod, iperf3, iperf3Path, file, plan, inFlight, sweep, transports, backends,
                unixBackends, inProcess, jfr, serverHeap, smallMsize, smallInFlight, connections, allocRequests, alloc,
                entries, readdirMsize, work, pinning, serverBusyPoll);
    }

    public BenchOptions withPlan(Plan p) {
        return new BenchOptions(out, families, diod, iperf3, iperf3Path, fileSize, p, inFlight, msizes, transports,
                backends, unixBackends, inProcess, jfr, serverHeap, smallMsize, smallInFlight, connections, allocRequests,
                allocMsizes, dirEntries, readdirMsize, work, pinning, serverBusyPoll);
    }

    public BenchOptions withLoad(int n, int smallN, int conns, int allocN) {
        return new BenchOptions(out, families, diod, iperf3, iperf3Path, fileSize, plan, n, msizes, transports, backends,
                unixBackends, inProcess, jfr, serverHeap, smallMsize, smallN, conns, allocN, allocMsizes, dirEntries,
                readdirMsize, work, pinning, serverBusyPoll);
    }

    public BenchOptions withTransports(List<String> t, List<String> b, List<String> unixB) {
        return new BenchOptions(out, families, diod, iperf3, iperf3Path, fileSize, plan, inFlight, msizes, t, b, unixB,
                inProcess, jfr, serverHeap, smallMsize, smallInFlight, connections, allocRequests, allocMsizes,
                dirEntries, readdirMsize, work, pinning, serverBusyPoll);
    }

    public BenchOptions withJfr(boolean v) {
        return new BenchOptions(out, families, diod, iperf3, iperf3Path, fileSize, plan, inFlight, msizes, transports,
                backends, unixBackends, inProcess, v, serverHeap, smallMsize, smallInFlight, connections, allocRequests,
                allocMsizes, dirEntries, readdirMsize, work, pinning, serverBusyPoll);
    }

    public BenchOptions withWork(Path v) {
        return new BenchOptions(out, families, diod, iperf3, iperf3Path, fileSize, plan, inFlight, msizes, transports,
                backends, unixBackends, inProcess, jfr, serverHeap, smallMsize, smallInFlight, connections, allocRequests,
                allocMsizes, dirEntries, readdirMsize, v, pinning, serverBusyPoll);
    }

    public BenchOptions withPinning(Pinning v) {
        return new BenchOptions(out, families, diod, iperf3, iperf3Path, fileSize, plan, inFlight, msizes, transports,
                backends, unixBackends, inProcess, jfr, serverHeap, smallMsize, smallInFlight, connections, allocRequests,
                allocMsizes, dirEntries, readdirMsize, work, v, serverBusyPoll);
    }

    public BenchOptions withServerBusyPoll(Duration v) {
        return new BenchOptions(out, families, diod, iperf3, iperf3Path, fileSize, plan, inFlight, msizes, transports,
                backends, unixBackends, inProcess, jfr, serverHeap, smallMsize, smallInFlight, connections, allocRequests,
                allocMsizes, dirEntries, readdirMsize, work, pinning, v);
    }
}

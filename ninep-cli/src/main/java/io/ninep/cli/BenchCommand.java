package io.ninep.cli;

import io.ninep.cli.bench.BenchOptions;
import io.ninep.cli.bench.BenchRun;
import io.ninep.cli.bench.Family;
import io.ninep.cli.bench.Pinning;
import io.ninep.cli.bench.Plan;
import io.ninep.cli.bench.Sizes;
import io.ninep.cli.files.ErrorText;
import io.ninep.server.ServerConfig;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ninep bench}: the figures behind every claim of speed, with their baselines, in one run. */
@Command(name = "bench",
        description = {
            "Measure ninep against the limits of this machine and against diod, in one run, and write "
                    + "a report: a table on the terminal, CSV, Markdown and PNG charts.",
            "",
            "Families (--only/--skip):",
            "  baseline  raw TCP and Unix-socket blasts at every msize (from one buffer, and over "
                    + "file-sized memory), iperf3, a 19/160-byte socket ping-pong, memory copy, pwrite "
                    + "into the local backend's big file, and the raw TCP blast received into that file "
                    + "(splice, no 9P)",
            "  seq       sequential read and write of a large file at every msize from 8K to 128M and "
                    + "4186112, 1 and N in flight, over TCP and a Unix socket; ninep's server with each "
                    + "backend, and diod up to its 64K; the points the targets compare with the raw socket "
                    + "take turns with a raw blast (the local backend's writes also with the blast into "
                    + "the file, reads also with a blast from memory of the file's size), and the local "
                    + "backend's up to 64K with diod's same point (its 64K writes also with the write floor, "
                    + "a server in C that only splices each payload into the file and answers, built with "
                    + "the machine's cc when there is one); every kind of point runs briefly first, and each point warms up until the JITs stop compiling "
                    + "(at most 8 warm-ups)",
            "  small     Tgetattr, walk+clunk, walk+open+read 4K+clunk: rate and latency percentiles, "
                    + "1 and 32 in flight, one and several connections; Tgetattr x1 takes turns with the "
                    + "raw ping-pong, which the round-trip target compares it with",
            "  alloc     heap bytes and pool buffers per small request, client and server, at msize "
                    + "64K, 4M and 128M",
            "  readdir   10 000 entries: server time per entry, and end to end",
            "Then every target of issue 5 is checked: PASS, MISS or NA (not measured in this run).",
            "",
            "ninep's server runs in a JVM of its own (--in-process: in this one); its backends are "
                    + "memory (MemoryFileServer), null (a synthetic file that moves no bytes: the engine "
                    + "alone) and local (LocalFileServer on tmpfs, the same files diod serves). diod needs "
                    + "root (or --no-diod). The full run takes an hour or more on 2 cores; --quick a "
                    + "minute or two.",
            ""
        },
        mixinStandardHelpOptions = true)
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the report (default: bench-results/DATE)")
    Path out;

    @Option(names = "--quick", description = "a subset: msizes 8K 64K 1M 4M, a 64M file, short points")
    boolean quick;

    @Option(names = "--only", split = ",", paramLabel = "FAMILY", description = "run only these families: baseline, seq, small, alloc, readdir")
    List<String> only = new ArrayList<>();

    @Option(names = "--skip", split = ",", paramLabel = "FAMILY", description = "leave these families out")
    List<String> skip = new ArrayList<>();

    @Option(names = "--diod", paramLabel = "PATH", description = "diod's binary (default: /usr/sbin/diod); a missing diod fails the run")
    Path diod = BenchOptions.DIOD;

    @Option(names = "--no-diod", description = "leave diod out")
    boolean noDiod;

    @Option(names = "--iperf3", paramLabel = "PATH", description = "iperf3's binary (default: iperf3 on PATH; skipped with a note if absent)")
    String iperf3 = "iperf3";

    @Option(names = "--no-iperf3", description = "leave iperf3 out")
    boolean noIperf3;

    @Option(names = "--file-size", paramLabel = "SIZE", description = "the large file (default: 1G, --quick 64M)")
    String fileSize;

    @Option(names = "--msizes", split = ",", paramLabel = "SIZE", description = "the msize sweep (default: 8K to 128M by powers of two, and 4186112)")
    List<String> msizes = new ArrayList<>();

    @Option(names = "--alloc-msizes", split = ",", paramLabel = "SIZE", description = "msizes of the alloc family (default: 64K,4M,128M)")
    List<String> allocMsizes = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "SECONDS", description = "length of each repeat of a point (default: 1, --quick 0.3)")
    Double duration;

    @Option(names = "--warmup", paramLabel = "SECONDS", description = "warm-up before each point (default: 1, "
            + "--quick 0.2); a sequential point's goes on in rounds of half of it while either JVM's JIT "
            + "compiles, up to 8 times it")
    Double warmup;

    @Option(names = "--repeats", paramLabel = "N", description = "repeats of each point; the median is reported (default: 3, --quick 2)")
    Integer repeats;

    @Option(names = "--in-flight", paramLabel = "N", description = "N of '1 and N requests in flight' for sequential I/O (default: 4, the client's I/O window)")
    Integer inFlight;

    @Option(names = "--small-in-flight", paramLabel = "N", description = "requests in flight for small operations besides 1 (default: 32)")
    Integer smallInFlight;

    @Option(names = "--connections", paramLabel = "N", description = "connections the small operations are also spread over (default: 4)")
    Integer connections;

    @Option(names = "--alloc-requests", paramLabel = "N", description = "operations per repeat of the alloc family (default: 50000, --quick 5000)")
    Integer allocRequests;

    @Option(names = "--dir-entries", paramLabel = "N", description = "entries of the readdir directory (default: 10000)")
    Integer dirEntries;

    @Option(names = "--transports", split = ",", paramLabel = "T", description = "tcp, unix (default: both)")
    List<String> transports = new ArrayList<>();

    @Option(names = "--backends", split = ",", paramLabel = "B", description = "ninep backends swept over TCP: memory, null, local (default: all; --quick memory,local)")
    List<String> backends = new ArrayList<>();

    @Option(names = "--unix-backends", split = ",", paramLabel = "B", description = "ninep backends swept over the Unix socket (default: memory)")
    List<String> unixBackends = new ArrayList<>();

    @Option(names = "--in-process", description = "run ninep's server in this JVM (server heap figures are then n/a)")
    boolean inProcess;

    @Option(names = "--pin", description = "hold the servers (ninep's, diod, the raw socket servers, iperf3's) to one CPU "
            + "and the clients to another, with taskset, so that both ends stay put for the whole run")
    boolean pin;

    @Option(names = "--server-heap", paramLabel = "SIZE", description = "the server JVM's -Xmx (default: 6g, --quick 2g)")
    String serverHeap;

    @Option(names = "--server-busy-poll", paramLabel = "MICROSECONDS", description = "how long ninep's server spins on a "
            + "connection with nothing in flight before it sleeps, as serve --busy-poll (default: 50; 0 is the server's own default)")
    Integer serverBusyPoll;

    @Option(names = "--jfr", description = "record the client and the server with JFR (profile settings) into the output directory")
    boolean jfr;

    @Option(names = "--work", paramLabel = "DIR", description = "where the run's files go (default: /dev/shm, tmpfs)")
    Path work;

    @Override
    public Integer call() throws Exception {
        BenchOptions o;
        // The parse result holds the whole command line, the subcommand's name included.
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        int name = all.indexOf(spec.name());
        List<String> args = all.subList(name + 1, all.size());
        try {
            o = options();
        } catch (IllegalArgumentException e) {
            System.err.println("ninep: bench: " + e.getMessage());
            return 2;
        }
        try {
            new BenchRun(o, args, System.out, System.err).run();
            return 0;
        } catch (FileSystemException e) {
            // Where the run writes or works: say which file and why, as coreutils would.
            System.err.println("ninep: bench: " + e.getFile() + ": " + ErrorText.of(e));
            return 1;
        } catch (IOException e) {
            System.err.println("ninep: bench: " + ErrorText.of(e));
            return 1;
        } catch (Exception e) {
            // Not the user's doing: the trace is for the bug report.
            System.err.println("ninep: bench: " + e);
            e.printStackTrace(System.err);
            return 1;
        }
    }

    BenchOptions options() {
        Path dir = out != null ? out : Path.of("bench-results",
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss")));
        BenchOptions o = quick ? BenchOptions.quick(dir) : BenchOptions.full(dir);
        Set<Family> families = only.isEmpty() ? EnumSet.allOf(Family.class) : EnumSet.noneOf(Family.class);
        only.forEach(f -> families.add(Family.parse(f)));
        skip.forEach(f -> families.remove(Family.parse(f)));
        o = o.withFamilies(families);
        o = o.withServers(noDiod ? null : diod, !noIperf3, iperf3, inProcess, serverHeap != null ? serverHeap : o.serverHeap());
        o = o.withSizes(fileSize != null ? Sizes.parse(fileSize) : o.fileSize(),
                msizes.isEmpty() ? o.msizes() : sizes(msizes), allocMsizes.isEmpty() ? o.allocMsizes() : sizes(allocMsizes),
                dirEntries != null ? dirEntries : o.dirEntries());
        Plan p = o.plan();
        o = o.withPlan(new Plan(warmup != null ? (long) (Math.max(0, warmup) * 1e9) : p.warmupNanos(),
                duration != null ? nanos(duration) : p.eachNanos(), repeats != null ? repeats : p.repeats()));
        o = o.withLoad(inFlight != null ? inFlight : o.inFlight(), smallInFlight != null ? smallInFlight : o.smallInFlight(),
                connections != null ? connections : o.connections(), allocRequests != null ? allocRequests : o.allocRequests());
        o = o.withTransports(transports.isEmpty() ? o.transports() : transports,
                backends.isEmpty() ? o.backends() : backends, unixBackends.isEmpty() ? o.unixBackends() : unixBackends);
        o = o.withJfr(jfr);
        if (serverBusyPoll != null) {
            Duration poll = Duration.ofNanos(serverBusyPoll * 1000L);
            // The server's own check, before anything starts.
            ServeCommand.option("--server-busy-poll", ServerConfig.defaults(), c -> c.withBusyPoll(poll));
            o = o.withServerBusyPoll(poll);
        }
        if (pin) {
            o = o.withPinning(pinning());
        }
        if (o.needsDiod() && !Files.isExecutable(o.diod())) {
            // Said before anything starts, not half an hour into the run.
            throw new IllegalArgumentException("no diod at " + o.diod() + " (apt-get install diod, or --diod PATH, or --no-diod)");
        }
        if (work != null) {
            o = o.withWork(work);
        }
        if (o.families().isEmpty()) {
            throw new IllegalArgumentException("no family left to run");
        }
        return o;
    }

    private static Pinning pinning() {
        try {
            return Pinning.firstTwoAllowed();
        } catch (IOException e) {
            throw new IllegalArgumentException("--pin: cannot read the CPUs this process may run on: " + ErrorText.of(e), e);
        }
    }

    private static List<Integer> sizes(List<String> texts) {
        List<Integer> l = new ArrayList<>();
        for (String t : texts) {
            long v = Sizes.parse(t);
            if (v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("msize " + t + " is above 2 GiB");
            }
            l.add((int) v);
        }
        return l;
    }

    private static long nanos(double seconds) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("durations must be positive");
        }
        return (long) (seconds * 1e9);
    }
}

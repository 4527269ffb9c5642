package io.ninep.cli.bench;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;

/**
 * The physical limits, measured in the same run as everything else: plain loopback TCP and
 * Unix-socket blasts in both directions with the msizes as chunk sizes (the same JVMs, the same
 * default socket buffers, direct buffers, blocking channels on platform threads), each twice:
 * from one buffer to one buffer, which stay in the caches, and over file-sized memory (the
 * server's chunks walking as much memory as the big file, the client's as much as the
 * sequential scenario's buffer), which touches what a file read or write touches; iperf3 if it
 * is installed, a socket ping-pong of Tgetattr's sizes (19 bytes out, 160 back) one at a time
 * and 32 at a time, the memory copy bandwidth for msize chunks, and pwrite(2) into the local
 * backend's big file in msize chunks (the file system's own cost of a write).
 */
final class Baselines {
    /** Tgetattr and Rgetattr on the wire: what the small-operation ping-pong sends. */
    static final int TGETATTR_SIZE = 19;
    static final int RGETATTR_SIZE = 160;
    static final int PIPELINED = 32;

    private final BenchContext ctx;

    Baselines(BenchContext ctx) {
        this.ctx = ctx;
    }

    void run() throws Exception {
        List<String> transports = ctx.options.transports();
        int total = transports.size() * ctx.options.msizes().size() * 2;
        int done = 0;
        for (String transport : transports) {
            String address = ctx.server.addresses().get("raw-" + transport);
            for (int msize : ctx.options.msizes()) {
                for (boolean read : new boolean[] {true, false}) {
                    ctx.settle();
                    Summary s = blast(address, msize, read, 0, msize).times(1.0 / Sizes.MIB);
                    add("blast", "raw", transport, read ? "read" : "write", msize, 1, 1, Metric.THROUGHPUT, s, "");
                    ctx.progress(String.format("[baseline %d/%d] raw %s %s %s: %s MiB/s", ++done, total, transport,
                            read ? "read" : "write", Sizes.label(msize), range(s)));
                    long file = fileRegion(ctx.options.fileSize());
                    long buffer = SeqScenario.bufferBytes(msize, ctx.options.inFlight(), ctx.options.fileSize());
                    if (buffer < 1) {
                        continue;
                    }
                    ctx.settle();
                    Summary f = blast(address, msize, read, (int) (file / Sizes.MIB), buffer).times(1.0 / Sizes.MIB);
                    add("blast-file", "raw", transport, read ? "read" : "write", msize, 1, 1, Metric.THROUGHPUT, f,
                            "the server's chunks walk " + Sizes.label(file) + " (the file), the client's "
                                    + Sizes.label(buffer) + " (the sequential scenario's buffer)");
                    ctx.progress(String.format("[baseline %d/%d] raw %s %s %s over file-sized memory: %s MiB/s", done,
                            total, transport, read ? "read" : "write", Sizes.label(msize), range(f)));
                }
            }
        }
        iperf3();
        for (String transport : transports) {
            String address = ctx.server.addresses().get("raw-" + transport);
            pingPong(address, transport, false);
            if (transport.equals("tcp")) {
                pingPong(address, transport, true);
            }
            pipelined(address, transport);
        }
        for (int msize : ctx.options.msizes()) {
            Summary s = memcpy(msize).times(1.0 / Sizes.MIB);
            add("memcpy", "memcpy", "-", "copy", msize, 0, 0, Metric.THROUGHPUT, s,
                    "direct to direct, msize chunks walking a " + Sizes.label(copySource()) + " region into one msize buffer");
            ctx.progress("[baseline] memcpy " + Sizes.label(msize) + ": " + range(s) + " MiB/s");
        }
        Path big = ctx.fixture.export.resolve(Fixture.BIG);
        for (int msize : ctx.options.msizes()) {
            if (msize > ctx.options.fileSize()) {
                continue;
            }
            Summary s = fileWrite(big, msize).times(1.0 / Sizes.MIB);
            add(FILE_WRITE, "file", "-", "pwrite", msize, 0, 0, Metric.THROUGHPUT, s, "pwrite(2) of msize chunks from"
                    + " one buffer over the local backend's big file, walking it (in --work, tmpfs unless it says"
                    + " otherwise): the most a server that writes files with write(2) or splice(2) moves on one CPU");
            ctx.progress("[baseline] pwrite into the export " + Sizes.label(msize) + ": " + range(s) + " MiB/s");
            String address = ctx.server.addresses().get("raw-tcp");
            if (address == null || !transports.contains("tcp")) {
                continue;
            }
            ctx.settle();
            Summary f;
            try {
                f = intoFile(address, msize).times(1.0 / Sizes.MIB);
            } catch (IOException e) {
                // The server JVM cannot splice (no descriptor of the socket): it closed the connection.
                ctx.progress("[baseline] raw tcp write into the export: not measured (" + e.getMessage() + ")");
                continue;
            }
            add(INTO_FILE, "raw", "tcp", "write-into-file", msize, 1, 1, Metric.THROUGHPUT, f, "the raw blast (one buffer"
                    + " sending) received into the local backend's big file, walking it, with the transport's"
                    + " splice(2) and no 9P: the most the local backend's writes can move");
            ctx.progress("[baseline] raw tcp write " + Sizes.label(msize) + " into the export: " + range(f) + " MiB/s");
        }
    }

    /** The scenario of {@link #intoFile}. */
    static final String INTO_FILE = "blast-into-file";

    /**
     * Bytes per second of the raw blast (the client writing chunks of {@code chunk} from one
     * buffer) received by the raw server into the big file, as the local backend receives a
     * Twrite's payload: the socket and the file system's write together, no protocol.
     */
    Summary intoFile(String address, int chunk) throws Exception {
        try (Region region = new Region(chunk, chunk); RawClient c = openIntoFile(address, chunk, ctx.options.fileSize())) {
            return ctx.plan.measure(blastWindow(c, region, chunk, false));
        }
    }

    /** A connection to the raw server that receives chunks into the big file of {@code fileSize} bytes, walking it. */
    static RawClient openIntoFile(String address, int chunk, long fileSize) throws IOException {
        return RawClient.open(address, RawServer.INTO_FILE, chunk, (int) (fileSize / Sizes.MIB), 0);
    }

    /** The scenario of {@link #fileWrite}. */
    static final String FILE_WRITE = "file-write";

    /**
     * Bytes per second of pwrite(2) into {@code file} in chunks of {@code chunk} from one direct
     * buffer, overwriting it from start to end and again: the file system's own cost of a write,
     * which every byte the local backend (and diod) writes pays once.
     */
    Summary fileWrite(Path file, int chunk) throws Exception {
        try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer src = arena.allocate(chunk, 4096).asByteBuffer();
            long slots = ctx.options.fileSize() / chunk;
            long[] at = {0};
            Plan.Step step = () -> {
                long position = (at[0]++ % slots) * chunk;
                src.clear();
                while (src.hasRemaining()) {
                    ch.write(src, position + src.position());
                }
                return chunk;
            };
            return quickPlan().measure(Plan.loop(step));
        }
    }

    /**
     * Bytes per second from (read) or to (write) the raw server, in chunks of {@code chunk} bytes,
     * the server's walking a region of {@code serverMib} MiB (0: one buffer) and the client's one
     * of {@code clientBytes}.
     */
    Summary blast(String address, int chunk, boolean read, int serverMib, long clientBytes) throws Exception {
        try (Region region = new Region(chunk, clientBytes); RawClient c = openBlast(address, chunk, read, serverMib)) {
            return ctx.plan.measure(blastWindow(c, region, chunk, read));
        }
    }

    /** A blast's connection to the raw server: it sends (read) or swallows (write) chunks, walking {@code serverMib} MiB. */
    static RawClient openBlast(String address, int chunk, boolean read, int serverMib) throws IOException {
        return RawClient.open(address, read ? RawServer.SOURCE : RawServer.SINK, chunk, serverMib, 0);
    }

    /** A window of a blast: chunks read into (or written from) the region's buffers in turn, in bytes per second. */
    static Plan.Window blastWindow(RawClient c, Region region, int chunk, boolean read) {
        return Plan.loop(read
                ? () -> {
                    c.readFully(region.next());
                    return chunk;
                }
                : () -> {
                    c.writeFully(region.next());
                    return chunk;
                });
    }

    /** Half the warm-up and a third of the window of the run's plan: for the baselines that need no network. */
    private Plan quickPlan() {
        return new Plan(ctx.plan.warmupNanos() / 2, Math.max(ctx.plan.eachNanos() / 3, 1_000_000), ctx.plan.repeats());
    }

    /** The memory a file-sized blast's server walks: the big file's size, at most 1 GiB. */
    static long fileRegion(long fileSize) {
        return Math.min(fileSize, Sizes.GIB) / Sizes.MIB * Sizes.MIB;
    }

    private void pingPong(String address, String transport, boolean virtual) throws Exception {
        ctx.settle();
        LatencyHistogram[] perRepeat = new LatencyHistogram[ctx.plan.repeats()];
        Summary rate;
        try (RawClient c = openPingPong(address, virtual)) {
            LatencyHistogram h = new LatencyHistogram();
            Plan.Step step = pingPongStep(c, h);
            rate = virtual ? onVirtualThread(() -> measureWithLatency(step, h, perRepeat))
                    : measureWithLatency(step, h, perRepeat);
        }
        String server = "raw";
        String note = virtual ? "both ends on virtual threads" : "both ends on platform threads (blocking system calls)";
        String op = virtual ? "pingpong-virtual" : "pingpong";
        add("pingpong", server, transport, op, 0, 1, 1, Metric.RATE, rate, note);
        latencies("pingpong", server, "-", transport, op, 1, 1, perRepeat, note, ctx);
        ctx.progress(String.format("[baseline] raw %s %s 19/160 B x1: %s round trips/s, median %.1f us", transport, op,
                range(rate), perRepeat[perRepeat.length / 2].percentile(50) / 1000));
    }

    /** Runs {@code work} on a virtual thread and waits for it: the bench's own thread is a platform thread. */
    private static Summary onVirtualThread(Callable<Summary> work) throws Exception {
        try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                return exec.submit(work).get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception x ? x : e;
            }
        }
    }

    /** Opens a ping-pong of a Tgetattr's 19 bytes and an Rgetattr's 160 with the raw server, its end on a virtual thread or not. */
    static RawClient openPingPong(String address, boolean virtual) throws IOException {
        return RawClient.open(address, RawServer.PING, TGETATTR_SIZE, RGETATTR_SIZE, virtual ? RawServer.VIRTUAL : 0);
    }

    /** One round trip of the ping-pong, timed into {@code h}. */
    static Plan.Step pingPongStep(RawClient c, LatencyHistogram h) {
        ByteBuffer out = ByteBuffer.allocateDirect(TGETATTR_SIZE);
        ByteBuffer in = ByteBuffer.allocateDirect(RGETATTR_SIZE);
        return () -> {
            long t0 = System.nanoTime();
            out.clear();
            c.writeFully(out);
            in.clear();
            c.readFully(in);
            h.record(System.nanoTime() - t0);
            return 1;
        };
    }

    private void pipelined(String address, String transport) throws Exception {
        ctx.settle();
        Summary rate;
        try (RawClient c = RawClient.open(address, RawServer.PING, TGETATTR_SIZE, RGETATTR_SIZE, 0)) {
            ByteBuffer out = ByteBuffer.allocateDirect(TGETATTR_SIZE * PIPELINED);
            ByteBuffer in = ByteBuffer.allocateDirect(RGETATTR_SIZE * PIPELINED);
            rate = ctx.plan.measure(Plan.loop(() -> {
                out.clear();
                c.writeFully(out);
                in.clear();
                c.readFully(in);
                return PIPELINED;
            }));
        }
        add("pingpong", "raw", transport, "pingpong", 0, PIPELINED, 1, Metric.RATE, rate,
                "32 requests written at once, 32 replies read: the batching a 9P engine can do at best");
        ctx.progress("[baseline] raw " + transport + " pingpong 19/160 B x32 batched: " + range(rate) + " round trips/s");
    }

    /** Runs {@code step} under the plan, keeping each repeat's latencies. */
    private Summary measureWithLatency(Plan.Step step, LatencyHistogram h, LatencyHistogram[] perRepeat) throws Exception {
        Plan.Window w = Plan.loop(step);
        w.run(ctx.plan.warmupNanos());
        double[] rates = new double[ctx.plan.repeats()];
        for (int i = 0; i < rates.length; i++) {
            h.reset();
            rates[i] = w.run(ctx.plan.eachNanos());
            perRepeat[i] = new LatencyHistogram();
            perRepeat[i].add(h);
        }
        return Summary.of(rates);
    }

    /** The percentiles of each repeat, as results (median and spread over the repeats). */
    static void latencies(String scenario, String server, String backend, String transport, String op, int inFlight,
                          int connections, LatencyHistogram[] perRepeat, String note, BenchContext ctx) {
        record P(Metric metric, double percent) {}
        for (P p : new P[] {new P(Metric.LATENCY_P50, 50), new P(Metric.LATENCY_P90, 90), new P(Metric.LATENCY_P99, 99),
                new P(Metric.LATENCY_P999, 99.9)}) {
            double[] v = new double[perRepeat.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = perRepeat[i].percentile(p.percent()) / 1000.0;
            }
            Family family = server.equals("raw") ? Family.BASELINE : Family.SMALL;
            ctx.add(new Result(family, scenario, server, backend, transport, op, 0, inFlight, connections,
                    p.metric(), Summary.of(v), note));
        }
    }

    /** The region the memory copy walks: large enough to defeat the caches, as a large file does. */
    long copySource() {
        return Math.max(256 * Sizes.MIB, 2L * ctx.options.msizes().stream().mapToInt(Integer::intValue).max().orElse(0));
    }

    /** Bytes copied per second: msize chunks from a large region into one msize buffer. */
    Summary memcpy(int chunk) throws Exception {
        long region = copySource();
        try (Arena arena = Arena.ofConfined()) {
            ByteBuffer src = arena.allocate(region, 4096).asByteBuffer();
            ByteBuffer dst = arena.allocate(chunk, 4096).asByteBuffer();
            long[] at = {0};
            int slots = (int) (region / chunk);
            Plan.Step step = () -> {
                int from = (int) ((at[0]++ % slots) * chunk);
                dst.put(0, src, from, chunk);
                return chunk;
            };
            return quickPlan().measure(Plan.loop(step));
        }
    }

    private void iperf3() throws Exception {
        if (!ctx.options.iperf3() || !ctx.options.transports().contains("tcp")) {
            return;
        }
        Iperf3 iperf = Iperf3.find(ctx.options.iperf3Path());
        if (iperf == null) {
            ctx.progress("[baseline] iperf3: not installed (apt-get install iperf3), skipped");
            return;
        }
        for (int len : new int[] {128 * 1024, 1 << 20}) {
            ctx.settle();
            Summary s = iperf.run(len, ctx.plan, ctx.options.pinning()).times(1.0 / Sizes.MIB);
            add("iperf3", "iperf3", "tcp", "read", len, 1, 1, Metric.THROUGHPUT, s,
                    "iperf3 " + iperf.version() + " -l " + Sizes.label(len) + " (its largest block is 1M)");
            ctx.progress("[baseline] iperf3 -l " + Sizes.label(len) + ": " + range(s) + " MiB/s");
        }
    }

    private void add(String scenario, String server, String transport, String op, long msize, int inFlight,
                     int connections, Metric metric, Summary value, String note) {
        ctx.add(new Result(Family.BASELINE, scenario, server, "-", transport, op, msize, inFlight, connections, metric,
                value, note));
    }

    static String range(Summary s) {
        return TextTable.figure(s.median()) + " (" + TextTable.figure(s.min()) + " to " + TextTable.figure(s.max()) + ")";
    }
}

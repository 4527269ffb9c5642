package io.ninep.cli.bench;

import io.ninep.client.Fid;
import io.ninep.client.Session;
import io.ninep.protocol.LinuxOpenFlags;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sequential read and write of the big file through ninep's client, for every msize of the
 * sweep, with 1 and N requests in flight ({@code Fid.readAll}/{@code writeAll} with the client's
 * I/O window set to 1 or N), against every endpoint: ninep's server with each backend on each
 * transport, and diod up to its 64 KiB ceiling.
 *
 * <p>Each call moves one chunk: at least 16 MiB and at least 8 windows' worth of full-size
 * requests (msize - 24 bytes each), at most the file; the offset walks the file and wraps. The
 * payload lands in (or leaves from) one direct buffer that lives for the point, so the figure is
 * the protocol's, not the allocator's.
 */
final class SeqScenario {
    private final BenchContext ctx;

    SeqScenario(BenchContext ctx) {
        this.ctx = ctx;
    }

    /** One point of the sweep. */
    record Point(Endpoint endpoint, int msize, int inFlight, boolean read) {
        String label() {
            return endpoint.label() + " " + (read ? "read" : "write") + " " + Sizes.label(msize) + " x" + inFlight;
        }
    }

    List<Point> points() {
        List<Point> points = new ArrayList<>();
        for (Endpoint e : ctx.endpoints) {
            for (int msize : ctx.options.msizes()) {
                if (msize > e.maxMsize()) {
                    continue;
                }
                for (boolean read : new boolean[] {true, false}) {
                    for (int n : ctx.options.inFlightValues()) {
                        points.add(new Point(e, msize, n, read));
                    }
                }
            }
        }
        return points;
    }

    void run() throws Exception {
        prepareMemoryFile();
        List<Point> points = points();
        preWarm(points);
        int i = 0;
        for (Point p : points) {
            ctx.settle();
            Measured m = measure(p);
            String op = p.read() ? "read" : "write";
            ctx.add(new Result(Family.SEQ, "sequential", p.endpoint().server(), p.endpoint().backend(),
                    p.endpoint().transport(), op, m.msize(), p.inFlight(), 1, Metric.THROUGHPUT, m.throughput(), m.note()));
            String line = String.format("[seq %d/%d] %s: %s MiB/s", ++i, points.size(), p.label(),
                    Baselines.range(m.throughput()));
            for (Paired b : m.inTurn()) {
                Turn t = b.turn();
                ctx.add(new Result(Family.BASELINE, t.scenario(), t.server(), p.endpoint().backend(),
                        p.endpoint().transport(), op, p.msize(), p.inFlight(), 1, Metric.THROUGHPUT, b.mib(),
                        t.name() + ", in turn with the repeats of " + p.label()));
                ctx.add(new Result(Family.BASELINE, t.ratioScenario(), p.endpoint().server(), p.endpoint().backend(),
                        p.endpoint().transport(), op, p.msize(), p.inFlight(), 1, Metric.RATIO_IN_TURN, b.ratios(),
                        "each repeat of " + p.label() + " over the window of " + t.name() + " just before it"));
                line += String.format("; %s in turn: %s MiB/s (ratio by repeat %.2f, %.2f to %.2f)", t.name(),
                        Baselines.range(b.mib()), b.ratios().median(), b.ratios().min(), b.ratios().max());
            }
            ctx.progress(line);
        }
    }

    /**
     * The scenario of a raw blast measured in turn with the repeats of a sequential point (its
     * backend, op, msize and in-flight count are the point's): the baseline the sequential
     * targets prefer, since a blast of the baseline family ran minutes earlier.
     */
    static final String PAIRED_BLAST = "blast-paired";

    /**
     * The scenario of a sequential point's repeats over the raw blast's window just before each
     * ({@link Metric#RATIO_IN_TURN}): what the sequential targets decide on where it exists.
     */
    static final String PAIRED_RATIO = "ratio-in-turn";

    /**
     * The scenario of the raw blast received into the big file ({@link Baselines#INTO_FILE}),
     * measured in turn with the repeats of a local backend's write (with the raw blast): the
     * ceiling of a server that writes into that file system, where it is below the socket's.
     */
    static final String PAIRED_INTO_FILE = "blast-into-file-paired";

    /** The scenario of a point's repeats over the window of {@link #PAIRED_INTO_FILE} just before each. */
    static final String PAIRED_INTO_FILE_RATIO = "ratio-into-file-in-turn";

    /**
     * The scenario of the raw blast whose server sends chunks walking file-sized memory and whose
     * client reads them into the point's own buffer, measured in turn with the repeats of a read
     * of a backend that holds file bytes (memory, local): the ceiling of a server reading a file
     * too large to stay in the caches, where it is below the one-buffer blast's.
     */
    static final String PAIRED_FROM_FILE = "blast-file-paired";

    /** The scenario of a point's repeats over the window of {@link #PAIRED_FROM_FILE} just before each. */
    static final String PAIRED_FROM_FILE_RATIO = "ratio-file-in-turn";

    /**
     * The scenario of diod's sequential point measured in turn with the repeats of ninep's local
     * backend at diod's msize (same op, msize and in-flight count, the same file on tmpfs): the
     * baseline the target against diod prefers, since diod's own point ran minutes apart.
     */
    static final String PAIRED_DIOD = "diod-paired";

    /** The scenario of a point's repeats over the window of {@link #PAIRED_DIOD} just before each. */
    static final String PAIRED_DIOD_RATIO = "ratio-diod-in-turn";

    /**
     * The scenario of the write floor ({@link FloorProcess}) measured in turn with the repeats of
     * ninep's local backend writing at diod's msize, with diod: how far past diod any server gets
     * with this client on this machine.
     */
    static final String PAIRED_FLOOR = "floor-paired";

    /** The scenario of a point's repeats over the window of {@link #PAIRED_FLOOR} just before each. */
    static final String PAIRED_FLOOR_RATIO = "ratio-floor-in-turn";

    /** Every scenario this class measures in turn with a point's repeats (reported with the sequential tables). */
    static final Set<String> IN_TURN = Set.of(PAIRED_BLAST, PAIRED_RATIO, PAIRED_INTO_FILE, PAIRED_INTO_FILE_RATIO,
            PAIRED_FROM_FILE, PAIRED_FROM_FILE_RATIO, PAIRED_DIOD, PAIRED_DIOD_RATIO, PAIRED_FLOOR, PAIRED_FLOOR_RATIO);

    /** The file-bound blast that takes turns with the reads ({@link #PAIRED_FROM_FILE}) or writes. */
    static String pairedFile(boolean read) {
        return read ? PAIRED_FROM_FILE : PAIRED_INTO_FILE;
    }

    /** The ratios to {@link #pairedFile}. */
    static String pairedFileRatio(boolean read) {
        return read ? PAIRED_FROM_FILE_RATIO : PAIRED_INTO_FILE_RATIO;
    }

    /**
     * What takes turns with a point's repeats: the scenario of its figures, that of the point's
     * repeats over its windows, who serves it, and its name in notes ("the raw socket", "diod").
     */
    record Turn(String scenario, String ratioScenario, String server, String name) {}

    /** A baseline's figures from taking turns with a point: MiB/s, and the point's repeats over its windows. */
    record Paired(Turn turn, Summary mib, Summary ratios) {}

    /** @param inTurn what took turns with the point's repeats (none for most points), in the order they ran */
    record Measured(int msize, Summary throughput, String note, List<Paired> inTurn) {}

    /**
     * Whether a raw blast takes turns with this point's repeats: the points the targets compare
     * with the raw socket (ninep's server over TCP with the run's N in flight, msize of 1 MiB and
     * up; and the local backend at diod's 64 KiB, where the socket is the ceiling of the target
     * against diod). On this machine the raw blast at one msize moves by a fifth between runs
     * minutes apart, which is as much as the margins the targets decide on.
     */
    private boolean pairsWithBlast(Point p) {
        Endpoint e = p.endpoint();
        boolean target = p.msize() >= Sizes.MIB || p.msize() == DiodProcess.MAX_MSIZE && e.backend().equals("local");
        return target && e.server().equals("ninep") && e.transport().equals("tcp") && p.inFlight() == ctx.options.inFlight()
                && ctx.server.addresses().containsKey("raw-tcp");
    }

    /**
     * Whether diod's same point takes turns with this one: ninep's local backend over TCP at
     * every msize diod serves (up to its 64 KiB), 1 and N in flight; at 64 KiB these are the
     * points the target against diod compares. On this machine the hypervisor takes a fifth of
     * the CPUs in some minutes and not in others, and diod's own points below 64 KiB moved by a
     * third between runs minutes apart, more than the differences they were to show.
     */
    private boolean pairsWithDiod(Point p) {
        Endpoint e = p.endpoint();
        return ctx.diod() != null && e.server().equals("ninep") && e.backend().equals("local")
                && e.transport().equals("tcp") && p.msize() <= DiodProcess.MAX_MSIZE;
    }

    /** Whether the write floor also takes turns with this point: the writes the target against diod judges. */
    private boolean pairsWithFloor(Point p) {
        return ctx.floor != null && !p.read() && p.msize() == DiodProcess.MAX_MSIZE && pairsWithDiod(p);
    }

    /**
     * Whether a file-bound raw blast ({@link #pairedFile}) also takes turns with this point: the
     * local backend's writes the sequential target covers (every byte it writes goes through the
     * file system's write path, which the socket alone does not pay), and the reads of the
     * backends that hold the file's bytes (every byte they send comes from memory the size of the
     * file, which the one-buffer blast keeps in the caches).
     */
    private boolean pairsWithFileBlast(Point p) {
        String backend = p.endpoint().backend();
        return pairsWithBlast(p) && p.msize() >= Sizes.MIB
                && (p.read() ? !backend.equals("null") : backend.equals("local"));
    }

    /**
     * The caller's buffer of one readAll/writeAll: whole requests of {@code maxIo} bytes, at
     * least 16 MiB and 8 per request in flight (so the pipeline's start and end are a small part
     * of each call), at most the file or 1 GiB; 0 if not even one request fits in the file.
     */
    static long bufferBytes(long maxIo, int inFlight, long fileSize) {
        long pieces = Math.max((16 * Sizes.MIB + maxIo - 1) / maxIo, 8L * inFlight);
        pieces = Math.min(pieces, Math.min(fileSize, Sizes.GIB) / maxIo);
        return Math.max(pieces, 0) * maxIo;
    }

    /**
     * Runs every kind of point once, briefly, before any is measured: each endpoint, direction
     * and in-flight count (with the raw blasts it takes turns with) at the sweep's smallest msize
     * and its smallest from 1 MiB, whose messages take different paths. The JITs compile each
     * path from the profile of the first points that use it; a later point's traffic then
     * invalidates that code (an uncommon trap) and it runs slowly until it is compiled again,
     * which on this machine took whole windows of the points it landed in. Here the JITs meet
     * every path before any repeat counts.
     */
    private void preWarm(List<Point> points) throws Exception {
        if (ctx.plan.warmupNanos() == 0) {
            return;
        }
        Set<Integer> msizes = new TreeSet<>();
        points.stream().mapToInt(Point::msize).min().ifPresent(msizes::add);
        points.stream().mapToInt(Point::msize).filter(m -> m >= Sizes.MIB).min().ifPresent(msizes::add);
        Plan brief = new Plan(0, Math.max(ctx.plan.warmupNanos() / 2, 1), 1);
        long start = System.nanoTime();
        int n = 0;
        for (Point p : points) {
            if (msizes.contains(p.msize())) {
                measure(p, brief);
                n++;
            }
        }
        ctx.progress(String.format("[seq] warmed the JITs with %d points at %s: %.0f s", n,
                msizes.stream().map(Sizes::label).toList(), (System.nanoTime() - start) / 1e9));
    }

    Measured measure(Point p) throws Exception {
        return measure(p, ctx.plan);
    }

    private Measured measure(Point p, Plan plan) throws Exception {
        long fileSize = ctx.options.fileSize();
        // The arena outlives the sessions: closing a session joins the client's writer thread,
        // which may still be returning from the gathering write of the last Twrite (the server
        // can answer before writev returns), and a shared arena cannot close while a system call
        // holds one of its buffers.
        try (Arena arena = Arena.ofShared();
             Transfer subject = Transfer.open(p.endpoint(), p, fileSize, arena);
             Transfer diod = pairsWithDiod(p) ? Transfer.open(ctx.diod(), p, fileSize, arena) : null;
             Transfer floor = pairsWithFloor(p) ? Transfer.open(ctx.floor, p, fileSize, arena) : null) {
            String note = subject.session.msize() == p.msize() ? "" : "asked msize " + p.msize() + ", got "
                    + subject.session.msize();
            boolean ours = p.endpoint().server().equals("ninep");
            boolean blast = pairsWithBlast(p);
            boolean fileBlast = pairsWithFileBlast(p);   // only where a blast pairs too
            if (!blast && diod == null) {
                Counted<Summary> bytes = warmThenMeasure(plan, List.of(subject.window), ours,
                        () -> plan.withoutWarmUp().measure(subject.window));
                return new Measured(subject.session.msize(), bytes.value().times(1.0 / Sizes.MIB),
                        join(note, bytes.note()), List.of());
            }
            // The blast's chunk is the msize, as in the baseline family, from one buffer into one.
            String address = ctx.server.addresses().get("raw-tcp");
            try (Region region = blast ? new Region(p.msize(), p.msize()) : null;
                 Region own = fileBlast && p.read() ? landing(subject.buffer, p.msize()) : null;
                 RawClient raw = blast ? Baselines.openBlast(address, p.msize(), p.read(), 0) : null;
                 RawClient fileBound = fileBlast ? openFileBlast(address, p, fileSize) : null) {
                List<Turn> turns = new ArrayList<>();
                List<Plan.Window> baselines = new ArrayList<>();
                if (raw != null) {
                    turns.add(new Turn(PAIRED_BLAST, PAIRED_RATIO, "raw", "the raw socket"));
                    baselines.add(Baselines.blastWindow(raw, region, p.msize(), p.read()));
                }
                if (fileBound != null) {
                    turns.add(new Turn(pairedFile(p.read()), pairedFileRatio(p.read()), "raw",
                            p.read() ? "the raw socket from file-sized memory" : "the raw socket into the file"));
                    // A read's blast lands where the point's reads land; a write's sends from one buffer.
                    baselines.add(Baselines.blastWindow(fileBound, p.read() ? own : region, p.msize(), p.read()));
                }
                if (diod != null) {
                    turns.add(new Turn(PAIRED_DIOD, PAIRED_DIOD_RATIO, "diod", "diod"));
                    baselines.add(diod.window);
                }
                if (floor != null) {
                    turns.add(new Turn(PAIRED_FLOOR, PAIRED_FLOOR_RATIO, "floor", "the write floor"));
                    baselines.add(floor.window);
                }
                List<Plan.Window> all = new ArrayList<>(baselines);
                all.add(subject.window);
                Counted<List<Plan.InTurn>> counted = warmThenMeasure(plan, all, ours,
                        () -> plan.withoutWarmUp().measureInTurn(baselines, subject.window));
                List<Paired> paired = new ArrayList<>();
                for (int i = 0; i < turns.size(); i++) {
                    Plan.InTurn t = counted.value().get(i);
                    paired.add(new Paired(turns.get(i), t.baseline().times(1.0 / Sizes.MIB), t.ratios()));
                }
                return new Measured(subject.session.msize(), counted.value().getFirst().subject().times(1.0 / Sizes.MIB),
                        join(note, counted.note()), paired);
            }
        }
    }

    /**
     * One endpoint's sequential transfer for a point: a session with the point's msize and
     * window, the big file open, a direct buffer of one call's chunk, and the window that reads
     * or writes it chunk by chunk, walking the file and wrapping.
     */
    private static final class Transfer implements AutoCloseable {
        final Session session;
        final ByteBuffer buffer;
        final Plan.Window window;
        private final Fid root;
        private final Fid file;

        private Transfer(Session session, Fid root, Fid file, ByteBuffer buffer, Plan.Window window) {
            this.session = session;
            this.root = root;
            this.file = file;
            this.buffer = buffer;
            this.window = window;
        }

        static Transfer open(Endpoint e, Point p, long fileSize, Arena arena) throws IOException {
            Session s = e.connect(p.msize(), p.inFlight());
            Fid root = null;
            Fid f = null;
            try {
                root = e.attach(s);
                f = root.walk(e.bigFile());
                f.open(p.read() ? LinuxOpenFlags.O_RDONLY : LinuxOpenFlags.O_WRONLY);
                long chunk = bufferBytes(f.maxIo(), p.inFlight(), fileSize);
                if (chunk < 1) {
                    throw new IOException("the file (" + Sizes.label(fileSize) + ") is smaller than one request of "
                            + f.maxIo() + " bytes: use a larger --file-size");
                }
                ByteBuffer buf = arena.allocate(chunk, 4096).asByteBuffer();
                Fid file = f;
                String label = new Point(e, p.msize(), p.inFlight(), p.read()).label();
                long[] offset = {0};
                Plan.Step step = () -> {
                    if (offset[0] + chunk > fileSize) {
                        offset[0] = 0;
                    }
                    buf.clear();
                    long n = p.read() ? file.readAll(offset[0], buf) : file.writeAll(offset[0], buf);
                    if (n != chunk) {
                        throw new IOException(label + ": moved " + n + " bytes of " + chunk + " at offset " + offset[0]);
                    }
                    offset[0] += chunk;
                    return n;
                };
                return new Transfer(s, root, f, buf, Plan.loop(step));
            } catch (IOException | RuntimeException ex) {
                closeAll(f, root, s);
                throw ex;
            }
        }

        @Override
        public void close() throws IOException {
            closeAll(file, root, session);
        }

        private static void closeAll(AutoCloseable... in) throws IOException {
            IOException first = null;
            for (AutoCloseable c : in) {
                try {
                    if (c != null) {
                        c.close();
                    }
                } catch (Exception e) {
                    if (first == null) {
                        first = e instanceof IOException io ? io : new IOException(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /**
     * Where a read's file-bound blast lands its chunks: the point's own buffer, as its reads do;
     * a region as large of its own where that buffer holds no whole chunk (a file of one request,
     * whose requests are an msize less the header).
     */
    static Region landing(ByteBuffer buf, int chunk) {
        return buf.capacity() >= chunk ? new Region(MemorySegment.ofBuffer(buf), chunk) : new Region(chunk, chunk);
    }

    /**
     * The file-bound blast of a point: for a write, received into the big file; for a read, sent
     * by a server walking memory of the file's size.
     */
    private static RawClient openFileBlast(String address, Point p, long fileSize) throws IOException {
        return p.read()
                ? Baselines.openBlast(address, p.msize(), true, (int) (Baselines.fileRegion(fileSize) / Sizes.MIB))
                : Baselines.openIntoFile(address, p.msize(), fileSize);
    }

    /** What the repeats measured, and the note of what else ran while they did. */
    private record Counted<T>(T value, String note) {}

    @FunctionalInterface
    private interface Repeats<T> {
        T run() throws Exception;
    }

    /**
     * Warms {@code windows} up until the JITs are quiet ({@link Plan#warmUp}), runs the repeats,
     * and notes what cost them time besides moving bytes: CPU time the hypervisor took (1% or
     * more), a warm-up that ended with the JITs still compiling, compilation during the repeats
     * (either JVM), and for ninep's server ({@code ours}) the buffers its pools refused (taken from
     * the heap instead) and its garbage collections. The server's counters are read while the
     * point's connection is open, as the pools' counters are its own.
     */
    private <T> Counted<T> warmThenMeasure(Plan plan, List<Plan.Window> windows, boolean ours, Repeats<T> repeats)
            throws Exception {
        Plan.WarmUp warm = plan.warmUp(windows, () -> ctx.jitTimes().total());
        ServerUnderTest.ServerStats before = ours ? ctx.server.stats() : null;
        BenchContext.JitTimes jit = ctx.jitTimes();
        CpuTimes cpu = CpuTimes.now();
        T value = repeats.run();
        double steal = CpuTimes.now().stealSince(cpu);
        BenchContext.JitTimes compiled = ctx.jitTimes().since(jit);
        List<String> parts = new ArrayList<>();
        if (steal >= 0.01) {
            parts.add(String.format("the hypervisor took %.0f%% of the CPUs' time during the repeats (steal)",
                    100 * steal));
        }
        if (!warm.quiet()) {
            parts.add(String.format("the JITs still compiled after %.1f s of warm-up", warm.nanos() / 1e9));
        }
        if (compiled.total() > 0) {
            parts.add("the JITs compiled during the repeats (bench " + compiled.bench() + " ms; server "
                    + compiled.server() + " ms)");
        }
        if (before != null) {
            parts.add(serverCounters(before, ctx.server.stats()));
        }
        return new Counted<>(value, join(parts.toArray(String[]::new)));
    }

    /** The non-empty ones, separated by "; ". */
    private static String join(String... notes) {
        return String.join("; ", Arrays.stream(notes).filter(n -> !n.isEmpty()).toList());
    }

    static String serverCounters(ServerUnderTest.ServerStats before, ServerUnderTest.ServerStats after) {
        long refused = after.poolRefused() - before.poolRefused();
        long gcs = after.gcCount() - before.gcCount();
        List<String> parts = new ArrayList<>();
        if (refused > 0) {
            parts.add("the server's pool refused " + refused + " buffers (heap buffers instead)");
        }
        if (gcs > 0) {
            parts.add("the server collected garbage " + gcs + " times (" + (after.gcMillis() - before.gcMillis()) + " ms)");
        }
        return String.join("; ", parts);
    }

    /** Writes the memory backend's big file (the local one is made by the fixture, on tmpfs). */
    private void prepareMemoryFile() throws IOException {
        Endpoint e = ctx.ninep("memory", "tcp");
        if (e == null) {
            e = ctx.ninep("memory", "unix");
        }
        if (e == null) {
            return;
        }
        long size = ctx.options.fileSize();
        try (Session s = e.connect(4 << 20, 4); Fid root = e.attach(s);
             Fid f = root.create(Fixture.BIG, LinuxOpenFlags.O_RDWR | LinuxOpenFlags.O_TRUNC, 0644)) {
            ByteBuffer pattern = Fixture.pattern((int) Math.min(size, 64 * Sizes.MIB));
            long done = 0;
            while (done < size) {
                int n = (int) Math.min(pattern.capacity(), size - done);
                pattern.clear().limit(n);
                done += f.writeAll(done, pattern);
            }
        }
        ctx.progress("[seq] wrote the memory backend's " + Sizes.label(size) + " file");
    }
}

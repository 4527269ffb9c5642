package io.ninep.cli.bench;

import io.ninep.client.Fid;
import io.ninep.client.Session;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.message.Attr;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Small operations per second and their latency: Tgetattr; walk+clunk (Twalk to a new fid and
 * Tclunk); walk+open+read 4 KiB+clunk (Twalk, Tlopen, Tread, Tclunk). Each in-flight request is a
 * worker, a virtual thread calling the blocking API in a loop (how a Java program uses the
 * client); 1 worker on one connection, 32 on one, and 32 spread over several connections; and
 * Tgetattr once more with 1 worker on a platform thread, as the raw ping-pong runs.
 * Every worker times each operation into a histogram of its own; a repeat's percentiles come
 * from the merged histograms.
 *
 * <p>Before an endpoint's first point, every operation runs at full concurrency for
 * {@value #ENDPOINT_WARMUP_MILLIS} ms: otherwise the first point of the run (and the first of
 * each backend, whose code the server has not run yet) pays for the JIT of both JVMs, which a
 * short per-point warm-up (--quick: 0.2 s) does not cover. Measured without it, the backend that
 * came first looked markedly slower than the other, whichever it was.
 */
final class SmallOpsScenario {
    private static final long ENDPOINT_WARMUP_MILLIS = 1000;

    enum Op {
        GETATTR("getattr", 1), WALK_CLUNK("walk-clunk", 2), OPEN_READ_CLUNK("open-read-clunk", 4);

        final String id;
        /** 9P requests per operation. */
        final int requests;

        Op(String id, int requests) {
            this.id = id;
            this.requests = requests;
        }
    }

    /**
     * Requests in flight (workers) and connections; workers are virtual threads unless
     * {@code platformCallers}, the shape that times Tgetattr the way the raw ping-pong baseline
     * runs (both ends on platform threads).
     */
    record Shape(int inFlight, int connections, boolean platformCallers) {
        Shape(int inFlight, int connections) {
            this(inFlight, connections, false);
        }

        String op(Op op) {
            return platformCallers ? op.id + "-platform" : op.id;
        }
    }

    private final BenchContext ctx;

    SmallOpsScenario(BenchContext ctx) {
        this.ctx = ctx;
    }

    List<Shape> shapes() {
        List<Shape> shapes = new ArrayList<>();
        int many = ctx.options.smallInFlight();
        shapes.add(new Shape(1, 1));
        shapes.add(new Shape(1, 1, true));
        shapes.add(new Shape(many, 1));
        if (ctx.options.connections() > 1) {
            shapes.add(new Shape(many, ctx.options.connections()));
        }
        return shapes;
    }

    /** Every endpoint but the null backend (for small operations it is the memory backend). */
    List<Endpoint> endpoints() {
        return ctx.endpoints.stream().filter(e -> !e.backend().equals("null")).toList();
    }

    void run() throws Exception {
        List<Endpoint> endpoints = endpoints();
        int total = endpoints.size() * (Op.values().length * shapes().size() - (Op.values().length - 1));
        int i = 0;
        for (Endpoint e : endpoints) {
            warmUp(e);
            for (Op op : Op.values()) {
                for (Shape shape : shapes()) {
                    if (shape.platformCallers() && op != Op.GETATTR) {
                        continue;   // the caller's kind matters for the latency target only
                    }
                    ctx.settle();
                    LatencyHistogram[] perRepeat = new LatencyHistogram[ctx.plan.repeats()];
                    PairedPingPong paired = pairs(e, op, shape) ? new PairedPingPong(shape.platformCallers()) : null;
                    Summary rate = Summary.of(run(e, op, shape, ctx.plan.warmupNanos(), perRepeat, paired));
                    if (paired != null) {
                        paired.report(ctx);
                    }
                    String note = "msize " + Sizes.label(ctx.options.smallMsize()) + "; " + op.requests + " request"
                            + (op.requests > 1 ? "s" : "") + " per operation";
                    if (shape.platformCallers()) {
                        note += "; callers on platform threads";
                    }
                    ctx.add(new Result(Family.SMALL, "ops", e.server(), e.backend(), e.transport(), shape.op(op), 0,
                            shape.inFlight(), shape.connections(), Metric.RATE, rate, note));
                    Baselines.latencies("ops", e.server(), e.backend(), e.transport(), shape.op(op), shape.inFlight(),
                            shape.connections(), perRepeat, note, ctx);
                    LatencyHistogram mid = perRepeat[perRepeat.length / 2];
                    ctx.progress(String.format("[small %d/%d] %s %s x%d on %d: %s ops/s, p50 %.1f us, p99 %.1f us", ++i,
                            total, e.label(), shape.op(op), shape.inFlight(), shape.connections(), Baselines.range(rate),
                            mid.percentile(50) / 1000, mid.percentile(99) / 1000));
                }
            }
        }
    }

    /** One worker: a loop of one operation, timed into its histogram. */
    private static final class Worker implements Runnable {
        final Fid root;
        final Fid file;
        final Op op;
        final ByteBuffer buffer = ByteBuffer.allocateDirect(Fixture.SMALL_SIZE);
        final LatencyHistogram latencies = new LatencyHistogram();
        long deadline;
        long ops;
        Throwable failure;

        Worker(Fid root, Fid file, Op op) {
            this.root = root;
            this.file = file;
            this.op = op;
        }

        @Override
        public void run() {
            try {
                long now = System.nanoTime();
                while (now < deadline) {
                    long t0 = now;
                    once();
                    now = System.nanoTime();
                    latencies.record(now - t0);
                    ops++;
                }
            } catch (Throwable t) {
                failure = t;
            }
        }

        void once() throws IOException {
            switch (op) {
                case GETATTR -> file.getattr(Attr.BASIC);
                case WALK_CLUNK -> {
                    try (Fid f = root.walk(Fixture.SMALL)) {
                        f.qid();
                    }
                }
                case OPEN_READ_CLUNK -> {
                    try (Fid f = root.walk(Fixture.SMALL)) {
                        f.open(LinuxOpenFlags.O_RDONLY);
                        buffer.clear();
                        if (f.read(0, buffer) != Fixture.SMALL_SIZE) {
                            throw new IOException("short read of " + Fixture.SMALL);
                        }
                    }
                }
            }
        }
    }

    /** Runs every operation on {@code e} at full concurrency, measuring nothing. */
    private void warmUp(Endpoint e) throws Exception {
        ctx.progress("[small] warming up on " + e.label());
        for (Op op : Op.values()) {
            run(e, op, new Shape(ctx.options.smallInFlight(), 1), ENDPOINT_WARMUP_MILLIS * 1_000_000L,
                    new LatencyHistogram[0], null);
        }
    }

    /**
     * Whether this point's repeats alternate with the raw ping-pong's: the point the round-trip
     * target compares with it (Tgetattr, one in flight, ninep's memory backend over TCP). The
     * baseline family's ping-pong runs minutes earlier, and on this machine the round trip of
     * both drifts by a third within the hour; windows taken in turn see the same machine.
     */
    private static boolean pairs(Endpoint e, Op op, Shape shape) {
        return op == Op.GETATTR && shape.inFlight() == 1 && shape.connections() == 1 && e.server().equals("ninep")
                && e.backend().equals("memory") && e.transport().equals("tcp");
    }

    /**
     * Warms up for {@code warmupNanos}, then measures one repeat per slot of {@code perRepeat};
     * returns their rates. With {@code paired}, a window of the raw ping-pong runs before each.
     */
    private double[] run(Endpoint e, Op op, Shape shape, long warmupNanos, LatencyHistogram[] perRepeat,
                         PairedPingPong paired) throws Exception {
        List<Session> sessions = new ArrayList<>();
        List<Fid> fids = new ArrayList<>();
        try {
            List<Fid> roots = new ArrayList<>();
            for (int c = 0; c < shape.connections(); c++) {
                Session s = e.connect(ctx.options.smallMsize(), 1);
                sessions.add(s);
                Fid root = e.attach(s);
                fids.add(root);
                roots.add(root);
            }
            List<Worker> workers = new ArrayList<>();
            for (int w = 0; w < shape.inFlight(); w++) {
                Fid root = roots.get(w % roots.size());
                Fid file = null;
                if (op == Op.GETATTR) {
                    file = root.walk(Fixture.SMALL);
                    fids.add(file);
                }
                workers.add(new Worker(root, file, op));
            }
            Thread.Builder callers = shape.platformCallers() ? Thread.ofPlatform() : Thread.ofVirtual();
            if (paired != null) {
                paired.open(ctx.server.addresses().get("raw-tcp"), perRepeat.length);
                paired.window(warmupNanos, callers, -1);
            }
            window(workers, warmupNanos, callers);
            double[] rates = new double[perRepeat.length];
            for (int r = 0; r < rates.length; r++) {
                if (paired != null) {
                    paired.window(ctx.plan.eachNanos(), callers, r);
                }
                rates[r] = window(workers, ctx.plan.eachNanos(), callers);
                LatencyHistogram merged = new LatencyHistogram();
                workers.forEach(w -> merged.add(w.latencies));
                perRepeat[r] = merged;
            }
            return rates;
        } finally {
            if (paired != null) {
                paired.close();
            }
            for (int i = fids.size() - 1; i >= 0; i--) {
                fids.get(i).close();
            }
            for (Session s : sessions) {
                s.close();
            }
        }
    }

    /** Runs every worker for {@code nanos}; returns operations per second. */
    private static double window(List<Worker> workers, long nanos, Thread.Builder callers) throws Exception {
        if (nanos <= 0) {
            return 0;
        }
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (Worker w : workers) {
            w.deadline = start + nanos;
            w.ops = 0;
            w.latencies.reset();
            threads.add(callers.name("bench worker").start(w));
        }
        for (Thread t : threads) {
            t.join();
        }
        long elapsed = System.nanoTime() - start;
        long ops = 0;
        for (Worker w : workers) {
            if (w.failure != null) {
                throw new IOException("a worker failed: " + w.failure, w.failure);
            }
            ops += w.ops;
        }
        return ops * 1e9 / elapsed;
    }
}

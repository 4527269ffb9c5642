package io.ninep.cli.bench;

import io.ninep.client.Fid;
import io.ninep.client.Session;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.message.Attr;
import io.ninep.transport.buffer.BufferPool;
import io.ninep.transport.buffer.PoolStats;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

/**
 * Heap bytes and pool buffers per small request, at several msizes (64 KiB, 4 MiB, 128 MiB by
 * default): they must not grow with msize. One platform thread makes N blocking requests, one
 * at a time, after a warm-up; around them the bench reads
 *
 * <ul>
 *   <li>the heap allocated by every thread of the client's JVM
 *       ({@code com.sun.management.ThreadMXBean.getTotalThreadAllocatedBytes}, which counts what
 *       virtual threads allocate on their carriers: the client's reader and writer are virtual),
 *       and by the calling thread alone ({@code getCurrentThreadAllocatedBytes});
 *   <li>the same total in the server's JVM (a JVM of its own: only then are the two apart);
 *   <li>the buffers taken from the pools' classes above small (4 KiB), client and server.
 * </ul>
 *
 * Operations: getattr (one Tgetattr), walk-clunk (Twalk + Tclunk: two requests), read-4k (one
 * Tread of 4 KiB on an open fid, into the caller's buffer). Figures are per request.
 */
final class AllocScenario {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final BenchContext ctx;

    AllocScenario(BenchContext ctx) {
        this.ctx = ctx;
    }

    void run() throws Exception {
        Endpoint found = ctx.ninep("memory", "tcp");
        Endpoint e = found != null ? found
                : ctx.endpoints.stream().filter(x -> x.server().equals("ninep")).findFirst().orElseThrow();
        int n = ctx.options.allocRequests();
        for (int msize : ctx.options.allocMsizes()) {
            try (Session s = e.connect(msize, 1); Fid root = e.attach(s); Fid file = root.walk(Fixture.SMALL);
                 Fid open = root.walk(Fixture.SMALL)) {
                open.open(LinuxOpenFlags.O_RDONLY);
                ByteBuffer buf = ByteBuffer.allocateDirect(Fixture.SMALL_SIZE);
                for (SmallOpsScenario.Op op : new SmallOpsScenario.Op[] {SmallOpsScenario.Op.GETATTR,
                        SmallOpsScenario.Op.WALK_CLUNK, null}) {
                    String id = op == null ? "read-4k" : op.id;
                    int requests = op == null ? 1 : op.requests;
                    Plan.Step once = () -> {
                        if (op == null) {
                            buf.clear();
                            open.read(0, buf);
                        } else if (op == SmallOpsScenario.Op.GETATTR) {
                            file.getattr(Attr.BASIC);
                        } else {
                            try (Fid f = root.walk(Fixture.SMALL)) {
                                f.qid();
                            }
                        }
                        return 1;
                    };
                    ctx.settle();
                    Plan.loop(once).run(Math.max(ctx.plan.warmupNanos(), 200_000_000L));
                    double[][] per = new double[5][ctx.plan.repeats()];
                    for (int r = 0; r < ctx.plan.repeats(); r++) {
                        Sample x = sample(s, once, n);
                        double reqs = (double) n * requests;
                        per[0][r] = x.clientHeap / reqs;
                        per[1][r] = x.callerHeap / reqs;
                        per[2][r] = ctx.server.inProcess() ? Double.NaN : x.serverHeap / reqs;
                        per[3][r] = x.clientLarge / reqs;
                        per[4][r] = x.serverLarge / reqs;
                    }
                    String note = ctx.server.inProcess()
                            ? "server in the bench's JVM: the client figure includes the server's allocations"
                            : requests + " request" + (requests > 1 ? "s" : "") + " per operation; " + n + " operations per repeat";
                    add(e, id, s.msize(), Metric.CLIENT_HEAP, per[0], note);
                    add(e, id, s.msize(), Metric.CALLER_HEAP, per[1], note);
                    if (!ctx.server.inProcess()) {
                        add(e, id, s.msize(), Metric.SERVER_HEAP, per[2], note);
                    }
                    add(e, id, s.msize(), Metric.CLIENT_LARGE_BUFFERS, per[3], note);
                    add(e, id, s.msize(), Metric.SERVER_LARGE_BUFFERS, per[4], note);
                    ctx.progress(String.format("[alloc] %s msize %s: client %.0f B/request (caller %.0f), server %s B/request;"
                                    + " buffers above %d B per request: client %.3f, server %.3f", id, Sizes.label(s.msize()),
                            Summary.of(per[0]).median(), Summary.of(per[1]).median(),
                            ctx.server.inProcess() ? "n/a" : String.format("%.0f", Summary.of(per[2]).median()),
                            BufferPool.SMALL, Summary.of(per[3]).median(), Summary.of(per[4]).median()));
                }
            }
        }
    }

    private record Sample(long clientHeap, long callerHeap, long serverHeap, long clientLarge, long serverLarge) {}

    private Sample sample(Session s, Plan.Step once, int n) throws Exception {
        ServerUnderTest.ServerStats server0 = ctx.server.stats();
        PoolStats pool0 = s.poolStats();
        long all0 = THREADS.getTotalThreadAllocatedBytes();
        long mine0 = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            once.run();
        }
        long mine1 = THREADS.getCurrentThreadAllocatedBytes();
        long all1 = THREADS.getTotalThreadAllocatedBytes();
        PoolStats pool1 = s.poolStats();
        ServerUnderTest.ServerStats server1 = ctx.server.stats();
        return new Sample(all1 - all0, mine1 - mine0, server1.heapAllocated() - server0.heapAllocated(),
                pool1.takenLargerThan(BufferPool.SMALL) - pool0.takenLargerThan(BufferPool.SMALL),
                server1.takenAboveSmall() - server0.takenAboveSmall());
    }

    private void add(Endpoint e, String op, int msize, Metric metric, double[] values, String note) {
        ctx.add(new Result(Family.ALLOC, "per-request", e.server(), e.backend(), e.transport(), op, msize, 1, 1, metric,
                Summary.of(values), note));
    }
}

package io.ninep.cli.bench;

import io.ninep.client.DirEntryStream;
import io.ninep.client.Fid;
import io.ninep.client.Session;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.P9;
import io.ninep.protocol.WireString;
import io.ninep.protocol.message.DirEntry;
import io.ninep.protocol.message.Qid;
import io.ninep.server.local.LocalFileServer;
import io.ninep.server.spi.DirectorySink;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.FileServer;
import io.ninep.server.spi.Identity;
import io.ninep.server.spi.OpenFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Reading the directory of 10 000 entries, two ways:
 *
 * <ul>
 *   <li>"spi": the server's own work, measured in the bench's JVM straight through the
 *       FileServer SPI as the engine drives it for Tlopen, Treaddir and Tclunk: open the
 *       directory, read every entry into a reply buffer of msize - 24 bytes, packed as the
 *       engine packs Rreaddir ({@code qid[13] offset[8] type[1] name[s]}), close. No sockets, no
 *       codec of the request: this is the "server time per entry" of the target.
 *   <li>"client": end to end, ninep's client listing the directory over TCP (walk, Tlopen,
 *       Treaddirs growing toward msize, clunk) against ninep's server and diod.
 * </ul>
 */
final class ReaddirScenario {
    private final BenchContext ctx;

    ReaddirScenario(BenchContext ctx) {
        this.ctx = ctx;
    }

    void run() throws Exception {
        int count = ctx.options.readdirMsize() - P9.READDIR_HEADER_SIZE;
        BenchServer.Config config = new BenchServer.Config(ctx.fixture.export, ctx.fixture.sockets, ctx.options.maxMsize(),
                ctx.options.fileSize(), ctx.options.dirEntries(), ctx.options.serverBusyPoll());
        try (FileServer memory = BenchServer.memoryTree(config)) {
            spi("memory", memory, count);
        }
        try (FileServer local = new LocalFileServer(ctx.fixture.export)) {
            spi("local", local, count);
        }
        for (Endpoint e : ctx.endpoints) {
            if (!e.transport().equals("tcp") || e.backend().equals("null")) {
                continue;
            }
            for (int msize : new int[] {ctx.options.readdirMsize(), 64 * 1024}) {
                if (msize <= e.maxMsize()) {
                    client(e, msize);
                }
            }
        }
    }

    private void spi(String backend, FileServer fs, int count) throws Exception {
        FileNode root = fs.attach(new Identity("root", 0), "");
        FileNode dir = root.walk(List.of(Fixture.DIR)).getFirst();
        ByteBuffer reply = ByteBuffer.allocateDirect(count);
        Packer packer = new Packer(reply);
        long[] entries = {0};
        Plan.Step listing = () -> {
            OpenFile f = dir.open(LinuxOpenFlags.O_RDONLY | LinuxOpenFlags.O_DIRECTORY);
            long n = 0;
            try {
                long offset = 0;
                while (true) {
                    reply.clear();
                    packer.added = 0;
                    f.readdir(offset, packer);
                    if (packer.added == 0) {
                        break;
                    }
                    n += packer.added;
                    offset = packer.lastOffset;
                }
            } finally {
                f.close();
            }
            entries[0] = n;
            return n;
        };
        try {
            ctx.settle();
            Summary perEntry = nanosPer(ctx.plan.measure(Plan.loop(listing)));
            String note = "open + readdir into " + count + "-byte replies + close, through the SPI in the bench's JVM";
            add("spi", "ninep", backend, "-", count + P9.READDIR_HEADER_SIZE, perEntry, entries[0], note);
            ctx.progress(String.format("[readdir] server alone (SPI), %s: %.0f ns per entry (%d entries)", backend,
                    perEntry.median(), entries[0]));
        } finally {
            dir.release();
            root.release();
        }
    }

    private void client(Endpoint e, int msize) throws Exception {
        long[] entries = {0};
        try (Session s = e.connect(msize, 1); Fid root = e.attach(s)) {
            Plan.Step listing = () -> {
                long n = 0;
                try (Fid d = root.walk(Fixture.DIR)) {
                    d.open(LinuxOpenFlags.O_RDONLY | LinuxOpenFlags.O_DIRECTORY);
                    try (DirEntryStream stream = d.readdir()) {
                        for (DirEntry ignored : stream) {
                            n++;
                        }
                    }
                }
                entries[0] = n;
                return n;
            };
            ctx.settle();
            Summary perEntry = nanosPer(ctx.plan.measure(Plan.loop(listing)));
            add("client", e.server(), e.backend(), e.transport(), s.msize(), perEntry, entries[0],
                    "walk + Tlopen + Treaddirs (growing toward msize - 24) + clunk, ninep's client over " + e.transport());
            ctx.progress(String.format("[readdir] client, %s msize %s: %.0f ns per entry (%d entries)", e.label(),
                    Sizes.label(s.msize()), perEntry.median(), entries[0]));
        }
    }

    /** Entries per second to nanoseconds per entry (the spread turns over: the fastest repeat is the smallest time). */
    static Summary nanosPer(Summary perSecond) {
        return new Summary(1e9 / perSecond.median(), 1e9 / perSecond.max(), 1e9 / perSecond.min(), perSecond.repeats());
    }

    private void add(String scenario, String server, String backend, String transport, int msize, Summary perEntry,
                     long entries, String note) {
        ctx.add(new Result(Family.READDIR, scenario, server, backend, transport, "readdir", msize, 1, 1,
                Metric.TIME_PER_ENTRY, perEntry, note));
        ctx.add(new Result(Family.READDIR, scenario, server, backend, transport, "readdir", msize, 1, 1, Metric.ENTRIES,
                Summary.of(entries), ""));
    }

    /** Packs entries as the engine packs an Rreaddir: {@code qid[13] offset[8] type[1] name[s]}. */
    static final class Packer implements DirectorySink {
        private final ByteBuffer out;
        int added;
        long lastOffset;

        Packer(ByteBuffer out) {
            this.out = out;
        }

        @Override
        public boolean add(Qid qid, long offset, int type, String name) {
            int length = WireString.encodedLength(name);
            if (P9.QID_SIZE + 8 + 1 + 2 + length > out.remaining()) {
                return false;
            }
            qid.encode(out);
            out.putLong(offset);
            out.put((byte) type);
            WireString.put(out, name);
            added++;
            lastOffset = offset;
            return true;
        }
    }
}

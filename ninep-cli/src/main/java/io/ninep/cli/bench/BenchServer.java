package io.ninep.cli.bench;

import io.ninep.server.NinepServer;
import io.ninep.server.ServerConfig;
import io.ninep.server.local.LocalFileServer;
import io.ninep.server.memory.MemoryDirectory;
import io.ninep.server.memory.MemoryFileServer;
import io.ninep.server.memory.SyntheticFile;
import io.ninep.transport.DialAddress;
import io.ninep.transport.buffer.PoolStats;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The servers a bench run measures, in one JVM: ninep serving a {@link MemoryFileServer} and a
 * {@link LocalFileServer}, each on TCP and a Unix socket, and a {@link RawServer} for the
 * plain-socket baselines. {@link #main} runs it as the child process {@link ServerProcess}
 * starts, answering commands on standard input.
 *
 * <p>The memory tree holds "null" (a synthetic file of the big file's size whose reads and
 * writes move no bytes: the engine without a backend), "small" (4 KiB), and "d10k" (the
 * directory of the readdir scenario); the client writes "big" before the sequential scenarios.
 * The local tree is the export directory {@link Fixture} made (tmpfs), which diod serves too.
 */
public final class BenchServer implements ServerUnderTest {
    /** Held strongly so the level stays: the servers log every connection at INFO. */
    private static final Logger NINEP_LOG = Logger.getLogger("io.ninep");

    /** What the server needs to know. */
    public record Config(Path export, Path socketDir, int maxMsize, long fileSize, int dirEntries, Duration busyPoll) {}

    private final NinepServer memory;
    private final NinepServer local;
    private final RawServer raw;
    private final Map<String, String> addresses = new LinkedHashMap<>();

    private BenchServer(NinepServer memory, NinepServer local, RawServer raw) {
        this.memory = memory;
        this.local = local;
        this.raw = raw;
    }

    public static BenchServer start(Config c) throws IOException {
        NINEP_LOG.setLevel(Level.WARNING);
        ServerConfig config = ServerConfig.defaults().withMaxMsize(c.maxMsize()).withMaxRequests(4096)
                .withBusyPoll(c.busyPoll());
        NinepServer memory = new NinepServer(memoryTree(c), config);
        NinepServer local = new NinepServer(new LocalFileServer(c.export()), config);
        RawServer raw = RawServer.start(c.socketDir().resolve("raw.sock"), c.export().resolve(Fixture.BIG));
        BenchServer s = new BenchServer(memory, local, raw);
        try {
            s.addresses.put("memory-tcp", memory.listen(new DialAddress.Tcp("127.0.0.1", 0)).address().toString());
            s.addresses.put("memory-unix", memory.listen(new DialAddress.Unix(c.socketDir().resolve("memory.sock")))
                    .address().toString());
            s.addresses.put("local-tcp", local.listen(new DialAddress.Tcp("127.0.0.1", 0)).address().toString());
            s.addresses.put("local-unix", local.listen(new DialAddress.Unix(c.socketDir().resolve("local.sock")))
                    .address().toString());
            s.addresses.put("raw-tcp", raw.tcpAddress());
            s.addresses.put("raw-unix", raw.unixAddress());
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    static MemoryFileServer memoryTree(Config c) {
        MemoryFileServer fs = new MemoryFileServer();
        MemoryDirectory root = fs.root();
        root.synthetic(Fixture.NULL, 0666, new NullFile(c.fileSize()));
        root.file(Fixture.SMALL, Fixture.smallContent());
        MemoryDirectory d = root.directory(Fixture.DIR);
        for (int i = 0; i < c.dirEntries(); i++) {
            d.file(Fixture.entryName(i), new byte[0]);
        }
        return fs;
    }

    /** A file of a fixed size whose reads and writes move no bytes: what the engine costs alone. */
    record NullFile(long size) implements SyntheticFile {
        @Override
        public int read(long offset, ByteBuffer dst) {
            int n = (int) Math.max(0, Math.min(dst.remaining(), size - offset));
            dst.position(dst.position() + n);
            return n;
        }

        @Override
        public int write(long offset, ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            return n;
        }
    }

    @Override
    public Map<String, String> addresses() {
        return Map.copyOf(addresses);
    }

    @Override
    public ServerStats stats() {
        Map<String, Long> taken = new TreeMap<>();
        long refused = 0;
        for (NinepServer server : new NinepServer[] {memory, local}) {
            for (var c : server.connections()) {
                PoolStats p = c.poolStats();
                for (PoolStats.ClassStats cs : p.classes()) {
                    taken.merge(cs.sizeClass().name(), cs.taken(), Long::sum);
                }
                taken.merge("unpooled", p.unpooled().taken(), Long::sum);
                taken.merge("reserve", p.reserve().taken(), Long::sum);
                refused += p.refused();
            }
        }
        long gcs = 0;
        long gcms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs += Math.max(0, gc.getCollectionCount());
            gcms += Math.max(0, gc.getCollectionTime());
        }
        return new ServerStats(heapAllocated(), gcs, gcms, taken, refused,
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
    }

    /** Heap bytes allocated by every thread of this JVM so far (virtual threads count on their carriers). */
    static long heapAllocated() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return mx.getTotalThreadAllocatedBytes();
    }

    @Override
    public void gc() {
        System.gc();
    }

    @Override
    public boolean inProcess() {
        return true;
    }

    @Override
    public void close() {
        memory.close();
        local.close();
        raw.close();
    }

    /**
     * The child process: {@code BenchServer EXPORT SOCKETDIR MAXMSIZE FILESIZE DIRENTRIES BUSYPOLLNANOS}. Prints
     * "ready key=address ..." on standard output, then answers one line per command read from
     * standard input: "stats" (a {@link ServerStats} line), "gc", "quit". The end of standard
     * input (the bench died) stops it too.
     */
    public static void main(String[] args) throws IOException {
        Config c = new Config(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]),
                Integer.parseInt(args[4]), Duration.ofNanos(Long.parseLong(args[5])));
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        BenchServer s = start(c);
        StringBuilder ready = new StringBuilder("ready");
        s.addresses.forEach((k, v) -> ready.append(' ').append(k).append('=').append(v));
        out.println(ready);
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                switch (line.trim()) {
                    case "stats" -> out.println("ok " + s.stats().encode());
                    case "gc" -> {
                        s.gc();
                        out.println("ok");
                    }
                    case "quit" -> {
                        out.println("ok");
                        return;
                    }
                    default -> out.println("error unknown command '" + line + "'");
                }
            }
        } finally {
            s.close();
            out.flush();
            // The raw server's threads are daemons and the servers' are virtual: nothing else
            // keeps the JVM up; exit (not halt) so that a flight recording is dumped.
            System.exit(0);
        }
    }
}

package io.ninep.server.local;

import io.ninep.server.local.sys.StatSyscalls;
import io.ninep.server.spi.FileSpan;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * A FileChannel on an open file's descriptor, and a mapping of the file, for the spans its large
 * reads are sent from. The JDK makes no channel from a bare descriptor, so it is opened once
 * through the descriptor's /proc/self/fd link (the same file, even if renamed or unlinked since).
 *
 * <p>Spans carry the mapped bytes when the file could be mapped: written from a mapping, the
 * kernel copies each byte once, as from any buffer, and over loopback TCP that ran 1.5 to 2 times
 * faster than sendfile (2.0-2.4 against 3.3-4.5 GiB/s at 1 MiB on tmpfs, see
 * docs/local-backend.md). The whole file is mapped at the first span and mapped again when a
 * span reaches past it (the file grew). A mapping is unmapped once nothing uses it, and the
 * channel closes when the file has closed and the last span is released, since a reply can
 * still be on its way after a Tclunk ended the file.
 */
final class SpanChannel {
    private static final System.Logger LOG = System.getLogger(SpanChannel.class.getName());

    /**
     * Mappings held at once in this process. Each is one entry of the kernel's per-process map
     * table (vm.max_map_count, 65 530 by default), which the JVM needs for its own memory too;
     * spans beyond the budget go out with sendfile.
     */
    static final int MAPPINGS = 1024;
    static final Semaphore MAPPING_BUDGET = new Semaphore(MAPPINGS);

    private final FileChannel channel;
    private final String name;
    private int users = 1;       // the open file's own use, then one per span; guarded by this
    private Mapping mapping;     // the newest mapping, or null; guarded by this
    private boolean mapFailed;   // guarded by this

    private SpanChannel(FileChannel channel, String name) {
        this.channel = channel;
        this.name = name;
    }

    /**
     * File systems whose files hold what their size says (statfs f_type): tmpfs, ext2/3/4, xfs,
     * btrfs, overlayfs, zfs, f2fs. A file of procfs or sysfs reads what it generates, whatever its
     * size says (0 or 4096), so a span sized by it would be wrong; such reads copy.
     */
    private static final Set<Integer> SIZED_FILE_SYSTEMS = Set.of(0x01021994, 0xEF53, 0x58465342, 0x9123683E,
            0x794c7630, 0x2fc12fc1, 0xF2F52010);

    /** True if {@code fd}'s file system is one of {@link #SIZED_FILE_SYSTEMS}; false if that cannot be told. */
    static boolean onSizedFileSystem(int fd, String name) {
        try {
            int type = StatSyscalls.fstatfs(fd, name).type();
            if (!SIZED_FILE_SYSTEMS.contains(type)) {
                LOG.log(System.Logger.Level.DEBUG, () -> name + ": file system type 0x" + Integer.toHexString(type)
                        + " may not size its files truly; reads copy");
                return false;
            }
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> name + ": no file system type, reads copy: " + e);
            return false;
        }
    }

    /**
     * A channel on {@code fd} (whose file system {@link #onSizedFileSystem} accepted), or null if
     * it cannot be had (reads then copy, as before).
     */
    static SpanChannel open(int fd, String name) {
        try {
            return new SpanChannel(FileChannel.open(Path.of("/proc/self/fd/" + fd), StandardOpenOption.READ), name);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> name + ": no channel for sendfile, reads copy: " + e);
            return null;
        }
    }

    /**
     * A span of {@code count} bytes from {@code position}, holding the channel open (and the
     * mapping mapped) until released; null once the channel has closed.
     */
    synchronized FileSpan span(long position, int count) {
        if (users == 0) {
            return null;
        }
        users++;
        Mapping m = count == 0 ? null : mappingUpTo(position + count);
        if (m == null) {
            return new FileSpan(channel, position, count, this::release);
        }
        m.users++;
        return new FileSpan(channel, position, count, m.bytes.asSlice(position, count).asByteBuffer(),
                () -> release(m));
    }

    /** A mapping that reaches {@code end}: the current one, or a new one of the whole file; null if none can be had. */
    private Mapping mappingUpTo(long end) {
        if (mapping != null && mapping.bytes.byteSize() >= end) {
            return mapping;
        }
        if (mapFailed || !MAPPING_BUDGET.tryAcquire()) {
            return null;
        }
        Arena arena = Arena.ofShared();
        try {
            long size = channel.size();
            if (size < end) {   // shrank since its size was taken: sendfile sends what is left
                arena.close();
                MAPPING_BUDGET.release();
                return null;
            }
            Mapping fresh = new Mapping(arena, channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena));
            if (mapping != null) {
                mapping.drop();
            }
            mapping = fresh;
            return fresh;
        } catch (IOException | RuntimeException e) {
            arena.close();
            MAPPING_BUDGET.release();
            mapFailed = true;
            LOG.log(System.Logger.Level.DEBUG, () -> name + ": cannot be mapped, large reads go out with sendfile: " + e);
            return null;
        }
    }

    private synchronized void release(Mapping m) {
        m.drop();
        release();
    }

    /** Drops one use: the file's at its close, or a span's. */
    synchronized void release() {
        if (users > 0 && --users == 0) {
            if (mapping != null) {
                mapping.drop();
                mapping = null;
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // a read-only channel has nothing to lose at close
            }
        }
    }

    /** A mapping of the file and its users: the span channel while it is the newest, and each span of it. */
    private static final class Mapping {
        final Arena arena;
        final MemorySegment bytes;
        int users = 1;   // guarded by the span channel

        Mapping(Arena arena, MemorySegment bytes) {
            this.arena = arena;
            this.bytes = bytes;
        }

        void drop() {
            if (--users == 0) {
                arena.close();
                MAPPING_BUDGET.release();
            }
        }
    }
}

package io.ninep.server.local;

import io.ninep.server.local.sys.StatSyscalls;
import io.ninep.server.spi.FileSpan;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * A FileChannel on an open file's descriptor, for the spans its reads are sent from with
 * sendfile. The JDK makes no channel from a bare descriptor, so it is opened once through the
 * descriptor's /proc/self/fd link (the same file, even if renamed or unlinked since). It closes
 * when the file has closed and the last span is released, since a reply can still be on its way
 * after a Tclunk ended the file.
 */
final class SpanChannel {
    private static final System.Logger LOG = System.getLogger(SpanChannel.class.getName());

    private final FileChannel channel;
    private int users = 1;   // the open file's own use, then one per span; guarded by this

    private SpanChannel(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * File systems whose files hold what their size says (statfs f_type): tmpfs, ext2/3/4, xfs,
     * btrfs, overlayfs, zfs, f2fs. A file of procfs or sysfs reads what it generates, whatever its
     * size says (0 or 4096), so a span sized by it would be wrong; such reads copy.
     */
    private static final Set<Integer> SIZED_FILE_SYSTEMS = Set.of(0x01021994, 0xEF53, 0x58465342, 0x9123683E,
            0x794c7630, 0x2fc12fc1, 0xF2F52010);

    /** A channel on {@code fd}, or null if it cannot be had or should not be (reads then copy, as before). */
    static SpanChannel open(int fd, String name) {
        try {
            int type = StatSyscalls.fstatfs(fd, name).type();
            if (!SIZED_FILE_SYSTEMS.contains(type)) {
                LOG.log(System.Logger.Level.DEBUG, () -> name + ": file system type 0x" + Integer.toHexString(type)
                        + " may not size its files truly; reads copy");
                return null;
            }
            return new SpanChannel(FileChannel.open(Path.of("/proc/self/fd/" + fd), StandardOpenOption.READ));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> name + ": no channel for sendfile, reads copy: " + e);
            return null;
        }
    }

    /** A span of {@code count} bytes from {@code position}, holding the channel open until released. */
    synchronized FileSpan span(long position, int count) {
        if (users == 0) {
            return null;
        }
        users++;
        return new FileSpan(channel, position, count, this::release);
    }

    /** Drops one use: the file's at its close, or a span's. */
    synchronized void release() {
        if (users > 0 && --users == 0) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // a read-only channel has nothing to lose at close
            }
        }
    }
}

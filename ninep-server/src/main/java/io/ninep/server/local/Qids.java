package io.ninep.server.local;

import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.message.Qid;
import io.ninep.server.local.sys.FileStat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Qids of local files.
 *
 * <h2>path: unique across devices</h2>
 * An inode number is unique only on its device, and an export can span several (a tmpfs mounted
 * inside it; QEMU's "multidevs" problem). Each device gets a small index the first time it is
 * seen, the export root's device index 0, and {@code path = index << 48 | st_ino}. So on the
 * export's own device qid.path equals st_ino (the Linux client shows it as the inode number),
 * and a file keeps its path for the life of the server. Inode numbers of 2^48 and above (some
 * btrfs and XFS files, overlayfs with xino) and devices past the 32767th cannot be packed: they get
 * paths from a table, numbered from 2^63 upward, that lives as long as the server. Packed
 * paths never have bit 63 set, so the two ranges cannot meet.
 *
 * <h2>version: changes when the content does</h2>
 * {@code version} mixes st_mtime (in nanoseconds) and st_size, plus a count of the writes and
 * truncations made through this server. The count matters because Linux stamps mtime with a
 * clock that advances only every few milliseconds: two quick overwrites of the same size leave
 * mtime and size alone, and the version would not change without it. Changes made on this machine
 * outside the server move the version when they move mtime or size. The counts live in a table
 * bounded to {@value #MAX_COUNTED} files; when it fills it starts over (a version could then,
 * very rarely, repeat a value a client saw before).
 */
final class Qids {
    private static final int MAX_DEVICES = 1 << 15;
    private static final long MAX_PACKED_INO = 1L << 48;
    private static final int MAX_COUNTED = 1 << 16;

    private final ConcurrentHashMap<Long, Integer> devices = new ConcurrentHashMap<>();
    private final AtomicInteger nextDevice = new AtomicInteger();
    private final ConcurrentHashMap<FileKey, Long> unpacked = new ConcurrentHashMap<>();
    private final AtomicLong nextUnpacked = new AtomicLong(Long.MIN_VALUE);
    private final ConcurrentHashMap<FileKey, Integer> changes = new ConcurrentHashMap<>();

    Qids(long rootDevice) {
        deviceIndex(rootDevice);
    }

    long path(long dev, long ino) {
        int index = deviceIndex(dev);
        if (index < MAX_DEVICES && ino >= 0 && ino < MAX_PACKED_INO) {
            return (long) index << 48 | ino;
        }
        return unpacked.computeIfAbsent(new FileKey(dev, ino), k -> nextUnpacked.getAndIncrement());
    }

    private int deviceIndex(long dev) {
        Integer index = devices.get(dev);
        if (index != null) {
            return index;
        }
        return devices.computeIfAbsent(dev, d -> nextDevice.getAndIncrement());
    }

    Qid qid(FileStat st) {
        return new Qid(LinuxFileMode.qidType(st.mode()), version(st), path(st.dev(), st.ino()));
    }

    int version(FileStat st) {
        long x = st.mtimeSec() * 1_000_000_000L + st.mtimeNsec();
        x = (x ^ st.size() * 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
        int count = changes.isEmpty() ? 0 : changes.getOrDefault(new FileKey(st.dev(), st.ino()), 0);
        return (int) (x ^ x >>> 32) + count;
    }

    /** Notes a write or truncation through the server, so the file's version moves even when mtime does not. */
    void changed(FileKey key) {
        if (changes.size() >= MAX_COUNTED) {
            changes.clear();
        }
        changes.merge(key, 1, Integer::sum);
    }
}

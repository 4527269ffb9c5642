package io.ninep.server.local;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.WireString;
import io.ninep.protocol.message.DirEntry;
import io.ninep.protocol.message.Qid;
import io.ninep.server.local.sys.DirSyscalls;
import io.ninep.server.local.sys.FdSyscalls;
import io.ninep.server.local.sys.FileStat;
import io.ninep.server.local.sys.StatSyscalls;
import io.ninep.server.spi.DirectorySink;
import io.ninep.server.spi.OpenFile;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A directory opened for Treaddir.
 *
 * <p>Offsets: the directory is read whole (getdents64) into a snapshot on the first Treaddir at
 * offset 0, and an entry's offset is its index in the snapshot plus one. A snapshot, rather than
 * the kernel's d_off cookies, because cookies are only as stable as the file system makes them
 * (tmpfs before Linux 6.6 counts positions, so a file removed meanwhile shifts the rest); a
 * snapshot gives every file system the same guarantee: offsets stay valid for the life of the
 * open file, each entry comes exactly once, and a Treaddir at offset 0 starts a fresh listing
 * (the client's rewinddir). Memory: one small object per entry while the directory is open.
 *
 * <p>Entries: "." and ".." first, as QEMU's and diod's readdir pass them through from the host
 * and as readdir(3) callers expect; ".." of the attach root is the root itself, so nothing about
 * the directory above the export leaks. Each entry's qid has the type from d_type and the path
 * of {@link Qids}; a directory's comes from a statx of it, since a directory may be a mount
 * point whose d_ino is that of the directory underneath. qid.version is 0 (the client reads
 * qids of entries only for inode numbers).
 *
 * <p>Thread-safe: calls are serialised by a lock (the Linux client sends one at a time anyway).
 */
final class LocalDirectory implements OpenFile {
    private static final int BUFFER = 64 * 1024;
    private static final byte[] DOT_DOT = {'.', '.'};

    private record Entry(Qid qid, int type, String name) {}

    private final Tree tree;
    private final FileKey key;
    private final String name;
    private final int fd;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Guarded by {@link #lock}. */
    private List<Entry> entries;

    /** Takes over {@code fd}, a directory opened O_RDONLY. */
    LocalDirectory(Tree tree, FileHandle dir, int fd) {
        this.tree = tree;
        this.key = dir.key;
        this.name = dir.name;
        this.fd = fd;
    }

    @Override
    public Qid qid() throws IOException {
        FileStat st = StatSyscalls.fstat(fd, name);
        return new Qid(Qid.DIR, tree.qids().version(st), tree.qids().path(st.dev(), st.ino()));
    }

    @Override
    public void readdir(long offset, DirectorySink sink) throws IOException {
        lock.lock();
        try {
            if (offset == 0 || entries == null) {
                entries = snapshot();
            }
            if (offset < 0 || offset >= entries.size()) {
                return;
            }
            for (int i = (int) offset; i < entries.size(); i++) {
                Entry e = entries.get(i);
                if (!sink.add(e.qid(), i + 1, e.type(), e.name())) {
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private List<Entry> snapshot() throws ErrnoException {
        Qids qids = tree.qids();
        String self = name;
        FileStat here = StatSyscalls.fstat(fd, self);
        Qid dot = new Qid(Qid.DIR, 0, qids.path(here.dev(), here.ino()));
        Qid dotdot = dot;
        if (!key.equals(tree.root.key)) {
            try {
                FileStat up = StatSyscalls.fstatat(fd, DOT_DOT, self);
                dotdot = new Qid(Qid.DIR, 0, qids.path(up.dev(), up.ino()));
            } catch (ErrnoException e) {
                // removed directory: ".." is gone; keep "." for it
            }
        }
        List<Entry> list = new ArrayList<>();
        list.add(new Entry(dot, DirEntry.DT_DIR, "."));
        list.add(new Entry(dotdot, DirEntry.DT_DIR, ".."));
        FdSyscalls.seek(fd, 0, self);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(BUFFER, 8);
            int n;
            while ((n = DirSyscalls.getdents64(fd, buf, self)) > 0) {
                int pos = 0;
                while (pos < n) {
                    long ino = buf.get(JAVA_LONG, pos);
                    int reclen = Short.toUnsignedInt(buf.get(JAVA_SHORT, pos + 16));
                    int type = Byte.toUnsignedInt(buf.get(JAVA_BYTE, pos + 18));
                    int nameStart = pos + 19;
                    int nameEnd = nameStart;
                    while (nameEnd < pos + reclen && buf.get(JAVA_BYTE, nameEnd) != 0) {
                        nameEnd++;
                    }
                    byte[] name = buf.asSlice(nameStart, nameEnd - nameStart).toArray(JAVA_BYTE);
                    pos += reclen;
                    if (isDots(name)) {
                        continue;
                    }
                    Entry e = entry(qids, here.dev(), ino, type, name);
                    if (e != null) {
                        list.add(e);
                    }
                }
            }
        }
        return list;
    }

    private Entry entry(Qids qids, long dev, long ino, int type, byte[] name) throws ErrnoException {
        if (type == DirEntry.DT_DIR || type == DirEntry.DT_UNKNOWN) {
            try {
                FileStat st = StatSyscalls.fstatat(fd, name, this.name);
                dev = st.dev();
                ino = st.ino();
                type = LinuxFileMode.direntType(st.mode());
            } catch (ErrnoException e) {
                return null;   // gone since getdents64 saw it
            }
        }
        int qidType = type == DirEntry.DT_DIR ? Qid.DIR : type == DirEntry.DT_LNK ? Qid.SYMLINK : Qid.FILE;
        return new Entry(new Qid(qidType, 0, qids.path(dev, ino)), type, WireString.fromBytes(name));
    }

    private static boolean isDots(byte[] name) {
        return (name.length == 1 && name[0] == '.') || (name.length == 2 && name[0] == '.' && name[1] == '.');
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            FdSyscalls.close(fd);
        }
    }
}

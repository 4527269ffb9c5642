package io.ninep.server.memory;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.message.StatFs;
import io.ninep.server.lock.LockTable;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.FileServer;
import io.ninep.server.spi.Identity;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A file tree in memory, which a Java program fills with files of its own making and serves over
 * 9P: the Plan 9 way of offering a service. Clients see an ordinary POSIX tree (directories,
 * files, symlinks, hard links, fifos, extended attributes, locks) and, beside it, the program's
 * synthetic files:
 *
 * <pre>{@code
 * var fs = new MemoryFileServer();
 * MemoryDirectory root = fs.root();
 * root.file("motd", "hello\n");                             // static bytes
 * root.computed("time", () -> Instant.now() + "\n");         // made anew at each open
 * root.control("ctl", command -> log.info(command));         // each write is a command
 * MemoryStream events = root.stream("events");               // reads wait for events.publish(...)
 * try (var server = new NinepServer(fs, ServerConfig.defaults())) {
 *     server.listen(DialAddress.parse("tcp!127.0.0.1!5640"));
 *     ...
 * }
 * }</pre>
 *
 * <p>Permissions are checked as POSIX does for the user of each attach, by owner and "other"
 * bits (the server does not know a user's groups); uid 0 may do anything. A user that sent no
 * numeric id (a 9P2000 client) acts as {@link #anonymousUid()}, nobody by default.
 *
 * <p>Aname: "" or "/" attaches the root; a path ("/srv/x") attaches that directory of the tree.
 */
public final class MemoryFileServer implements FileServer {
    /** The uid of "nobody" on Linux: who a client without a numeric id is. */
    public static final int NOBODY = 65534;
    /** statfs type: V9FS_MAGIC, what Linux's own 9p client reports. */
    static final int STATFS_TYPE = 0x01021997;

    /** Guards the names: every directory's entries, parent links and link counts. Taken before any inode's lock. */
    final ReentrantReadWriteLock tree = new ReentrantReadWriteLock();
    final Space space;
    final LockTable locks = new LockTable();
    private final AtomicLong paths = new AtomicLong();
    final Inode.Directory rootInode;
    private volatile boolean readOnly;
    private volatile int anonymousUid = NOBODY;

    /**
     * A tree that may hold as much file content as half the JVM's largest heap. The content lives
     * in direct memory, whose limit is that same size unless -XX:MaxDirectMemorySize says otherwise.
     */
    public MemoryFileServer() {
        this(Runtime.getRuntime().maxMemory() / 2);
    }

    /** A tree whose files may hold up to {@code capacityBytes} (ENOSPC beyond). */
    public MemoryFileServer(long capacityBytes) {
        this.space = new Space(capacityBytes);
        this.rootInode = new Inode.Directory(this, null, "/", 0755, 0, 0);
    }

    /** The root directory, to publish files in. */
    public MemoryDirectory root() {
        return new MemoryDirectory(this, rootInode);
    }

    /** Refuses every change a client asks for (EROFS); the program can still change the tree. */
    public MemoryFileServer readOnly(boolean value) {
        this.readOnly = value;
        return this;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    public int anonymousUid() {
        return anonymousUid;
    }

    /** Who a client that sent no numeric user id acts as (default {@link #NOBODY}). */
    public MemoryFileServer anonymousUid(int uid) {
        this.anonymousUid = uid;
        return this;
    }

    /** The shared lock table, for tests and diagnostics. */
    public LockTable lockTable() {
        return locks;
    }

    @Override
    public FileNode attach(Identity user, String aname) throws ErrnoException {
        Inode.Directory at = rootInode;
        tree.readLock().lock();
        try {
            for (String part : aname.split("/")) {
                if (part.isEmpty() || part.equals(".")) {
                    continue;
                }
                Inode.Entry e = at.byName.get(part);
                if (e == null || !(e.inode() instanceof Inode.Directory d)) {
                    throw new ErrnoException(Errno.ENOENT, "no directory '" + aname + "' to attach");
                }
                at = d;
            }
        } finally {
            tree.readLock().unlock();
        }
        return new MemoryNode(this, at, user, at, null, null);
    }

    long nextPath() {
        return paths.incrementAndGet();
    }

    /** Now, in nanoseconds since the epoch. */
    static long now() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** The uid a user acts as. */
    int uidOf(Identity who) {
        return who.hasUid() ? who.uid() : anonymousUid;
    }

    StatFs statfs() {
        long bsize = 4096;
        long blocks = space.capacity / bsize;
        long free = Math.max(0, (space.capacity - space.used.get()) / bsize);
        return new StatFs(STATFS_TYPE, (int) bsize, blocks, free, free, 1L << 32, (1L << 32) - paths.get(),
                0x6e696e6570L, 255);
    }

    /** Bytes of file content the tree may hold, how many it does, and the pages it holds them in. */
    static final class Space {
        final long capacity;
        final AtomicLong used = new AtomicLong();
        final PagePool pool = new PagePool();

        Space(long capacity) {
            this.capacity = capacity;
        }

        void take(long n) throws ErrnoException {
            if (used.addAndGet(n) > capacity) {
                used.addAndGet(-n);
                throw new ErrnoException(Errno.ENOSPC, "the memory tree is full (" + capacity + " bytes)");
            }
        }

        void give(long n) {
            used.addAndGet(-n);
        }
    }
}

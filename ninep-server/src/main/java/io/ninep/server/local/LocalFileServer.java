package io.ninep.server.local;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.server.local.cred.Actor;
import io.ninep.server.local.cred.CredentialPool;
import io.ninep.server.local.cred.DirectActor;
import io.ninep.server.local.cred.SwitchingActor;
import io.ninep.server.local.cred.UserDatabase;
import io.ninep.server.local.sys.DirSyscalls;
import io.ninep.server.local.sys.FdSyscalls;
import io.ninep.server.local.sys.FileStat;
import io.ninep.server.local.sys.LinuxAbi;
import io.ninep.server.local.sys.StatSyscalls;
import io.ninep.server.local.sys.ThreadCredentials;
import io.ninep.server.lock.LockTable;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.FileServer;
import io.ninep.server.spi.Identity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Exports a directory of this machine (Linux only: it needs openat2, Linux 5.6, and a mounted
 * /proc).
 *
 * <h2>Confinement</h2>
 * A client can never reach outside the exported directory. Nodes hold O_PATH descriptors, every
 * name is one directory entry looked up relative to the descriptor of its directory with
 * openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS) or a non-following *at
 * call, and symbolic links are never followed on the server. Walking ".." at the root of an
 * attach stays there. See {@link LocalNode} for the details and {@link Locator} for the three
 * operations that need a file's current name (Tremove, Trename, walking "..").
 *
 * <h2>Identity</h2>
 * <ul>
 *   <li>Run as an ordinary user, the server acts as itself for every attach: files it creates
 *       are its own, and what it may not do (a chown to someone else) fails with EPERM.
 *   <li>Run as root, it acts for the attached user, as QEMU's passthrough model and diod do:
 *       the uid of Tattach's n_uname (or the uid of its uname in /etc/passwd), with that user's
 *       primary gid and groups from /etc/passwd and /etc/group. Root's own attaches run
 *       directly; everyone else's work runs on a {@link CredentialPool} worker that wears the
 *       user's fsuid, fsgid and groups and no capabilities, so the kernel itself checks the
 *       user's permissions, and files the user creates belong to the user and the gid the
 *       client sent (or the directory's, for a set-group-ID directory). A uid unknown to
 *       /etc/passwd acts with group {@link UserDatabase#UNKNOWN_GID} and no other groups; a
 *       user name unknown to /etc/passwd may not attach (EACCES).
 * </ul>
 *
 * <h2>Read-only exports</h2>
 * With {@code readOnly}, every change (creation, removal, rename, link, setattr, xattr changes,
 * an open for writing or truncation) fails with EROFS; reads, walks and locks work.
 *
 * <h2>Qids, readdir, locks</h2>
 * qid.path is unique across the devices an export spans and qid.version moves with the content
 * ({@link Qids}); readdir offsets are stable for the life of an open directory
 * ({@link LocalDirectory}); POSIX byte-range locks live in a {@link LockTable} keyed by device
 * and inode, shared by every connection.
 */
public final class LocalFileServer implements FileServer {
    private final Path export;
    private final boolean readOnly;
    private final UserDatabase users;
    private final FileHandle root;
    private final Qids qids;
    private final LockTable locks = new LockTable();
    private final boolean rootProcess;
    private final CredentialPool pool;
    private final Actor asServer;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Exports {@code directory}, writable. */
    public LocalFileServer(Path directory) throws IOException {
        this(directory, false);
    }

    public LocalFileServer(Path directory, boolean readOnly) throws IOException {
        this(directory, readOnly, UserDatabase.system());
    }

    /** With the users and groups of {@code users} rather than the system's. */
    public LocalFileServer(Path directory, boolean readOnly, UserDatabase users) throws IOException {
        this.export = directory.toAbsolutePath().normalize();
        this.readOnly = readOnly;
        this.users = users;
        byte[] path = export.toString().getBytes(StandardCharsets.UTF_8);
        int fd = FdSyscalls.open(path, LinuxAbi.O_PATH | LinuxAbi.O_DIRECTORY | LinuxAbi.O_CLOEXEC, export);
        FileStat st;
        try {
            st = StatSyscalls.fstat(fd, export);
            DirSyscalls.readlink(FileHandle.procPath(fd), "/proc/self/fd (is /proc mounted?)");
        } catch (ErrnoException | RuntimeException e) {
            FdSyscalls.close(fd);
            throw e;
        }
        this.root = new FileHandle(fd, st, "/");
        this.qids = new Qids(st.dev());
        this.rootProcess = ThreadCredentials.geteuid() == 0;
        this.pool = rootProcess ? new CredentialPool(Math.max(4, 2 * Runtime.getRuntime().availableProcessors())) : null;
        this.asServer = new DirectActor(rootProcess);
    }

    /** The exported directory. */
    public Path directory() {
        return export;
    }

    /** Whether the server acts for each attached user (it runs as root) rather than as itself. */
    public boolean actsForUsers() {
        return rootProcess;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    /**
     * Tattach. {@code aname} may be empty or "/" (the exported directory), the exported
     * directory's absolute path (as diod takes it), or a directory below it, given relative to
     * it or as an absolute path inside it; the attach's root is then that directory.
     */
    @Override
    public FileNode attach(Identity user, String aname) throws IOException {
        if (closed.get()) {
            throw new ErrnoException(Errno.EIO, "the file server is closed");
        }
        Actor actor = actorFor(user);
        byte[] below = subdirectory(aname);
        FileHandle top;
        if (below.length == 0) {
            top = root.retain();
        } else {
            Making.Made made = actor.call(() -> {
                int fd = FdSyscalls.openat2(root.fd, below, LinuxAbi.O_PATH | LinuxAbi.O_DIRECTORY | LinuxAbi.O_CLOEXEC, 0,
                        Locator.RESOLVE, aname);
                try {
                    return new Making.Made(-1, fd, StatSyscalls.fstat(fd, aname));
                } catch (ErrnoException | RuntimeException e) {
                    FdSyscalls.close(fd);
                    throw e;
                }
            });
            top = new FileHandle(made.pathFd(), made.stat(), aname);
        }
        Tree tree = new Tree(this, actor, top);
        try {
            return new LocalNode(tree, top.retain());
        } finally {
            tree.release();
        }
    }

    private Actor actorFor(Identity user) throws IOException {
        if (!rootProcess) {
            return asServer;
        }
        int uid = user.hasUid() ? user.uid() : users.uidOf(user.uname());
        if (uid == 0) {
            return asServer;
        }
        return new SwitchingActor(pool, users.credentialsOf(uid));
    }

    /**
     * The path of {@code aname} below the export, elements checked one by one ("." dropped,
     * ".." refused), joined with '/'; empty for the export itself. The kernel still confines the
     * open (RESOLVE_BENEATH) and refuses symbolic links in it.
     */
    private byte[] subdirectory(String aname) throws ErrnoException {
        String rest = aname;
        String base = export.toString();
        if (rest.equals(base) || (rest.startsWith(base + "/") && !base.equals("/"))) {
            rest = rest.substring(base.length());
        }
        java.io.ByteArrayOutputStream path = new java.io.ByteArrayOutputStream();
        for (String element : rest.split("/")) {
            if (element.isEmpty() || element.equals(".")) {
                continue;
            }
            if (element.equals("..")) {
                throw new ErrnoException(Errno.ENOENT, "aname " + aname + " leaves the export");
            }
            if (path.size() > 0) {
                path.write('/');
            }
            path.writeBytes(Names.entry(element));
        }
        return path.toByteArray();
    }

    void checkWritable() throws ErrnoException {
        if (readOnly) {
            throw new ErrnoException(Errno.EROFS, "the export is read-only");
        }
    }

    Qids qids() {
        return qids;
    }

    LockTable locks() {
        return locks;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            root.release();
            if (pool != null) {
                pool.close();
            }
        }
    }

    @Override
    public String toString() {
        return "LocalFileServer[" + export + (readOnly ? ", read-only" : "") + "]";
    }
}

package io.ninep.client;

import io.ninep.client.rpc.Connection;
import io.ninep.client.rpc.ReplyHandler;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.NinePException;
import io.ninep.protocol.P9;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.DirEntry;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.Rcreate;
import io.ninep.protocol.message.Rgetattr;
import io.ninep.protocol.message.Rgetlock;
import io.ninep.protocol.message.Rlcreate;
import io.ninep.protocol.message.Rlock;
import io.ninep.protocol.message.Rlopen;
import io.ninep.protocol.message.Rmkdir;
import io.ninep.protocol.message.Rmknod;
import io.ninep.protocol.message.Ropen;
import io.ninep.protocol.message.Rreadlink;
import io.ninep.protocol.message.Rstat;
import io.ninep.protocol.message.Rstatfs;
import io.ninep.protocol.message.Rsymlink;
import io.ninep.protocol.message.Rwalk;
import io.ninep.protocol.message.Rwrite;
import io.ninep.protocol.message.SetAttr;
import io.ninep.protocol.message.Stat;
import io.ninep.protocol.message.StatFs;
import io.ninep.protocol.message.TMessage;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tcreate;
import io.ninep.protocol.message.Tfsync;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.protocol.message.Tgetlock;
import io.ninep.protocol.message.Tlcreate;
import io.ninep.protocol.message.Tlink;
import io.ninep.protocol.message.Tlock;
import io.ninep.protocol.message.Tlopen;
import io.ninep.protocol.message.Tmkdir;
import io.ninep.protocol.message.Tmknod;
import io.ninep.protocol.message.Topen;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Treadlink;
import io.ninep.protocol.message.Tremove;
import io.ninep.protocol.message.Trename;
import io.ninep.protocol.message.Trenameat;
import io.ninep.protocol.message.Tsetattr;
import io.ninep.protocol.message.Tstat;
import io.ninep.protocol.message.Tstatfs;
import io.ninep.protocol.message.Tsymlink;
import io.ninep.protocol.message.Tunlinkat;
import io.ninep.protocol.message.Twrite;
import io.ninep.protocol.message.Twstat;
import io.ninep.protocol.message.Txattrcreate;
import io.ninep.protocol.message.Txattrwalk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A handle on one fid: a file or directory of the server, walked to, possibly opened. Closing
 * it clunks the fid. Every 9P2000.L operation is a method named after its message
 * ({@link #lopen}, {@link #getattr}, {@link #renameat}, ...), as are the 9P2000/9P2000.u ones
 * ({@link #topen}, {@link #tcreate}, {@link #stat}, {@link #wstat}, {@link #remove}); a few work
 * in every dialect ({@link #open}, {@link #create}, {@link #attributes}, {@link #list}).
 *
 * <p>Reads and writes name their offset (9P has no file position); {@link #channel()} gives a
 * {@link SeekableByteChannel} that keeps one. {@link #read}/{@link #write} send one request;
 * {@link #readAll}/{@link #writeAll} split a large transfer into requests of at most
 * {@link #maxIo()} bytes and keep {@link ClientConfig#ioWindow()} of them in flight, so one call
 * can fill the link. A read's payload goes straight into the caller's buffer.
 *
 * <p>Blocking methods may be interrupted: the request in flight is flushed (flush(5)), and the
 * method returns its result if the reply beat the Rflush, else throws
 * {@link RequestCancelledException}. {@link #close()} and {@link #remove()} are not cancelled by
 * interrupts: the fid must end either way.
 */
public final class Fid implements AutoCloseable {
    private final Session session;
    private final Connection connection;
    private final int number;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Qid qid;
    private volatile boolean open;
    private volatile int ioUnit;
    private volatile int openFlags;

    Fid(Session session, int number, Qid qid, boolean open) {
        this.session = session;
        this.connection = session.connection();
        this.number = number;
        this.qid = qid;
        this.open = open;
    }

    public Session session() {
        return session;
    }

    /** The fid number on the wire. */
    public int number() {
        return number;
    }

    /** The qid of the file, as the walk, attach, open or create that made this fid saw it. */
    public Qid qid() {
        return qid;
    }

    public boolean isOpen() {
        return open;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** The iounit the server gave at open or create; 0 if it gave none. */
    public int ioUnit() {
        return ioUnit;
    }

    /** The largest count of one Tread or Twrite: the iounit, else msize - 24 (Linux's P9_IOHDRSZ). */
    public int maxIo() {
        int m = connection.msize() - P9.IO_HEADER_SIZE;
        int iou = ioUnit;
        return iou > 0 && iou < m ? iou : m;
    }

    Connection connection() {
        return connection;
    }

    Dialect dialect() {
        return connection.dialect();
    }

    /** The open(2) flags of the open or create that opened this fid (0 if it is not open). */
    int openFlags() {
        return openFlags;
    }

    void checkUsable() throws IOException {
        if (closed.get()) {
            throw new NinePException("fid " + number + " is clunked");
        }
    }

    void markOpen(int iounit, int flags) {
        this.ioUnit = iounit;
        this.openFlags = flags;
        this.open = true;
    }

    // ---- Walking ----

    /**
     * Walks from this fid through {@code names} to a new fid ({@code names} may be empty: a
     * clone). More than 16 names (walk(5)'s MAXWELEM) are walked in steps.
     *
     * @throws RemoteErrorException ENOENT (or the server's errno) if a name is missing
     */
    public Fid walk(String... names) throws IOException {
        return walk(Arrays.asList(names));
    }

    /** As {@link #walk(String...)}. */
    public Fid walk(List<String> names) throws IOException {
        return Walks.walk(this, names);
    }

    /**
     * Where a {@link #walkPartial} stopped: the qids of the names walked, in order; the new fid
     * if every name was walked (else null); and the server's error if it answered one (for the
     * first name of a step), or null if it stopped with a short Rwalk, which says no errno.
     */
    public record Walked(List<Qid> qids, Fid fid, RemoteErrorException error) {
        public boolean complete() {
            return fid != null;
        }
    }

    /**
     * Walks from this fid through {@code names} as far as the server goes, and says where it
     * stopped instead of throwing: for callers that must see each name's qid, such as the
     * java.nio.file provider, which follows symbolic links itself. Errors other than the
     * server's answer to a walk (a lost connection, an interrupt) are thrown.
     */
    public Walked walkPartial(List<String> names) throws IOException {
        return Walks.partial(this, names);
    }

    /** Walks a slash-separated path; empty elements and "." are skipped. */
    public Fid walkPath(String path) throws IOException {
        return walk(pathElements(path));
    }

    /** The names of a slash-separated path, without empty elements and ".". */
    public static List<String> pathElements(String path) {
        return Walks.pathElements(path);
    }

    /**
     * The asynchronous {@link #walk(String...)} (at most 16 names). If the future is cancelled
     * and the server's Rwalk beats the Rflush, the new fid is clunked by the session.
     */
    public CompletableFuture<Fid> walkAsync(String... names) {
        return Walks.async(this, names);
    }

    // ---- Opening and creating ----

    /**
     * Opens this fid in any dialect: Tlopen with {@code linuxFlags} in 9P2000.L, Topen with their
     * {@link OpenFlags#toTopenMode equivalent} otherwise.
     */
    public Qid open(int linuxFlags) throws IOException {
        return dialect() == Dialect.P9P2000_L ? lopen(linuxFlags) : topen(OpenFlags.toTopenMode(linuxFlags));
    }

    /** Tlopen: opens with Linux open(2) flags (9P2000.L). */
    public Qid lopen(int flags) throws IOException {
        checkUsable();
        Rlopen r = (Rlopen) connection.call(new Tlopen(number, flags));
        qid = r.qid();
        markOpen(r.ioUnit(), flags);
        return r.qid();
    }

    /** Topen: opens with a 9P2000 mode (OREAD, OWRITE, ORDWR, OEXEC, with OTRUNC, ORCLOSE). */
    public Qid topen(int mode) throws IOException {
        checkUsable();
        Ropen r = (Ropen) connection.call(new Topen(number, mode));
        qid = r.qid();
        markOpen(r.ioUnit(), OpenFlags.accessOf(mode));
        return r.qid();
    }

    /**
     * Creates {@code name} in this directory and returns a new fid open on it (this fid stays on
     * the directory): a walk-clone, then Tlcreate in 9P2000.L or Tcreate otherwise.
     *
     * @param linuxFlags open(2) flags for the new file (O_CREAT is implied)
     * @param mode permission bits
     */
    public Fid create(String name, int linuxFlags, int mode) throws IOException {
        return Portable.create(this, name, linuxFlags, mode);
    }

    /** Tlcreate: creates {@code name} in this directory; afterwards this fid is the new file, open (9P2000.L). */
    public Qid lcreate(String name, int flags, int mode, int gid) throws IOException {
        checkUsable();
        Rlcreate r = (Rlcreate) connection.call(new Tlcreate(number, name, flags, mode, gid));
        qid = r.qid();
        markOpen(r.ioUnit(), flags);
        return r.qid();
    }

    /** Tcreate: creates {@code name} with {@code perm} (DM bits included); this fid becomes the new file, open (9P2000, .u). */
    public Qid tcreate(String name, int perm, int mode, String extension) throws IOException {
        checkUsable();
        Rcreate r = (Rcreate) connection.call(new Tcreate(number, name, perm, mode, extension));
        qid = r.qid();
        markOpen(r.ioUnit(), OpenFlags.accessOf(mode));
        return r.qid();
    }

    // ---- Attributes ----

    /** Tgetattr of the fields in {@code mask} ({@link Attr#BASIC}, {@link Attr#ALL}, ...). */
    public Attr getattr(long mask) throws IOException {
        checkUsable();
        return ((Rgetattr) connection.call(new Tgetattr(number, mask))).attr();
    }

    /** Tgetattr of the fields of stat(2). */
    public Attr getattr() throws IOException {
        return getattr(Attr.BASIC);
    }

    /** The asynchronous {@link #getattr(long)}. */
    public CompletableFuture<Attr> getattrAsync(long mask) {
        return connection.send(new Tgetattr(number, mask), (reply, count) -> ((Rgetattr) reply).attr());
    }

    /** Tsetattr; {@link FileModes} makes the usual change sets. */
    public void setattr(SetAttr changes) throws IOException {
        checkUsable();
        connection.call(new Tsetattr(number, changes));
    }

    /** Tstat (9P2000, .u). */
    public Stat stat() throws IOException {
        checkUsable();
        return ((Rstat) connection.call(new Tstat(number))).stat();
    }

    /** Twstat (9P2000, .u); start from {@link Stat#unchanged()}. */
    public void wstat(Stat changes) throws IOException {
        checkUsable();
        connection.call(new Twstat(number, changes));
    }

    /** The file's attributes in any dialect: Tgetattr, or Tstat turned into {@link Attr}. */
    public Attr attributes() throws IOException {
        return dialect() == Dialect.P9P2000_L ? getattr(Attr.BASIC) : FileModes.toAttr(stat());
    }

    /** Truncates or extends the file in any dialect. */
    public void truncate(long size) throws IOException {
        if (dialect() == Dialect.P9P2000_L) {
            setattr(FileModes.truncate(size));
        } else {
            wstat(Stat.unchanged().withLength(size));
        }
    }

    // ---- Reading and writing ----

    /**
     * One Tread of up to {@code min(dst.remaining(), maxIo())} bytes at {@code offset}, straight
     * into {@code dst}, whose position advances.
     *
     * @return the bytes read; 0 at the end of the file
     */
    public int read(long offset, ByteBuffer dst) throws IOException {
        checkUsable();
        int count = Math.min(dst.remaining(), maxIo());
        return connection.callInto(new Tread(number, offset, count), dst);
    }

    /**
     * Reads from {@code offset} until {@code dst} is full or the file ends, with up to
     * {@link ClientConfig#ioWindow()} Treads in flight.
     *
     * @return the bytes read; less than asked only at the end of the file
     */
    public int readAll(long offset, ByteBuffer dst) throws IOException {
        checkUsable();
        return WindowedIo.read(this, offset, dst, WindowedIo.windowFor(this));
    }

    /** The asynchronous {@link #read}: the payload lands in {@code dst}, which belongs to the request until the future is done. */
    public CompletableFuture<Integer> readAsync(long offset, ByteBuffer dst) {
        int count = Math.min(dst.remaining(), maxIo());
        return connection.sendInto(new Tread(number, offset, count), dst, ReplyHandler.COUNT);
    }

    /**
     * One Twrite of up to {@code min(src.remaining(), maxIo())} bytes at {@code offset}; the
     * payload is sent from {@code src} itself (a gathering write), whose position advances by
     * the count the server wrote.
     */
    public int write(long offset, ByteBuffer src) throws IOException {
        checkUsable();
        int count = Math.min(src.remaining(), maxIo());
        ByteBuffer piece = src.slice(src.position(), count);
        int n = WindowedIo.checkWritten(((Rwrite) connection.call(new Twrite(number, offset, piece))).count(), count);
        src.position(src.position() + n);
        return n;
    }

    /**
     * Writes all of {@code src} at {@code offset}, with up to {@link ClientConfig#ioWindow()}
     * Twrites in flight; a short write is retried from where it stopped.
     *
     * @return the bytes written: all of them
     */
    public long writeAll(long offset, ByteBuffer src) throws IOException {
        checkUsable();
        return WindowedIo.write(this, offset, src, WindowedIo.windowFor(this));
    }

    /** The asynchronous {@link #write}; {@code src}'s position is left alone. */
    public CompletableFuture<Integer> writeAsync(long offset, ByteBuffer src) {
        int count = Math.min(src.remaining(), maxIo());
        return connection.send(new Twrite(number, offset, src.slice(src.position(), count)),
                (reply, c) -> ((Rwrite) reply).count());
    }

    /** A channel with a position over this fid, which must be open; closing it leaves the fid alone. */
    public SeekableByteChannel channel() {
        return new FidChannel(this, false);
    }

    /** A channel that owns this fid: closing the channel clunks it. */
    public SeekableByteChannel channelOwningFid() {
        return new FidChannel(this, true);
    }

    /** Reads the whole file from offset 0 (it must be open and fit in an array). */
    public byte[] readAllBytes() throws IOException {
        return WindowedIo.readAllBytes(this);
    }

    /** Tfsync: flushes the file to stable storage; {@code dataOnly} as fdatasync(2) (9P2000.L). */
    public void fsync(boolean dataOnly) throws IOException {
        checkUsable();
        connection.call(new Tfsync(number, dataOnly ? 1 : 0));
    }

    // ---- Directories ----

    /**
     * Treaddir as a stream of entries: this fid must be a directory opened for reading
     * (9P2000.L). The first request asks for a small count; when the directory turns out to be
     * large, later requests grow toward msize - 24. Closing the stream leaves the fid open.
     */
    public DirEntryStream readdir() throws IOException {
        checkUsable();
        return new DirEntryStream(this, false);
    }

    /** Directory reads of 9P2000 and .u: Tread on an opened directory, decoded as stat entries. */
    public DirectoryStream<Stat> readStats() throws IOException {
        checkUsable();
        return new StatStream(this, false);
    }

    /**
     * The entries of this directory in any dialect, on a fid of their own (walked and opened
     * here, clunked when the stream is closed).
     */
    public DirectoryStream<DirEntry> list() throws IOException {
        return Portable.list(this);
    }

    /** Tmkdir: makes directory {@code name} in this directory (9P2000.L). */
    public Qid mkdir(String name, int mode, int gid) throws IOException {
        checkUsable();
        return ((Rmkdir) connection.call(new Tmkdir(number, name, mode, gid))).qid();
    }

    /** Makes a directory in any dialect: Tmkdir, or Tcreate with DMDIR (and a clunk). */
    public Qid mkdir(String name, int mode) throws IOException {
        return Portable.mkdir(this, name, mode);
    }

    /** Tsymlink: makes {@code name} in this directory a symbolic link to {@code target} (9P2000.L). */
    public Qid symlink(String name, String target, int gid) throws IOException {
        checkUsable();
        return ((Rsymlink) connection.call(new Tsymlink(number, name, target, gid))).qid();
    }

    /** Treadlink: the target of the symbolic link this fid is on (9P2000.L). */
    public String readlink() throws IOException {
        checkUsable();
        return ((Rreadlink) connection.call(new Treadlink(number))).target();
    }

    /** Tlink: makes {@code name} in this directory a hard link to {@code file} (9P2000.L). */
    public void link(Fid file, String name) throws IOException {
        checkUsable();
        connection.call(new Tlink(number, file.number(), name));
    }

    /** Tmknod: makes a device, fifo or socket {@code name} in this directory (9P2000.L). */
    public Qid mknod(String name, int mode, int major, int minor, int gid) throws IOException {
        checkUsable();
        return ((Rmknod) connection.call(new Tmknod(number, name, mode, major, minor, gid))).qid();
    }

    /** Trename: moves the file this fid is on into {@code newDir} as {@code newName} (9P2000.L). */
    public void rename(Fid newDir, String newName) throws IOException {
        checkUsable();
        connection.call(new Trename(number, newDir.number(), newName));
    }

    /**
     * Trenameat: renames {@code oldName} in this directory to {@code newName} in {@code newDir}.
     * A server without Trenameat (diod answers EOPNOTSUPP) gets what Linux sends then: a walk to
     * the file and Trename. The session remembers and goes straight to the fallback afterwards.
     */
    public void renameat(String oldName, Fid newDir, String newName) throws IOException {
        Portable.renameat(this, oldName, newDir, newName);
    }

    /**
     * Tunlinkat: removes {@code name} from this directory ({@link Tunlinkat#AT_REMOVEDIR} for a
     * directory). A server without Tunlinkat (diod answers EOPNOTSUPP) gets what Linux sends
     * then: a walk to the file and Tremove.
     */
    public void unlinkat(String name, int flags) throws IOException {
        Portable.unlinkat(this, name, flags);
    }

    /** Removes {@code name} from this directory in any dialect: Tunlinkat (or its fallback), or walk and Tremove. */
    public void delete(String name, boolean directory) throws IOException {
        Portable.delete(this, name, directory);
    }

    /** Tstatfs: file system statistics (9P2000.L). */
    public StatFs statfs() throws IOException {
        checkUsable();
        return ((Rstatfs) connection.call(new Tstatfs(number))).statFs();
    }

    // ---- Locks ----

    /**
     * Tlock: takes or releases a POSIX record lock on the open file (9P2000.L).
     *
     * @param type {@link Tlock#RDLCK}, {@link Tlock#WRLCK} or {@link Tlock#UNLCK}
     * @return {@link Rlock#SUCCESS}, {@link Rlock#BLOCKED}, {@link Rlock#ERROR} or {@link Rlock#GRACE}
     */
    public int lock(int type, int flags, long start, long length, int procId, String clientId) throws IOException {
        checkUsable();
        return ((Rlock) connection.call(new Tlock(number, type, flags, start, length, procId, clientId))).status();
    }

    /**
     * Tlock as Linux's v9fs sends it: this process's pid as proc_id and this host's name as
     * client_id ({@link Session#clientId()}); some servers (nfs-ganesha) look the name up and
     * refuse one they cannot resolve.
     */
    public int lock(int type, int flags, long start, long length) throws IOException {
        return lock(type, flags, start, length, (int) ProcessHandle.current().pid(), session.clientId());
    }

    /** Tgetlock with this process's pid and this host's name, as {@link #lock(int, int, long, long)}. */
    public Rgetlock getlock(int type, long start, long length) throws IOException {
        return getlock(type, start, length, (int) ProcessHandle.current().pid(), session.clientId());
    }

    /** Tgetlock: whether a lock could be taken; the reply describes a conflicting lock, or type UNLCK (9P2000.L). */
    public Rgetlock getlock(int type, long start, long length, int procId, String clientId) throws IOException {
        checkUsable();
        return (Rgetlock) connection.call(new Tgetlock(number, type, start, length, procId, clientId));
    }

    // ---- Extended attributes (9P2000.L) ----

    /** The value of extended attribute {@code name}: Txattrwalk to a new fid, reads, clunk. */
    public byte[] xattrGet(String name) throws IOException {
        return Xattrs.get(this, name);
    }

    /** The names of the extended attributes (Txattrwalk with an empty name). */
    public List<String> xattrList() throws IOException {
        return Xattrs.list(this);
    }

    /**
     * Sets extended attribute {@code name}: on a clone of this fid, Txattrcreate, Twrite of the
     * value, and the clunk that commits it (as Linux's v9fs_fid_xattr_set does).
     *
     * @param flags 0, {@link Txattrcreate#XATTR_CREATE} or {@link Txattrcreate#XATTR_REPLACE}
     */
    public void xattrSet(String name, byte[] value, int flags) throws IOException {
        Xattrs.set(this, name, value, flags);
    }

    /** Removes extended attribute {@code name}: Txattrcreate of size 0 and a clunk (Linux's removexattr). */
    public void xattrRemove(String name) throws IOException {
        xattrSet(name, new byte[0], Txattrcreate.XATTR_REPLACE);
    }

    /** Sets a text attribute in UTF-8. */
    public void xattrSet(String name, String value) throws IOException {
        xattrSet(name, value.getBytes(StandardCharsets.UTF_8), 0);
    }

    // ---- Ending ----

    /** Tremove: removes the file and clunks this fid, whether or not the removal succeeds (remove(5)). */
    public void remove() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            throw new NinePException("fid " + number + " is clunked");
        }
        end(new Tremove(number));
    }

    /** Tclunk: forgets the fid. Idempotent; an error reply still ends the fid (clunk(5)). */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        end(new Tclunk(number));
    }

    /** Sends the request that ends this fid (Tclunk or Tremove), uninterruptibly, and frees its number. */
    private void end(TMessage last) throws IOException {
        try {
            connection.callUninterruptibly(last);
        } catch (ConnectionClosedException e) {
            // the fid went with the connection
        } finally {
            session.releaseFid(number);
        }
    }

    /**
     * The asynchronous {@link #close()}. Cancelling the future returned does not cancel the
     * Tclunk: a flushed clunk would leave the fid's fate unknown.
     */
    public CompletableFuture<Void> clunkAsync() {
        if (!closed.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        return connection.send(new Tclunk(number), new ReplyHandler<Void>() {
            @Override
            public Void convert(RMessage reply, int count) {
                session.releaseFid(number);
                return null;
            }

            @Override
            public void failed(TMessage request) {
                session.releaseFid(number);   // clunk(5): the fid is gone even after an error
            }
        }).thenApply(v -> v);
    }

    void closeAfter(Throwable cause) {
        try {
            close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return "fid " + number + " " + qid + (open ? " (open)" : "") + (closed.get() ? " (clunked)" : "");
    }
}

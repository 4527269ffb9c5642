package io.ninep.client;

import io.ninep.client.rpc.Connection;
import io.ninep.client.rpc.ReplyHandler;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.Errno;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.P9;
import io.ninep.protocol.Quirk;
import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.Rattach;
import io.ninep.protocol.message.Rauth;
import io.ninep.protocol.message.Tattach;
import io.ninep.protocol.message.Tauth;
import io.ninep.protocol.message.Tclunk;
import io.ninep.transport.Dialer;
import io.ninep.transport.Transport;
import io.ninep.transport.buffer.PoolStats;
import java.io.Closeable;
import java.io.IOException;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A 9P session: one connection, its version and msize, the fids it has made, and the trees it
 * has attached. Operations on files go through {@link Fid} handles, which {@link #attach} and
 * {@link Fid#walk} hand out.
 *
 * <pre>{@code
 * try (Session s = Session.connect("tcp!fileserver!564", ClientConfig.defaults());
 *      Fid root = s.attach("glenda", "/srv/export");
 *      Fid f = root.walk("docs", "readme.txt")) {
 *     f.open(LinuxOpenFlags.O_RDONLY);
 *     ByteBuffer b = ByteBuffer.allocate(1 << 20);
 *     int n = f.readAll(0, b);
 * }
 * }</pre>
 *
 * <p>Fids: numbers are allocated lowest-free from a pool and reused once their Tclunk (or
 * Tremove) has been answered (clunk(5): "even if the clunk returns an error, the fid is no longer
 * valid"). A walk whose reply beat a Tflush made a fid (flush(5)); if nobody will take it (its
 * future was cancelled) the session clunks it itself.
 *
 * <p>Thread-safe: any number of threads may use a session and its fids at once.
 */
public final class Session implements Closeable {
    private final Connection connection;
    private final ClientConfig config;
    private final ReentrantLock fidLock = new ReentrantLock();
    private final BitSet fids = new BitSet();   // guarded by fidLock
    private int fidCount;                       // guarded by fidLock
    private volatile boolean unlinkatMissing;
    private volatile boolean renameatMissing;

    private Session(Connection connection, ClientConfig config) {
        this.connection = connection;
        this.config = config;
    }

    /** Dials {@code address} (tcp!host!port, unix!/path, host:port, 9p://host:port/...) and negotiates version. */
    public static Session connect(String address, ClientConfig config) throws IOException {
        return open(Dialer.dial(address, config.connectTimeout()), config);
    }

    /** Negotiates version over {@code transport}, which the session owns from now on. */
    public static Session open(Transport transport, ClientConfig config) throws IOException {
        return new Session(Connection.open(transport, config), config);
    }

    /** A session over a connection that is already open. */
    public static Session over(Connection connection, ClientConfig config) {
        return new Session(connection, config);
    }

    public Connection connection() {
        return connection;
    }

    public ClientConfig config() {
        return config;
    }

    public Dialect dialect() {
        return connection.dialect();
    }

    public int msize() {
        return connection.msize();
    }

    /** How the msize came about ("requested 8388608; transport tcp allows ...; using 1048576"). */
    public MsizeNegotiation negotiation() {
        return connection.negotiation();
    }

    /** Deviations from the protocol the client tolerated, and fallbacks it chose. */
    public List<Quirk> quirks() {
        return connection.quirks();
    }

    public PoolStats poolStats() {
        return connection.poolStats();
    }

    /** The connection's counters: see {@link Connection#metrics()}. */
    public io.ninep.transport.metrics.NinepMetrics metrics() {
        return connection.metrics();
    }

    /**
     * The client id of Tlock and Tgetlock: this host's name, as Linux sends its node name
     * ("localhost" if the name cannot be found).
     */
    public String clientId() {
        String id = clientId;
        if (id == null) {
            try {
                id = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                id = "localhost";
            }
            clientId = id;
        }
        return id;
    }

    private volatile String clientId;

    /** Fid numbers in use: attached, walked, not yet clunked. */
    public int fidsInUse() {
        fidLock.lock();
        try {
            return fidCount;
        } finally {
            fidLock.unlock();
        }
    }

    /** Attaches {@code aname} as {@code uname}, without a numeric user id. */
    public Fid attach(String uname, String aname) throws IOException {
        return attach(null, uname, aname, P9.NONUNAME);
    }

    /**
     * Attaches the tree {@code aname} as {@code uname} (9P2000.u and .L also send {@code nUname},
     * the numeric user id, or {@link P9#NONUNAME}), authenticated by {@code auth} if not null.
     */
    public Fid attach(Fid auth, String uname, String aname, int nUname) throws IOException {
        int fid = allocateFid();
        boolean made = false;
        try {
            Rattach r = (Rattach) connection.call(new Tattach(fid, auth == null ? P9.NOFID : auth.number(),
                    uname, aname, nUname));
            made = true;
            return new Fid(this, fid, r.qid(), false);
        } finally {
            if (!made) {
                releaseFid(fid);
            }
        }
    }

    /**
     * Tauth: a fid for the authentication protocol the server wants, to read and write before
     * {@link #attach(Fid, String, String, int)}. Servers that need no authentication answer with
     * an error.
     */
    public Fid auth(String uname, String aname, int nUname) throws IOException {
        int afid = allocateFid();
        boolean made = false;
        try {
            Rauth r = (Rauth) connection.call(new Tauth(afid, uname, aname, nUname));
            made = true;
            Fid f = new Fid(this, afid, r.authQid(), false);
            f.markOpen(0, LinuxOpenFlags.O_RDWR);
            return f;
        } finally {
            if (!made) {
                releaseFid(afid);
            }
        }
    }

    /**
     * Runs a blocking operation on a virtual thread of its own. Cancelling the future interrupts
     * it, which flushes the request in flight; if the operation still produced a resource
     * (a {@link Fid}, a stream) after the future was cancelled, it is closed.
     */
    public <T> CompletableFuture<T> async(IoCallable<T> operation) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Thread t = Thread.ofVirtual().name("ninep-async").unstarted(() -> {
            try {
                T value = operation.call();
                if (!future.complete(value) && value instanceof AutoCloseable c) {
                    c.close();
                }
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        });
        future.whenComplete((v, e) -> {
            if (future.isCancelled()) {
                t.interrupt();
            }
        });
        t.start();
        return future;
    }

    /** A blocking operation for {@link #async}. */
    @FunctionalInterface
    public interface IoCallable<T> {
        T call() throws Exception;
    }

    /** Closes the connection; every fid of the session is gone with it. */
    @Override
    public void close() throws IOException {
        connection.close();
    }

    @Override
    public String toString() {
        return "9P session over " + connection;
    }

    // ---- Fid numbers ----

    int allocateFid() {
        fidLock.lock();
        try {
            int fid = fids.nextClearBit(0);
            if (fid < 0 || fid == P9.NOFID) {
                throw new IllegalStateException("no fid numbers left");
            }
            fids.set(fid);
            fidCount++;
            return fid;
        } finally {
            fidLock.unlock();
        }
    }

    void releaseFid(int fid) {
        fidLock.lock();
        try {
            if (!fids.get(fid)) {
                throw new IllegalStateException("fid " + fid + " released twice");
            }
            fids.clear(fid);
            fidCount--;
        } finally {
            fidLock.unlock();
        }
    }

    /**
     * Clunks a fid nobody holds (a walk whose reply beat its Tflush), without waiting; the number
     * is reused once the Rclunk is in. May run on the connection's reader thread.
     */
    void clunkOrphan(int fid) {
        connection.send(new Tclunk(fid), ReplyHandler.REPLY).whenComplete((r, e) -> releaseFid(fid));
    }

    /**
     * The reply handler of a request that makes fid {@code newFid} (a walk): it keeps the fid
     * number's account whatever happens. A reply that made the fid gives a {@link Fid} (or, if
     * nobody will take it because the future was cancelled, is clunked); anything else frees
     * the number.
     *
     * @param make the handle for a reply that made the fid, or an exception if the reply says
     *     it was not made (a short Rwalk)
     * @param made whether a successful reply made the fid
     */
    ReplyHandler<Fid> fidMaker(int newFid, FidFactory make, java.util.function.Predicate<RMessage> made) {
        return new ReplyHandler<>() {
            @Override
            public Fid convert(RMessage reply, int count) throws IOException {
                if (!made.test(reply)) {
                    throw make.notMade(reply);   // failed() frees the number
                }
                return make.fid(reply);
            }

            @Override
            public void orphaned(io.ninep.protocol.message.TMessage request, RMessage reply) {
                if (made.test(reply)) {
                    clunkOrphan(newFid);
                } else {
                    releaseFid(newFid);
                }
            }

            @Override
            public void failed(io.ninep.protocol.message.TMessage request) {
                releaseFid(newFid);
            }
        };
    }

    /** Makes the handle for a fid-making reply, or says why the reply made none. */
    interface FidFactory {
        Fid fid(RMessage reply);

        IOException notMade(RMessage reply);
    }

    // ---- Fallbacks for servers that lack an operation ----

    boolean unlinkatMissing() {
        return unlinkatMissing;
    }

    void unlinkatIsMissing(int errno) {
        if (!unlinkatMissing) {
            unlinkatMissing = true;
            connection.noteQuirk(new Quirk("Tunlinkat", null, "server answered " + Errno.name(errno)
                    + "; the client walks to the file and sends Tremove instead (as Linux's v9fs does)"));
        }
    }

    boolean renameatMissing() {
        return renameatMissing;
    }

    void renameatIsMissing(int errno) {
        if (!renameatMissing) {
            renameatMissing = true;
            connection.noteQuirk(new Quirk("Trenameat", null, "server answered " + Errno.name(errno)
                    + "; the client walks to the file and sends Trename instead (as Linux's v9fs does)"));
        }
    }

    /** Whether an errno says "this server has no such operation" (Linux falls back on EOPNOTSUPP). */
    static boolean isUnsupported(int errno) {
        return errno == Errno.EOPNOTSUPP.number() || errno == Errno.ENOSYS.number()
                || errno == Errno.ENOTSUPP.number();
    }
}

package io.ninep.server;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoMapping;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.Strictness;
import io.ninep.protocol.codec.FcallFormat;
import io.ninep.protocol.codec.FrameDecoder;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.Rerror;
import io.ninep.protocol.message.Rlerror;
import io.ninep.protocol.message.Rversion;
import io.ninep.protocol.message.TMessage;
import io.ninep.protocol.message.Tflush;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Tversion;
import io.ninep.protocol.message.Twrite;
import io.ninep.server.spi.FileServer;
import io.ninep.transport.FrameHeader;
import io.ninep.transport.FrameReader;
import io.ninep.transport.Transport;
import io.ninep.transport.buffer.BufferPool;
import io.ninep.transport.buffer.PoolStats;
import io.ninep.transport.buffer.PooledBuffer;
import io.ninep.transport.metrics.NinepMetrics;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One client connection: a reader that decodes frames, a virtual thread per request, one writer
 * that sends replies in whatever order requests finish, the fids and the tags in flight.
 *
 * <p>Threads. The reader thread ({@link #run}) reads and decodes every frame, answers Tversion
 * and Tflush itself, and starts a virtual thread for every other request. A request's thread
 * queues its own reply, and the Rflushes that wait for it, through {@link InFlight}, which holds
 * the tag table and the flush rule; the {@link ReplyQueue} writes replies in queue order,
 * several per system call when they pile up.
 *
 * <p>Locks: the connection itself has none. {@link InFlight}'s lock guards the tag table and the
 * requests' states, and the reply queue's lock is taken inside it; neither is held across I/O or
 * a backend call. The fid table is a concurrent map of counted fids and takes no lock of the
 * connection. Fields written only by the reader thread and read by others are volatile.
 *
 * <p>Observation: a {@link ServerObserver} counts frames as the reader takes them in and
 * requests as they end, for {@link #metrics()} and the Flight Recorder events.
 */
public final class Connection implements Runnable {
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());

    /** The largest frame read before Tversion has set msize: room for any sane Tversion. */
    static final int PRE_VERSION_MSIZE = 8192;
    /**
     * Twrite payloads from this size up may go from the connection straight into their file
     * (splice): below it the hand-over to the request's thread, which the reader waits for, costs
     * more than the copy it saves. The frame reader reads bodies this large past its read-ahead.
     */
    static final int RECEIVE_INTO_FILE_MIN = FrameReader.READ_AHEAD / 2;
    /** Twrite's fid[4] offset[8] count[4]. */
    private static final int WRITE_FIELDS = 16;
    private static final ByteBuffer NO_DATA = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final NinepServer server;
    private final Transport transport;
    private final ServerConfig config;
    private final String name;
    private final FrameReader reader;
    private final ReplyQueue replies;
    private final FrameDecoder decoder;
    private final FrameHeader header = new FrameHeader();
    private final ByteBuffer writeFields = ByteBuffer.allocate(WRITE_FIELDS).order(ByteOrder.LITTLE_ENDIAN);
    private final FidTable fids;
    private final Dispatcher dispatcher;
    private final Thread.Builder.OfVirtual threads = Thread.ofVirtual();

    private final InFlight inFlight;
    private final ServerObserver observer;

    /** The negotiated dialect, or null before a successful Tversion. Written by the reader only. */
    private volatile Dialect dialect;
    private volatile int msize;
    /** The buffers of the negotiated msize; null before Tversion (the few frames then use the heap). */
    private volatile BufferPool pool;

    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile String closeReason;

    Connection(NinepServer server, long id, Transport transport, FileServer fileServer, ServerConfig config) {
        this.server = server;
        this.transport = transport;
        this.config = config;
        this.name = "#" + id + " " + transport.peer();
        this.reader = new FrameReader(transport, PRE_VERSION_MSIZE);
        this.replies = new ReplyQueue(transport, name, config.trace(), r -> inFlight().written(r));
        this.observer = new ServerObserver(name);
        this.inFlight = new InFlight(this, replies, observer, config);
        this.decoder = new FrameDecoder(Dialect.P9P2000_L, PRE_VERSION_MSIZE, Strictness.STRICT, q -> {});
        this.fids = new FidTable(config.maxFids());
        this.dispatcher = new Dispatcher(this, fileServer, fids, config);
        this.msize = PRE_VERSION_MSIZE;
    }

    // ---- what tests and the server see ---------------------------------------------------------

    /** "#3 tcp!127.0.0.1!40212": the connection's number on this server and its peer. */
    public String name() {
        return name;
    }

    public Transport transport() {
        return transport;
    }

    /** The negotiated dialect, or empty before Tversion. */
    public Optional<Dialect> dialect() {
        return Optional.ofNullable(dialect);
    }

    /** The negotiated msize (before Tversion, the largest frame accepted until then). */
    public int msize() {
        return msize;
    }

    /** Requests (Tflush included) that have not finished: in flight or writing their reply. */
    public int pendingRequests() {
        return inFlight.pending();
    }

    /** Fids the client holds. */
    public int fidCount() {
        return fids.size();
    }

    /** The counters of the connection's buffer pool (all zero before Tversion). */
    public PoolStats poolStats() {
        BufferPool p = pool;
        return p == null ? new BufferPool(P9.MIN_MSIZE, P9.MIN_MSIZE, false).stats() : p.stats();
    }

    /**
     * The connection's counters: requests, flushes, errors, bytes, what is in flight, the pool
     * (see {@link io.ninep.transport.metrics.MetricsSnapshot} for what each number means). Per
     * request the engine also records a {@code io.ninep.server.Request} Flight Recorder event
     * while a recording enables it.
     */
    public NinepMetrics metrics() {
        return () -> {
            BufferPool p = pool;
            return inFlight.metrics(!isClosed(), msize, p == null ? null : p.stats());
        };
    }

    /** Waits until no request is pending; false on timeout. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return inFlight.awaitIdle(timeout);
    }

    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** Waits until the connection has closed and released everything; false on timeout. */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Why it closed ("the client closed the connection", "protocol violation: ..."), or null while open. */
    public String closeReason() {
        return closeReason;
    }

    /** Closes the connection: the reader stops, running requests are interrupted and their replies dropped. */
    public void close() {
        try {
            transport.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> name + ": closing: " + e);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    // ---- used by requests and the dispatcher -------------------------------------------------

    Dispatcher dispatcher() {
        return dispatcher;
    }

    InFlight inFlight() {
        return inFlight;
    }

    Dialect negotiatedDialect() {
        return dialect;
    }

    /** A pooled buffer if one is free without waiting, else null (the caller uses the heap). */
    PooledBuffer tryAcquire(int size) {
        BufferPool p = pool;
        return p == null ? null : p.tryAcquire(size);
    }

    // ---- the reader ---------------------------------------------------------------------------

    @Override
    public void run() {
        String reason;
        LOG.log(System.Logger.Level.INFO, () -> name + ": connection opened (" + transport.kind() + ")");
        try {
            reason = readLoop();
        } catch (ProtocolException e) {
            reason = "protocol violation: " + e.getMessage();
        } catch (EOFException e) {
            reason = "truncated frame: " + e.getMessage();
        } catch (ClosedChannelException e) {
            reason = transport.isOpen() ? "channel closed" : "closed by the server";
        } catch (IOException e) {
            reason = transport.isOpen() ? "I/O error: " + e.getMessage() : "closed by the server";
        } catch (InterruptedException e) {
            reason = "interrupted";
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, name + ": internal error in the reader", e);
            reason = "internal error: " + e;
        }
        shutdown(reason);
    }

    private String readLoop() throws IOException, InterruptedException {
        long busyPoll = config.busyPoll().toNanos();
        while (true) {
            if (busyPoll > 0 && inFlight.pending() == 0 && !reader.hasBufferedBytes()) {
                // Only with nothing in flight: then no request's thread needs this carrier, and the
                // client is waiting for nothing but its reply before it sends again.
                transport.pollReadable(busyPoll);
            }
            if (!reader.readHeader(header)) {
                return "the client closed the connection";
            }
            MessageType type = MessageType.byCode(header.type());
            if (type == null) {
                throw new ProtocolException(null, "type", MessageType.describe(header.type()) + " is not a 9P message");
            }
            if (!type.isRequest()) {
                throw new ProtocolException(type.displayName(), "type", "a client sent a reply (" + type
                        + " tag " + header.tag() + "); a server accepts only requests");
            }
            ServerRequestEvent event = observer.received(type, header.tag(), header.size());
            ByteBuffer readSoFar = null;
            if (type == MessageType.TWRITE && mayReceiveDirectly()) {
                readSoFar = writeFields();
                if (fids.receivesDirectly(readSoFar.getInt(0), transport.receivesIntoFiles())) {
                    receiveWrite(readSoFar, event);
                    continue;
                }
            }
            PooledBuffer lease = acquireFrame(header.size(), type);
            Frame frame;
            try {
                ByteBuffer b = lease == null
                        ? ByteBuffer.allocate(header.size()).order(ByteOrder.LITTLE_ENDIAN)
                        : lease.buffer();
                b.putInt(header.size()).put((byte) header.type()).putShort((short) header.tag());
                int bodyRead = 0;
                if (readSoFar != null) {
                    b.put(readSoFar);
                    bodyRead = WRITE_FIELDS;
                }
                reader.readBody(b, header.bodySize() - bodyRead);
                b.flip();
                frame = decoder.decode(b);
            } catch (IOException | RuntimeException e) {
                if (lease != null) {
                    lease.release();
                }
                throw e;
            }
            trace("<-", frame);
            TMessage message = (TMessage) frame.body();
            switch (message) {
                case Tversion v -> {
                    release(lease);
                    version(frame.tag(), v, event);
                }
                case Tflush f -> {
                    release(lease);
                    if (dialect == null) {
                        throw new ProtocolException("Tflush", null, "before Tversion");
                    }
                    inFlight.flush(frame.tag(), f, event);
                }
                default -> {
                    if (dialect == null) {
                        release(lease);
                        throw new ProtocolException(message.type().displayName(), null,
                                "sent before a successful Tversion (version(5): Tversion comes first)");
                    }
                    if (runsOnReader(message)) {
                        runOnReader(new Request(this, frame.tag(), message, lease, null, Request.State.RUNNING), event);
                    } else {
                        start(frame.tag(), message, lease, event);
                    }
                }
            }
        }
    }

    /**
     * A Tread or Twrite of a file whose reads and writes wait for nothing but memory runs on the
     * reader: a large read's reply goes out from the file's pages or mapping at once, a small one
     * or a write is a copy, and a thread of its own would cost more than the request (over
     * loopback TCP with four in flight, 64 KiB reads moved 2 200 to 2 500 MiB/s on threads of
     * their own, 3 000 to 3 200 on the reader; 8 KiB and 16 KiB reads and writes went from 0.66 to
     * 0.82 of diod to 0.97 to 1.09; docs/server.md).
     */
    private boolean runsOnReader(TMessage message) {
        return switch (message) {
            case Tread read -> fids.transfersWithoutWaiting(read.fid());
            case Twrite write -> fids.transfersWithoutWaiting(write.fid());
            default -> false;
        };
    }

    /**
     * Whether the Twrite whose header was just read is large enough to be worth writing from the
     * connection straight into its file (one copy, with splice or into the file's buffers, instead
     * of two), and may be: no trace wants to show the payload. Whether its file can is asked next.
     */
    private boolean mayReceiveDirectly() {
        return dialect != null && header.size() - Twrite.HEADER_SIZE >= RECEIVE_INTO_FILE_MIN && config.trace() == null;
    }

    /** Reads a Twrite's fid, offset and count (in a buffer ready to be read), and checks the count against the frame's size. */
    private ByteBuffer writeFields() throws IOException {
        writeFields.clear();
        reader.readBody(writeFields, WRITE_FIELDS);
        writeFields.flip();
        long count = Integer.toUnsignedLong(writeFields.getInt(12));
        if (count != header.size() - Twrite.HEADER_SIZE) {
            throw new ProtocolException("Twrite", "count", "count " + count + " does not match the "
                    + (header.size() - Twrite.HEADER_SIZE) + " bytes of data in a frame of " + header.size());
        }
        return writeFields;
    }

    /**
     * A large Twrite on a file that takes its payload from the connection. The reader runs the
     * request itself: nothing else of the connection can be read until the payload has left the
     * stream, so a thread of its own would only be waited for (docs/server.md has the figures).
     */
    private void receiveWrite(ByteBuffer fields, ServerRequestEvent event) throws IOException, InterruptedException {
        int fid = fields.getInt(0);
        long offset = fields.getLong(4);
        IncomingWrite payload = new IncomingWrite(reader, header.size() - Twrite.HEADER_SIZE);
        Request r = new Request(this, header.tag(), new Twrite(fid, offset, NO_DATA), null, payload, Request.State.RUNNING);
        runOnReader(r, event);
        payload.afterRequest();
    }

    /**
     * Runs {@code r} on this thread, the reader, if admitted. No Tflush can name it meanwhile,
     * since none is read; the request is in the tag table as any other.
     */
    private void runOnReader(Request r, ServerRequestEvent event) throws InterruptedException {
        if (admitted(r, Thread.currentThread(), event)) {
            r.run();
        }
    }

    /** The frame's buffer: a flush reserve for Tflush, else a pooled one if free, else null (heap). */
    private PooledBuffer acquireFrame(int size, MessageType type) throws InterruptedException {
        BufferPool p = pool;
        if (p == null) {
            return null;
        }
        if (type == MessageType.TFLUSH && size <= BufferPool.SMALL) {
            return p.acquireReserve(size);
        }
        return p.tryAcquire(size);
    }

    private static void release(PooledBuffer lease) {
        if (lease != null) {
            lease.release();
        }
    }

    /** Puts a request in the tag table and starts its thread, or refuses it with an error reply. */
    private void start(int tag, TMessage message, PooledBuffer lease, ServerRequestEvent event)
            throws InterruptedException {
        Request r = new Request(this, tag, message, lease, null, Request.State.RUNNING);
        if (admitted(r, threads.unstarted(r), event)) {
            r.thread.start();
        }
    }

    /**
     * Puts a request that will run on {@code thread} in the tag table, or refuses it with an
     * error reply (and false).
     */
    private boolean admitted(Request r, Thread thread, ServerRequestEvent event) throws InterruptedException {
        // A client that stops reading its replies stops being read: they cannot pile up without end.
        replies.awaitBelow(config.maxRequests());
        r.thread = thread;
        r.event = event;
        RequestError refusal = inFlight.admit(r);
        if (refusal != null) {
            r.releaseFrame();
            LOG.log(System.Logger.Level.INFO, () -> name + ": refused " + r.message.type() + " tag " + r.tag + ": "
                    + refusal.getMessage());
            inFlight.reply(r.tag, errorReply(refusal), event);
            return false;
        }
        return true;
    }

    /**
     * Tversion: resets the connection (outstanding requests are aborted without replies, every
     * fid is clunked), then negotiates. version(5): msize is the least of the client's, the
     * server's ceiling and the transport's limit; a version string we do not speak is answered
     * "unknown"; below 4096 bytes nothing useful fits, so that is refused with an error.
     */
    private void version(int tag, Tversion v, ServerRequestEvent event) throws InterruptedException {
        inFlight.abandonAll("Tversion", false);
        fids.clunkAll();
        long asked = Integer.toUnsignedLong(v.msize());
        long ceiling = Math.min(config.maxMsize(), transport.maxMessageSize());
        int offered = (int) Math.min(asked, ceiling);
        Optional<Dialect> wanted = Dialect.fromVersionString(v.version());
        dialect = null;
        if (wanted.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, () -> name + ": Tversion '" + v.version() + "' is no dialect we speak; answered unknown");
            observer.version(v, ceiling, "unknown", offered, "no dialect we speak");
            inFlight.reply(tag, new Rversion(offered, "unknown"), event);
            return;
        }
        Dialect d = wanted.get();
        if (asked < P9.MIN_MSIZE || offered < P9.MIN_MSIZE) {
            String why = asked < P9.MIN_MSIZE
                    ? "msize " + asked + " is below the minimum of " + P9.MIN_MSIZE + " bytes"
                    : "this transport carries at most " + ceiling + " bytes, below the minimum msize of " + P9.MIN_MSIZE;
            LOG.log(System.Logger.Level.INFO, () -> name + ": refused Tversion: " + why);
            observer.version(v, ceiling, "", 0, why);
            replies.dialect(d);
            inFlight.reply(tag, errorReply(d, new RequestError(Errno.EINVAL, why)), event);
            return;
        }
        BufferPool old = pool;
        if (old != null && old.stats().inUse() != 0) {
            LOG.log(System.Logger.Level.WARNING, () -> name + ": buffers still in use at Tversion: " + old.stats());
        }
        pool = new BufferPool(offered, poolBudget(offered), true);
        msize = offered;
        reader.msize(offered);
        decoder.renegotiated(d, offered);
        replies.dialect(d);
        dialect = d;
        String cut = asked > offered ? " (asked " + asked + ", cut to the " + (offered == config.maxMsize()
                ? "server's ceiling" : "transport's limit") + ")" : "";
        LOG.log(System.Logger.Level.INFO, () -> name + ": negotiated " + d + " msize " + offered + cut);
        observer.version(v, ceiling, d.versionString(), offered, null);
        inFlight.reply(tag, new Rversion(offered, d.versionString()), event);
    }

    /**
     * The bytes of direct buffers a connection may hold: {@link BufferPool#defaultBudget} and
     * never less than six msize buffers. A client that keeps four full-size Treads in flight
     * (ninep's default I/O window) sends the fifth as soon as it has read the first reply, which
     * can be before the write of that reply has returned and given its buffer back; with only
     * four msize buffers (the default budget at msize 4M) the fifth reply fell back to a heap
     * buffer, which costs zeroing it and a second copy through the JDK's temporary direct buffer
     * when it is written: sequential reads at 4M with four in flight were slower than with one.
     */
    static long poolBudget(int msize) {
        return Math.max(BufferPool.defaultBudget(msize), 6L * msize);
    }

    private void shutdown(String reason) {
        closeReason = reason;
        close();
        try {
            inFlight.abandonAll("closing", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fids.clunkAll();
        BufferPool p = pool;
        String leak = p != null && p.stats().inUse() != 0 ? "; buffers still lent: " + p.stats() : "";
        LOG.log(leak.isEmpty() ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                () -> name + ": connection closed: " + reason + " (" + observer.requests() + " requests)" + leak);
        observer.closed(reason, metrics().snapshot());
        server.closed(this);   // before the latch: whoever waits for the close then finds it gone
        closed.countDown();
    }

    // ---- writing ------------------------------------------------------------------------------

    /** The reply itself, or an error if it cannot be encoded or would not fit msize (nfs-ganesha crashed on such). */
    RMessage checked(RMessage message) {
        Dialect d = replies.dialect();
        int size;
        try {
            size = message.encodedSize(d);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, () -> name + ": cannot encode " + message.type() + ": " + e.getMessage());
            return errorReply(d, new RequestError(Errno.EIO, "reply cannot be encoded: " + e.getMessage()));
        }
        if (Integer.compareUnsigned(size, msize) > 0) {
            LOG.log(System.Logger.Level.WARNING, () -> name + ": " + message.type() + " of " + size
                    + " bytes would exceed msize " + msize + "; sent an error instead");
            return errorReply(d, new RequestError(Errno.EMSGSIZE, message.type() + " of " + size
                    + " bytes does not fit msize " + msize));
        }
        return message;
    }

    private void trace(String direction, Frame frame) {
        var t = config.trace();
        if (t != null) {
            t.accept(name + " " + direction + " " + FcallFormat.format(frame));
        }
    }

    // ---- errors -------------------------------------------------------------------------------

    RMessage errorReply(Throwable failure) {
        return errorReply(dialect, failure);
    }

    /**
     * The error reply of a dialect: Rlerror(errno) for 9P2000.L; Rerror(text, errno) for
     * 9P2000.u and Rerror(text) for 9P2000, where text is strerror's for a backend's error and
     * the engine's own words for its own (a limit, a misuse).
     */
    static RMessage errorReply(Dialect d, Throwable failure) {
        int errno = ErrnoMapping.errnoOf(failure);
        if (errno <= 0) {
            errno = Errno.EIO.number();
        }
        if (d == Dialect.P9P2000_L) {
            return new Rlerror(errno);
        }
        String text = failure instanceof RequestError e ? e.getMessage() : Errno.describe(errno);
        if (text.length() > P9.ERRMAX - 8) {
            text = text.substring(0, P9.ERRMAX - 8);
        }
        return new Rerror(text, d == Dialect.P9P2000_U ? errno : 0);
    }
}

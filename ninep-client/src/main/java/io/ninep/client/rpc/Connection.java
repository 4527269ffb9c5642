package io.ninep.client.rpc;

import io.ninep.client.ClientConfig;
import io.ninep.client.ConnectionClosedException;
import io.ninep.client.MsizeNegotiation;
import io.ninep.client.RemoteErrorException;
import io.ninep.client.RequestCancelledException;
import io.ninep.client.RequestCancelledException.Reason;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.NinePException;
import io.ninep.protocol.Quirk;
import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.TMessage;
import io.ninep.protocol.message.Tflush;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Treaddir;
import io.ninep.protocol.message.Tversion;
import io.ninep.transport.FrameReader;
import io.ninep.transport.FrameWriter;
import io.ninep.transport.Transport;
import io.ninep.transport.buffer.BufferPool;
import io.ninep.transport.buffer.PoolStats;
import io.ninep.transport.metrics.NinepMetrics;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The RPC engine of one 9P connection: many requests in flight, replies matched by tag in any
 * order, cancellation by Tflush as flush(5) prescribes, and every pending request failed with one
 * {@link ConnectionClosedException} when the connection is lost. The requests' states and their
 * lock live in {@link Exchanges}; the reader in {@link Receiver}.
 *
 * <h2>Threads</h2>
 * <ul>
 *   <li>Callers take a reply buffer and a tag permit (waiting if the pool's budget or the tags
 *       are spent), put the request on the send queue, and then wait for it (blocking calls) or
 *       return an {@link RpcFuture}.
 *   <li>The writer, a platform thread, takes requests off the send queue, gives each its tag in
 *       the same critical section, and writes its frame. Callers never write through the
 *       transport's channel, because interrupting a thread inside a channel operation closes the
 *       channel ({@code AbstractInterruptibleChannel}): an interrupted call must cost a Tflush,
 *       not the connection. On an idle connection (nothing else queued or awaiting a reply) a
 *       caller sends its own request with {@link Transport#sendNow}, which neither waits nor
 *       can be interrupted (send(2) on a socket), and saves a thread hand-off per round trip;
 *       what that could not send, the writer sends before anything else. Requests that come
 *       while others are in flight go through the writer, so that they leave together; but a
 *       large Tread is sent by its caller whenever the writer is idle (the pieces of a large
 *       transfer come one at a time, with nothing to leave with).
 *   <li>The reader, a platform thread, reads each reply's header, finds the request by its tag,
 *       reads the body into the request's reply buffer (a Rread's or Rreaddir's payload straight
 *       into the caller's buffer), decodes it, and settles the request. It never writes and
 *       never waits for anything but the transport; futures complete on it.
 * </ul>
 *
 * <h2>Tags</h2>
 * Tags come from {@link TagTable}'s cyclic allocator. Ordinary requests may hold at most
 * {@value #ORDINARY_TAGS} at once; the other {@value #FLUSH_TAGS} are kept for Tflush, which also
 * takes its reply buffer from the pool's reserve. So cancelling never waits for a tag or a buffer
 * held by the very requests it cancels: when every ordinary tag and the whole budget are spent by
 * requests waiting for replies, their Tflushes still go out. More cancellations at once than
 * flush tags queue and start as earlier Rflushes arrive (which depend on nothing but the server).
 * When every ordinary tag is in use, callers wait; they do not fail.
 *
 * <h2>Buffers</h2>
 * A request's reply buffer is taken from the connection's {@link BufferPool} before it gets a
 * tag, sized by the codec's {@code maxReplySize} (capped at the 64 KiB class; a legal reply
 * beyond that fails its request alone), or just large enough for an error reply when the payload
 * goes to the caller's buffer. Tgetattr, Tclunk, Twalk and their kind take a 4 KiB buffer at any
 * msize. Requests are encoded by the {@link FrameWriter} into its own staging buffer, with a
 * Twrite's payload sent from the caller's buffer (a gathering write), so no T buffer is taken.
 */
public final class Connection implements Closeable {
    /** Tags kept for Tflush: as many as the pool has reserve buffers. */
    public static final int FLUSH_TAGS = BufferPool.RESERVE_BUFFERS;
    /** Tags ordinary requests may hold at once. */
    public static final int ORDINARY_TAGS = TagTable.TAGS - FLUSH_TAGS;
    /** Tflushes sent for one request at most: a second one after a second interrupt. */
    static final int MAX_FLUSHES = 2;

    private final Transport transport;
    private final Dialect dialect;
    private final int msize;
    private final MsizeNegotiation negotiation;
    private final BufferPool pool;
    private final QuirkLog quirks;
    private final Exchanges exchanges;
    private final Thread readerThread;
    private final Thread writerThread;
    /** ClientConfig.replyTimeout in nanoseconds; 0 for none. */
    private final long replyTimeoutNanos;

    private Connection(Transport transport, FrameWriter writer, FrameReader reader, Handshake.Result settled,
                       ClientConfig config, QuirkLog quirks) {
        this.transport = transport;
        this.dialect = settled.dialect();
        this.msize = settled.negotiation().msize();
        this.negotiation = settled.negotiation();
        this.quirks = quirks;
        this.pool = new BufferPool(msize, config.poolBudgetFor(msize), config.directBuffers());
        this.replyTimeoutNanos = config.replyTimeout().toNanos();
        this.exchanges = new Exchanges(transport, writer, pool, dialect, msize,
                new ClientObserver(transport.peer(), settled.bytesOut(), settled.bytesIn()));
        Receiver receiver = new Receiver(exchanges, reader, dialect, msize, config.strictness(), quirks);
        // Platform threads: they live as long as the connection and block in the transport at
        // every request, which costs a virtual thread heap each time (a poller registration and
        // scheduler tasks, ~200 bytes per request; docs/design-notes.md). Daemons, as virtual
        // threads are: a connection nobody closed must not keep the JVM alive.
        this.readerThread = Thread.ofPlatform().daemon().name("ninep-reader " + transport.peer()).unstarted(receiver);
        this.writerThread = Thread.ofPlatform().daemon().name("ninep-writer " + transport.peer())
                .unstarted(new Sender(exchanges, writer));
    }

    /**
     * Negotiates version and msize over {@code transport} (version(5)) and starts the connection.
     * From here on the connection owns the transport: it is closed with the connection, or at
     * once if the negotiation fails. Interrupting the calling thread during the exchange closes
     * the transport.
     *
     * @throws io.ninep.protocol.ProtocolException if the server answers an msize larger than
     *     offered or below 4096, or a version that was not asked for
     * @throws RemoteErrorException if the server refuses Tversion
     */
    public static Connection open(Transport transport, ClientConfig config) throws IOException {
        QuirkLog quirks = new QuirkLog(config.quirkListener());
        try {
            FrameWriter writer = new FrameWriter(transport, config.dialect());
            FrameReader reader = new FrameReader(transport, Math.min(config.msize(), transport.maxMessageSize()));
            Handshake.Result settled = Handshake.version(transport, writer, reader, config, quirks);
            writer.dialect(settled.dialect());
            reader.msize(settled.negotiation().msize());
            Connection c = new Connection(transport, writer, reader, settled, config, quirks);
            c.readerThread.start();
            c.writerThread.start();
            return c;
        } catch (IOException | RuntimeException | Error e) {
            try {
                transport.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    public int msize() {
        return msize;
    }

    /** How the msize came about. */
    public MsizeNegotiation negotiation() {
        return negotiation;
    }

    /** The connection's buffer pool (its counters are what tests check). */
    public BufferPool pool() {
        return pool;
    }

    public PoolStats poolStats() {
        return pool.stats();
    }

    /**
     * The connection's counters: requests, flushes, errors, bytes, what is in flight, the pool
     * (see {@link io.ninep.transport.metrics.MetricsSnapshot} for what each number means). Per
     * request the engine also records a {@code io.ninep.client.Request} Flight Recorder event
     * while a recording enables it.
     */
    public NinepMetrics metrics() {
        return exchanges::metrics;
    }

    /**
     * Takes a buffer of at least {@code size} bytes from the connection's pool for the caller's
     * own use (the destination of {@link #callInto}), waiting while the budget is spent; the
     * caller releases it. Gives up when the connection closes or the thread is interrupted.
     */
    public io.ninep.transport.buffer.PooledBuffer takeBuffer(int size) throws IOException {
        return exchanges.takeBuffer(size);
    }

    /** The kinds of quirk seen so far, first occurrence of each. */
    public List<Quirk> quirks() {
        return quirks.snapshot();
    }

    /** Records a quirk the layer above decided on (a fallback for a missing operation). */
    public void noteQuirk(Quirk quirk) {
        quirks.accept(quirk);
    }

    public Transport transport() {
        return transport;
    }

    public boolean isOpen() {
        return exchanges.isOpen();
    }

    /** Requests (Tflushes included) that hold a tag permit: queued or on the wire. */
    public int pending() {
        return exchanges.pending();
    }

    /** Tags on the wire right now. */
    public int tagsInUse() {
        return exchanges.tagsInUse();
    }

    /** Callers waiting because every ordinary tag is in use. */
    public int tagWaiters() {
        return exchanges.tagWaiters();
    }

    /**
     * Replies (Rflush included) the reader has finished handling. Tests wait for this to reach a
     * count to know the client has taken in what a scripted peer sent.
     */
    public long framesReceived() {
        return exchanges.framesReceived();
    }

    /** True while the writer thread waits for work; tests wait for it before a request its caller should send. */
    boolean writerIdle() {
        return exchanges.writerIdle();
    }

    /**
     * Waits until no request is pending (every reply and Rflush has arrived, every reply buffer
     * is back in the pool), or the connection is closed.
     *
     * @return true if idle, false on timeout
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return exchanges.awaitIdle(timeout);
    }

    // ---- Blocking calls ----

    /**
     * Sends {@code request} and waits for its reply. An interrupt sends a Tflush and then waits
     * for the Rflush (flush(5)): if the reply came first it is returned (with the interrupt
     * status set again), otherwise {@link RequestCancelledException} is thrown.
     *
     * @throws RemoteErrorException if the server answered with an error
     * @throws ConnectionClosedException if the connection is or gets closed
     */
    public RMessage call(TMessage request) throws IOException {
        return call(request, replyTimeoutNanos, true);
    }

    /** As {@link #call(TMessage)}; when {@code timeout} expires the request is flushed. */
    public RMessage call(TMessage request, Duration timeout) throws IOException {
        return call(request, timeout.toNanos(), true);
    }

    /**
     * As {@link #call(TMessage)}, but interrupts neither cancel nor end the wait (the interrupt
     * status is kept for later). For requests whose cancellation would leave state ambiguous:
     * Tclunk and Tremove end the fid whatever happens, so a flushed one would leave the client
     * unsure whether its fid still exists. If the configured reply timeout passes without a
     * reply, the server is taken for dead and the connection is closed.
     */
    public RMessage callUninterruptibly(TMessage request) throws IOException {
        return call(request, replyTimeoutNanos, false);
    }

    /**
     * Sends a Tread or Treaddir and reads the reply's payload straight into {@code destination}
     * at its position, which advances by the bytes received (the zero-copy path: no pool buffer
     * larger than an error reply is taken). {@code destination} must have room for the count
     * asked for and must not be touched until this returns.
     *
     * @return the bytes received; 0 at the end of the file
     */
    public int callInto(TMessage request, ByteBuffer destination) throws IOException {
        return callInto(request, destination, null);
    }

    /** As {@link #callInto(TMessage, ByteBuffer)}; when {@code timeout} (if not null) expires the request is flushed. */
    public int callInto(TMessage request, ByteBuffer destination, Duration timeout) throws IOException {
        Request r = exchange(request, checkDestination(request, destination),
                timeout == null ? replyTimeoutNanos : timeout.toNanos(), true);
        try {
            return r.count;
        } finally {
            exchanges.recycle(r);
        }
    }

    private RMessage call(TMessage message, long timeoutNanos, boolean cancellable) throws IOException {
        Request r = exchange(message, null, timeoutNanos, cancellable);
        try {
            return r.reply;
        } finally {
            exchanges.recycle(r);
        }
    }

    /**
     * Sends and waits; returns the settled, successful request, which the caller reads and then
     * recycles. On failure the request is recycled here and the exception thrown.
     */
    private Request exchange(TMessage message, ByteBuffer destination, long timeoutNanos, boolean cancellable)
            throws IOException {
        Thread self = Thread.currentThread();
        if (self == readerThread) {
            throw new IllegalStateException("blocking 9P call on the connection's reader thread (a future's"
                    + " dependent stage?); use the *Async variants of CompletableFuture");
        }
        if (cancellable && self.isInterrupted()) {
            throw new RequestCancelledException(message.type(), Reason.INTERRUPTED, false);
        }
        Request r = begin(message, destination);
        r.waiter = self;
        boolean ok = false;
        try {
            exchanges.submit(r, cancellable ? timeoutNanos : 0, cancellable);
            await(r, timeoutNanos, cancellable);
            Throwable t = Outcomes.failureOf(r, transport.peer());   // made here: its stack shows the call
            if (t instanceof IOException io) {
                throw io;
            } else if (t != null) {
                throw new NinePException(message.type() + " failed: " + t, t);
            }
            ok = true;
            return r;
        } finally {
            if (!ok) {
                exchanges.recycle(r);
            }
        }
    }

    /**
     * Parks until the request settles. The timeout, when it expires, sends one Tflush; an
     * interrupt sends one, and a second interrupt another (flush(5) allows several for one
     * request). After a Tflush the wait goes on until the Rflush: flush(5) has the server answer
     * at once, and {@link #close()} ends the wait if it does not. A request that may not be
     * flushed whose timeout expires closes the connection: the server has stopped answering.
     */
    private void await(Request r, long timeoutNanos, boolean cancellable) {
        boolean interrupted = false;
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
        int cancels = 0;
        while (!r.settled) {
            if (deadline != 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    if (cancellable) {
                        exchanges.cancel(r, Reason.TIMED_OUT);
                        cancels++;
                    } else {
                        exchanges.failAll(new io.ninep.client.NoReplyException(transport.peer() + " sent no reply to "
                                + r.message.type() + " within " + java.time.Duration.ofNanos(timeoutNanos).toMillis()
                                + " ms; connection closed", java.time.Duration.ofNanos(timeoutNanos)));
                    }
                    deadline = 0;
                    continue;
                }
                LockSupport.parkNanos(this, left);
            } else {
                LockSupport.park(this);
            }
            if (Thread.interrupted()) {
                interrupted = true;
                if (cancellable && cancels < MAX_FLUSHES) {
                    exchanges.cancel(r, Reason.INTERRUPTED);
                    cancels++;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- Asynchronous calls ----

    /** Sends {@code request}; the future yields the reply (an error reply fails it with {@link RemoteErrorException}). */
    public RpcFuture<RMessage> send(TMessage request) {
        return send(request, ReplyHandler.REPLY);
    }

    /** Sends {@code request}; {@code handler} turns the reply into the future's value on the reader thread. */
    public <T> RpcFuture<T> send(TMessage request, ReplyHandler<T> handler) {
        return sendInto(request, null, handler);
    }

    /**
     * The asynchronous {@link #callInto}: the payload of the Rread or Rreaddir goes straight into
     * {@code destination}, which belongs to the request until the future is done (or cancelled).
     * The request is queued at once if a tag and a buffer are free; otherwise a virtual thread
     * waits for them, and cancelling the future before it is sent sends nothing.
     */
    public <T> RpcFuture<T> sendInto(TMessage request, ByteBuffer destination, ReplyHandler<T> handler) {
        ByteBuffer dst = destination == null ? null : checkDestination(request, destination);
        Request r;
        try {
            r = begin(request, dst);
        } catch (IOException e) {
            RpcFuture<T> failed = new RpcFuture<>(exchanges, new Request(false), handler);
            failed.settleExceptionally(e);
            Outcomes.failed(failed, request);
            return failed;
        }
        RpcFuture<T> future = new RpcFuture<>(exchanges, r, handler);
        r.future = future;
        if (Thread.currentThread() != readerThread && exchanges.trySubmitNow(r)) {
            return future;
        }
        // No tag or buffer to be had at once (or we are on the reader thread, which must never
        // wait): a virtual thread waits for them.
        Thread sender = Thread.ofVirtual().name("ninep-send").unstarted(() -> submitLater(r));
        exchanges.senderIs(r, sender);
        sender.start();
        return future;
    }

    private void submitLater(Request r) {
        try {
            exchanges.submit(r, 0, true);
        } catch (IOException | RuntimeException e) {
            exchanges.settleUnsent(r, e);
        }
    }

    // ---- Checks ----

    private ByteBuffer checkDestination(TMessage request, ByteBuffer destination) {
        int count = switch (request) {
            case Tread t -> t.count();
            case Treaddir t -> t.count();
            default -> throw new IllegalArgumentException(request.type() + " has no payload to receive");
        };
        if (Integer.compareUnsigned(destination.remaining(), count) < 0) {
            throw new IllegalArgumentException("destination has room for " + destination.remaining()
                    + " bytes; " + request.type() + " asks for " + Integer.toUnsignedString(count));
        }
        if (destination.isReadOnly()) {
            throw new IllegalArgumentException("destination buffer is read-only");
        }
        return destination;
    }

    /** Checks the message and takes a request object for it. */
    private Request begin(TMessage message, ByteBuffer destination) throws IOException {
        MessageType type = message.type();
        if (message instanceof Tversion || message instanceof Tflush) {
            throw new IllegalArgumentException(type + " belongs to the engine; it is not sent by callers");
        }
        if (!type.allowedIn(dialect)) {
            throw new UnsupportedOperationException(type + " is not part of " + dialect);
        }
        int size = message.encodedSize(dialect);   // throws for strings too long for the wire
        if (size > msize) {
            throw new IllegalArgumentException(type + " of " + size + " bytes exceeds msize " + msize);
        }
        int asked = switch (message) {
            case Tread t -> t.count();
            case Treaddir t -> t.count();
            default -> 0;
        };
        if (destination == null && (message instanceof Tread || message instanceof Treaddir)) {
            // A message-level call of Tread/Treaddir: receive into a buffer of our own, so that no
            // view of a pooled buffer ever escapes. The fast paths pass the caller's buffer.
            ByteBuffer own = ByteBuffer.allocate((int) Math.min(Integer.toUnsignedLong(asked), msize - Rread.HEADER_SIZE));
            return exchanges.obtain(message, size, own, true, asked);
        }
        return exchanges.obtain(message, size, destination, false, asked);
    }

    // ---- Closing ----

    /**
     * Closes the connection. Pending requests fail with {@link ConnectionClosedException}; the
     * reader and writer threads end (this waits a few seconds for them).
     */
    @Override
    public void close() throws IOException {
        exchanges.failAll(new ConnectionClosedException("closed by the client"));
        boolean interrupted = false;
        for (Thread t : new Thread[] {writerThread, readerThread}) {
            if (t == Thread.currentThread()) {
                continue;
            }
            try {
                if (!t.join(Duration.ofSeconds(5))) {
                    System.getLogger("io.ninep.client").log(System.Logger.Level.WARNING,
                            "{0} did not end within 5 s", t.getName());
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "9P connection to " + transport.peer() + " (" + dialect + ", msize " + msize + ")";
    }
}

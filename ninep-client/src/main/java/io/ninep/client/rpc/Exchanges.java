package io.ninep.client.rpc;

import io.ninep.client.ConnectionClosedException;
import io.ninep.client.RequestCancelledException;
import io.ninep.client.RequestCancelledException.Reason;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.TMessage;
import io.ninep.protocol.message.Tflush;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Twrite;
import io.ninep.transport.FrameWriter;
import io.ninep.transport.Transport;
import io.ninep.transport.buffer.BufferPool;
import io.ninep.transport.buffer.PooledBuffer;
import io.ninep.transport.metrics.MetricsSnapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The requests of one connection and every move they make through {@link State}: taking a reply
 * buffer and a tag permit, queueing, getting a tag as the writer takes them, cancelling and
 * flushing, receiving, settling, failing.
 *
 * <h2>Lock</h2>
 * {@code lock} guards the tag table, the permit counts, the send queue, the pending flushes, the
 * spare requests, the {@code receiving} marker, the parked writer, {@code closeCause}, and the
 * mutable fields of every {@link Request}. It is never held during I/O, and waits on its
 * conditions (and the writer's park) release it.
 * Buffers go back to the pool while it is held (the pool's lock is a leaf: it is taken inside
 * this one, never the other way round), so that a request's state, tag, permit and buffers
 * change together and {@link #awaitIdle} sees them all back. Blocking acquires from the pool
 * happen without it. The {@link FrameWriter}'s lock is taken by the writer thread ({@link Sender})
 * and by a caller sending its own request ({@link #sendNow}), each after it has let go of this
 * one: no thread holds both. The
 * {@link ClientObserver}'s counters are guarded by this lock too: it is called at the state
 * transitions, where the lock is held anyway.
 *
 * <h2>Who releases what</h2>
 * A reply buffer is released exactly once: at REPLIED (not flushing) or FLUSHED by the reader
 * thread, at FAILED by {@link #failAll} (or by the reader, if it was filling that buffer), and
 * for a request that never got a tag by whoever ended it. A Tflush's reserve buffer and flush
 * permit go when an Rflush answers it or a later Tflush for the same request.
 */
final class Exchanges {
    private static final System.Logger LOG = System.getLogger("io.ninep.client");
    private static final int SPARE_REQUESTS = 256;
    /**
     * A Tread asking for this many bytes or more, or a Twrite carrying as many, is sent by its
     * caller whenever the writer is idle.
     */
    static final int LARGE_PAYLOAD = 16 * 1024;
    private static final long POOL_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Transport transport;
    private final FrameWriter frames;
    private final BufferPool pool;
    private final ClientObserver observer;
    private final Dialect dialect;
    private final int msize;
    private final int errorReplySize;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition receiverDone = lock.newCondition();
    // Guarded by lock:
    private final TagTable tags = new TagTable();
    private final SendQueue queue = new SendQueue();
    private final ArrayDeque<Request> pendingFlushes = new ArrayDeque<>();
    private final ArrayDeque<Request> spare = new ArrayDeque<>();
    private final Permits permits = new Permits(lock);
    private int receiverWaiters;
    private Request receiving;
    /**
     * The writer thread while it is parked waiting for the queue, else null. It parks rather
     * than awaiting a Condition because each await allocates a node, once per request when
     * requests come one at a time.
     */
    private Thread idleWriter;
    /**
     * The last request submitted found nothing else queued or on the wire: the connection runs one
     * request at a time. True at first.
     */
    private boolean lastSubmitAlone = true;
    /** The writer thread is writing what {@link #nextBatch} gave it. */
    private boolean writerBusy;
    /** A caller is sending its own request ({@link #sendNow}): the writer thread waits for it. */
    private boolean callerSending;
    /** The frame writer holds the unsent rest of a caller's request: the writer thread sends it first. */
    private boolean restPending;
    private Throwable closeCause;
    /** Frames the reader has finished with; written by the reader thread only. */
    private volatile long framesReceived;

    Exchanges(Transport transport, FrameWriter frames, BufferPool pool, Dialect dialect, int msize,
              ClientObserver observer) {
        this.transport = transport;
        this.frames = frames;
        this.pool = pool;
        this.observer = observer;
        this.dialect = dialect;
        this.msize = msize;
        this.errorReplySize = TMessage.errorReplySize(dialect);
    }

    // ---- State for callers and tests ----

    boolean isOpen() {
        lock.lock();
        try {
            return closeCause == null;
        } finally {
            lock.unlock();
        }
    }

    int pending() {
        lock.lock();
        try {
            return permits.held();
        } finally {
            lock.unlock();
        }
    }

    int tagsInUse() {
        lock.lock();
        try {
            return tags.size();
        } finally {
            lock.unlock();
        }
    }

    int tagWaiters() {
        lock.lock();
        try {
            return permits.waiters();
        } finally {
            lock.unlock();
        }
    }

    long framesReceived() {
        return framesReceived;
    }

    /** The writer thread is parked waiting for work (for tests: the next lone request may go by its caller). */
    boolean writerIdle() {
        lock.lock();
        try {
            return idleWriter != null && !writerBusy;
        } finally {
            lock.unlock();
        }
    }

    @SuppressWarnings("NonAtomicOperationOnVolatileField")   // one writer: the reader thread
    void frameHandled() {
        framesReceived = framesReceived + 1;
    }

    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (permits.held() > 0 && closeCause == null) {
                if (left <= 0) {
                    return false;
                }
                left = permits.awaitIdle(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    String peer() {
        return transport.peer();
    }

    MetricsSnapshot metrics() {
        lock.lock();
        try {
            return observer.snapshot(permits.held(), msize, pool.stats());
        } finally {
            lock.unlock();
        }
    }

    // ---- Making and sending ----

    /** A request object for {@code message} (a spare one if any); the connection must be open. */
    Request obtain(TMessage message, int size, ByteBuffer destination, boolean ownsDestination, int asked)
            throws ConnectionClosedException {
        Request r;
        lock.lock();
        try {
            checkOpen();
            r = spare.poll();
        } finally {
            lock.unlock();
        }
        if (r == null) {
            r = new Request(false);
        }
        r.message = message;
        r.size = size;
        r.destination = destination;
        r.ownsDestination = ownsDestination;
        r.asked = asked;
        return r;
    }

    /** The reply buffer a request needs: maxReplySize (at most 64 KiB), or an error reply's size for zero-copy. */
    int replySize(Request r) {
        if (r.destination != null) {
            return errorReplySize;
        }
        return Math.min(r.message.maxReplySize(dialect, msize), BufferPool.MEDIUM);
    }

    /**
     * A pool buffer for the caller's own use (a directory listing's payload), waiting while the
     * budget is spent, but not past the connection's end or an interrupt.
     */
    PooledBuffer takeBuffer(int size) throws IOException {
        PooledBuffer b = pool.tryAcquire(size);
        while (b == null) {
            lock.lock();
            try {
                checkOpen();
            } finally {
                lock.unlock();
            }
            try {
                b = pool.acquire(size, POOL_POLL_NANOS, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted waiting for a " + size + "-byte buffer");
            }
        }
        return b;
    }

    /** Queues the request if a buffer and a permit can be had without waiting. */
    boolean trySubmitNow(Request r) {
        PooledBuffer b = pool.tryAcquire(replySize(r));
        if (b == null) {
            return false;
        }
        r.replyBuffer = b;
        Thread writer = null;
        boolean now;
        int tag = 0;
        TMessage message = r.message;
        lock.lock();
        try {
            if (closeCause != null || r.state != State.NEW || !permits.ordinaryFree()) {
                return false;   // the slow path sorts it out, with the buffer already taken
            }
            permits.take(r);
            now = takeToSendNow(r);
            if (now) {
                tag = r.tag;
            } else {
                writer = enqueue(r);
            }
        } finally {
            lock.unlock();
        }
        if (now) {
            sendNow(tag, message);   // r may be settled and reused once its frame is out
        } else {
            wake(writer);
        }
        return true;
    }

    /** Remembers the virtual thread submitting an asynchronous request, for {@link #cancelFuture}. */
    void senderIs(Request r, Thread sender) {
        lock.lock();
        try {
            r.sender = sender;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes a reply buffer and a tag permit, waiting as needed (all ordinary tags in use: the
     * caller waits, it does not fail), and queues the request for the writer. On an exception
     * the request holds nothing and is CANCELLED or FAILED.
     *
     * @param cancellable whether an interrupt cancels the request (else it is remembered)
     */
    void submit(Request r, long timeoutNanos, boolean cancellable) throws IOException {
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
        boolean interrupted = false;
        try {
            if (r.replyBuffer == null) {
                int size = replySize(r);
                PooledBuffer b = pool.tryAcquire(size);
                while (b == null) {
                    checkUnsent(r);
                    long wait = POOL_POLL_NANOS;   // wake now and then to notice a closed connection
                    if (deadline != 0) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            throw cancelUnsent(r, Reason.TIMED_OUT);
                        }
                        wait = Math.min(wait, left);
                    }
                    try {
                        b = pool.acquire(size, wait, TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        onInterrupt(r, cancellable);
                        interrupted = true;
                    }
                }
                r.replyBuffer = b;
            }
            Thread writer = null;
            boolean now;
            int tag = 0;
            TMessage message = r.message;
            lock.lock();
            try {
                while (true) {
                    checkUnsent(r);
                    if (permits.ordinaryFree()) {
                        permits.take(r);
                        now = takeToSendNow(r);
                        if (now) {
                            tag = r.tag;
                        } else {
                            writer = enqueue(r);
                        }
                        break;
                    }
                    long left = deadline == 0 ? 0 : deadline - System.nanoTime();
                    if (deadline != 0 && left <= 0) {
                        throw cancelUnsent(r, Reason.TIMED_OUT);
                    }
                    try {
                        permits.awaitFreed(left);
                    } catch (InterruptedException e) {
                        onInterrupt(r, cancellable);
                        interrupted = true;
                    }
                }
            } finally {
                lock.unlock();
            }
            if (now) {
                sendNow(tag, message);
            } else {
                wake(writer);
            }
        } catch (IOException | RuntimeException e) {
            releaseUnsent(r);
            throw e;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * An interrupt while an unsent request waits for a buffer or a tag. The sender thread of an
     * asynchronous call is interrupted only by {@link #cancelFuture}; a blocking caller's
     * interrupt cancels its call unless it is uninterruptible (then it is remembered).
     */
    private void onInterrupt(Request r, boolean cancellable) throws RequestCancelledException {
        if (r.future != null) {
            throw cancelUnsent(r, Reason.CANCELLED);
        }
        if (cancellable) {
            Thread.currentThread().interrupt();
            throw cancelUnsent(r, Reason.INTERRUPTED);
        }
    }

    private void checkUnsent(Request r) throws IOException {
        lock.lock();
        try {
            if (r.state == State.CANCELLED) {
                throw new RequestCancelledException(r.message.type(), r.cancelReason, false);
            }
            checkOpen();
        } finally {
            lock.unlock();
        }
    }

    private RequestCancelledException cancelUnsent(Request r, Reason reason) {
        lock.lock();
        try {
            if (r.state == State.NEW) {
                r.transition(State.NEW, State.CANCELLED);
                r.cancelReason = reason;
            }
            return new RequestCancelledException(r.message.type(), r.cancelReason == null ? reason : r.cancelReason,
                    false);
        } finally {
            lock.unlock();
        }
    }

    /** Gives back what an unsent request took, and ends it. */
    private void releaseUnsent(Request r) {
        lock.lock();
        try {
            if (r.queued) {
                return;   // queued after all: it is the writer's now
            }
            if (r.state == State.NEW) {
                if (closeCause != null) {
                    r.transition(State.NEW, State.FAILED);
                    r.failure = closeCause;
                } else {
                    r.transition(State.NEW, State.CANCELLED);
                    r.cancelReason = Reason.CANCELLED;
                }
            }
            permits.release(r);
            releaseBuffer(r);
        } finally {
            lock.unlock();
        }
    }

    /** An asynchronous request that never got sent: complete its future and reuse it. */
    void settleUnsent(Request r, Exception e) {
        RpcFuture<?> f = r.future;
        TMessage message = r.message;
        recycle(r);
        if (f != null) {
            f.settleExceptionally(e);
            Outcomes.failed(f, message);
        }
    }

    private void releaseBuffer(Request r) {
        assert lock.isHeldByCurrentThread();
        PooledBuffer b = r.replyBuffer;
        if (b != null) {
            r.replyBuffer = null;
            b.release();
        }
    }

    /**
     * Queues {@code r} for the writer; returns the writer thread if it is parked, for the caller
     * to {@link #wake} once it has let go of the lock: woken while the lock is still held, the
     * writer would only block on the lock, and queueing for a lock allocates.
     */
    private Thread enqueue(Request r) {
        assert lock.isHeldByCurrentThread();
        queue.addLast(r);
        return idleWriter;
    }

    /**
     * A Tread of {@link #LARGE_PAYLOAD} bytes or more, or a Twrite of as many. The pieces of a
     * large transfer's window ({@code Fid.readAll}, {@code writeAll}) are sent one at a time, each
     * as the one before comes back, so none has company to leave with; and its payload costs far
     * more than the send system call that batching would save. Measured at 64 KiB, four in
     * flight, over loopback TCP: reads through the writer thread cost the client about 25 us of
     * CPU per request, sent by their callers about 22; writes 22-25 us through the writer, 18.5-20
     * sent by their callers (head and data in one gathering send).
     */
    static boolean movesLargePayload(TMessage m) {
        return switch (m) {
            case Tread t -> Integer.compareUnsigned(t.count(), LARGE_PAYLOAD) >= 0;
            case Twrite w -> w.data().remaining() >= LARGE_PAYLOAD;
            default -> false;
        };
    }

    /**
     * For a request that has just taken its permit: whether its caller sends it itself, now,
     * instead of waking the writer thread, which costs a thread hand-off on every round trip.
     * Small requests only while the connection runs one request at a time: nothing else queued
     * or awaiting a reply, now and at the request before (the first request of a burst finds the
     * connection idle too, and the others that come right after it should leave with it, in one
     * write); a large read or write ({@link #movesLargePayload}) also while others await their replies.
     * Either way only with nothing queued before it, the writer not writing, and where the frame
     * writer can send without waiting or being interrupted ({@link FrameWriter#canWriteNow}). If
     * so the request has its tag and is SENT, and the writer waits until {@link #sendNow} is done.
     */
    private boolean takeToSendNow(Request r) {
        assert lock.isHeldByCurrentThread();
        boolean alone = permits.held() == 1;
        boolean aloneBefore = lastSubmitAlone;
        lastSubmitAlone = alone;
        boolean callerMaySend = alone && aloneBefore || movesLargePayload(r.message);
        if (!callerMaySend || !queue.isEmpty() || writerBusy || callerSending || restPending || closeCause != null
                || !frames.canWriteNow(r.message)) {
            return false;
        }
        markSent(r);
        callerSending = true;
        return true;
    }

    /**
     * The caller's own send of a request {@link #takeToSendNow} gave it, without the lock: what the
     * socket cannot take at once is left to the writer thread, which sends it before anything else.
     */
    private void sendNow(int tag, TMessage message) {
        boolean whole = false;
        Throwable failure = null;
        try {
            whole = frames.writeNow(tag, message);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        Thread writer;
        lock.lock();
        try {
            callerSending = false;
            restPending = !whole && failure == null;
            writer = restPending || !queue.isEmpty() ? idleWriter : null;
        } finally {
            lock.unlock();
        }
        wake(writer);
        if (failure != null) {
            failAll(failure);   // as the writer thread does: a frame that cannot be encoded ends the connection
        }
    }

    private static void wake(Thread writer) {
        if (writer != null) {
            LockSupport.unpark(writer);   // a stale wake-up is harmless: the writer checks the queue again
        }
    }

    /** Wakes the writer from under the lock, where that is rare enough not to matter (Tflush, closing). */
    private void wakeWriter() {
        assert lock.isHeldByCurrentThread();
        wake(idleWriter);
    }

    /**
     * For the writer thread ({@link Sender}): waits until something is queued (and no caller is
     * sending its own request), then takes up to {@code batch.length} requests off the queue and
     * gives each its tag, so that requests that piled up while it was writing go out with one
     * gathering write. The rest of a caller's frame, if the frame writer holds one, goes first.
     *
     * @return how many requests were taken; 0 if there is only the rest of a caller's frame to
     *     send ({@link FrameWriter#writeRest}); -1 once the connection is closed
     */
    int nextBatch(int[] batchTags, TMessage[] batch) {
        lock.lock();
        try {
            writerBusy = false;
            while ((callerSending || queue.isEmpty() && !restPending) && closeCause == null) {
                idleWriter = Thread.currentThread();
                lock.unlock();
                try {
                    LockSupport.park(this);   // interrupts and spurious wake-ups: the loop checks again
                } finally {
                    lock.lock();
                    idleWriter = null;
                }
            }
            if (closeCause != null) {
                return -1;
            }
            restPending = false;   // the frame writer sends it before anything else
            writerBusy = true;
            int n = 0;
            for (Request r = queue.poll(); r != null; r = n < batch.length ? queue.poll() : null) {
                batchTags[n] = markSent(r);
                batch[n++] = r.message;
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Gives a request its tag as it leaves for the wire, in the critical section that decides it
     * goes, for the one thread that will write it: no frame can overtake it, and a request
     * cancelled while queued never had one.
     */
    private int markSent(Request r) {
        assert lock.isHeldByCurrentThread();
        int tag = tags.allocate(r);
        r.tag = tag;
        r.transition(State.NEW, State.SENT);
        observer.sent(r);
        return tag;
    }

    // ---- Cancelling ----

    /** A blocking caller's timeout or interrupt. */
    void cancel(Request r, Reason reason) {
        lock.lock();
        try {
            switch (r.state) {
                case NEW -> {
                    if (r.queued) {   // still waiting for the writer: drop it, nothing is sent
                        queue.remove(r);
                        r.transition(State.NEW, State.CANCELLED);
                        r.cancelReason = reason;
                        permits.release(r);
                        releaseBuffer(r);
                        r.settled = true;
                    }
                }
                case SENT, FLUSHING -> requestFlush(r, reason);
                default -> { }   // the reply is in, or the request ended: too late to cancel
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@link RpcFuture#cancel}: the future is cancelled already; now the request. */
    void cancelFuture(Request r, int generation) {
        Request finished = null;
        Thread sender = null;
        lock.lock();
        try {
            if (r.generation != generation) {
                return;   // settled and reused since
            }
            switch (r.state) {
                case NEW -> {
                    r.transition(State.NEW, State.CANCELLED);
                    r.cancelReason = Reason.CANCELLED;
                    if (r.queued) {
                        queue.remove(r);
                        permits.release(r);
                        releaseBuffer(r);
                        finished = r;
                    } else {
                        sender = r.sender;   // it holds what it took; it gives it back when woken
                    }
                }
                case SENT, FLUSHING -> {
                    if (r.destination != null && !r.discardPayload) {
                        // The caller may reuse its buffer once cancel() returns: let the reader
                        // finish a payload it is copying, and make it skip any later one.
                        receiverWaiters++;
                        try {
                            while (receiving == r) {
                                receiverDone.awaitUninterruptibly();
                            }
                        } finally {
                            receiverWaiters--;
                        }
                        r.discardPayload = true;
                    }
                    if (r.generation == generation && (r.state == State.SENT || r.state == State.FLUSHING)) {
                        requestFlush(r, Reason.CANCELLED);
                    }
                }
                default -> { }
            }
        } finally {
            lock.unlock();
        }
        if (finished != null) {
            deliver(finished);
        }
        if (sender != null) {
            sender.interrupt();   // a virtual thread of ours that never does channel I/O
        }
    }

    /** Queues a Tflush for a request on the wire, or queues the wish if flush tags are all busy. */
    private void requestFlush(Request r, Reason reason) {
        assert lock.isHeldByCurrentThread();
        if (r.cancelReason == null) {
            r.cancelReason = reason;
        }
        if (r.state == State.SENT) {
            if (!r.flushWanted && !startFlush(r)) {
                r.flushWanted = true;
                pendingFlushes.add(r);
            }
        } else if (r.state == State.FLUSHING && r.flushCount < Connection.MAX_FLUSHES) {
            // flush(5): "It is possible for a client to send multiple Tflush messages for a
            // particular pending request. Each subsequent Tflush must contain as oldtag the tag
            // of the pending request (not a previous Tflush)."
            startFlush(r);
        }
    }

    /**
     * Queues a Tflush for {@code r} if a flush tag and a reserve buffer are free now: the ones
     * no ordinary request can hold, so this never waits for the requests being cancelled.
     */
    private boolean startFlush(Request r) {
        assert lock.isHeldByCurrentThread();
        if (!permits.flushFree()) {
            return false;
        }
        Tflush tflush = new Tflush(r.tag);
        PooledBuffer reserve = pool.tryAcquireReserve(tflush.maxReplySize(dialect, msize));
        if (reserve == null) {
            return false;
        }
        Request f = new Request(true);
        permits.take(f);
        f.message = tflush;
        f.size = tflush.encodedSize(dialect);
        f.replyBuffer = reserve;
        f.target = r;
        f.targetGeneration = r.generation;
        f.previousFlush = r.lastFlush;
        r.lastFlush = f;
        if (r.state == State.SENT) {
            r.transition(State.SENT, State.FLUSHING);
        }
        r.flushSent = true;
        r.flushCount++;
        queue.addFlush(f);   // ahead of ordinary requests: its target is on the wire already
        wakeWriter();
        return true;
    }

    /** Starts the flushes that waited for a flush tag, as far as tags and reserve buffers allow. */
    private void startPendingFlushes() {
        assert lock.isHeldByCurrentThread();
        while (!pendingFlushes.isEmpty()) {
            Request r = pendingFlushes.peek();
            if (r.state == State.SENT && !startFlush(r)) {
                return;
            }
            pendingFlushes.poll();
            r.flushWanted = false;
        }
    }

    // ---- Receiving (the reader thread) ----

    /** Finds the request a reply belongs to and marks it as being received. */
    Request beginReceive(int tag, int type, int size) throws ProtocolException {
        lock.lock();
        try {
            Request r = tags.get(tag);
            if (r == null) {
                // Linux does the same (trans_fd: "Unexpected packet tag"): a reply nobody asked
                // for means the peer and the client disagree about what is in flight, and a later
                // reply might then be taken for another request's. Close.
                throw new ProtocolException(MessageType.describe(type), "tag",
                        tag + " belongs to no request in flight (" + tags.size() + " tags in use)");
            }
            if (r.state == State.REPLIED) {
                throw new ProtocolException(MessageType.describe(type), "tag",
                        "a second reply for tag " + tag + " (" + r.message.type() + ")");
            }
            receiving = r;
            observer.receiving(r, size);
            return r;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the reader should drop the payload of {@code r} (its future was cancelled). */
    boolean discardPayload(Request r) {
        lock.lock();
        try {
            return r.discardPayload;
        } finally {
            lock.unlock();
        }
    }

    /** The reader could not finish receiving {@code r}; the connection is failing. */
    void abortReceive(Request r) {
        boolean finish = false;
        lock.lock();
        try {
            if (receiving == r) {
                clearReceiving();
                if (r.state == State.FAILED) {   // failAll left it to us
                    releaseBuffer(r);
                    finish = !r.isFlush;
                }
            }
        } finally {
            lock.unlock();
        }
        if (finish) {
            deliver(r);
        }
    }

    private void clearReceiving() {
        receiving = null;
        if (receiverWaiters > 0) {
            receiverDone.signalAll();
        }
    }

    /**
     * The reply of an ordinary request has been read (and decoded, unless its payload went into
     * the destination buffer).
     *
     * @param reply the decoded reply, or null for a zero-copy payload
     * @param count payload bytes placed in the destination
     * @param failure a failure of this request alone (a reply too large for the client's buffer), or null
     */
    void replied(Request r, RMessage reply, int count, IOException failure) {
        boolean finish = false;
        lock.lock();
        try {
            clearReceiving();
            switch (r.state) {
                case SENT -> {
                    record(r, reply, count, failure);
                    r.transition(State.SENT, State.REPLIED);
                    if (r.flushWanted) {
                        pendingFlushes.remove(r);
                        r.flushWanted = false;
                    }
                    tags.free(r.tag, r);
                    permits.release(r);
                    releaseBuffer(r);
                    finish = true;
                }
                case FLUSHING -> {
                    // flush(5): "If a response to the flushed request is received before the Rflush,
                    // the client must honor the response as if it had not been flushed". It is the
                    // result; tag and buffers stay until the Rflush.
                    record(r, reply, count, failure);
                    r.transition(State.FLUSHING, State.REPLIED);
                }
                case FAILED -> {   // failAll ran while we read the body and left the rest to us
                    releaseBuffer(r);
                    finish = true;
                }
                default -> throw new IllegalStateException("reply for " + r);
            }
        } finally {
            lock.unlock();
        }
        if (finish) {
            deliver(r);
        }
    }

    private void record(Request r, RMessage reply, int count, IOException failure) {
        r.record(reply, count, failure);
        observer.replied(r);
    }

    /**
     * An Rflush arrived for {@code flush}. It answers this Tflush and every earlier one for the
     * same request (flush(5): "A Rflush for any of the multiple Tflushes implies an answer for
     * all previous ones"), and ends the flushed request: with its reply if one came first, as
     * cancelled otherwise.
     */
    void flushAnswered(Request flush) {
        Request target = null;
        lock.lock();
        try {
            clearReceiving();
            if (flush.state == State.FAILED) {   // failAll ran while we read it and left its buffer to us
                releaseBuffer(flush);
                return;
            }
            for (Request f = flush; f != null && !f.retired; f = f.previousFlush) {
                f.retired = true;
                f.transition(State.SENT, State.REPLIED);
                tags.free(f.tag, f);
                permits.release(f);
                releaseBuffer(f);
                observer.settled(f);
            }
            Request t = flush.target;
            if (t.generation == flush.targetGeneration && !t.isTerminal()
                    && (t.state == State.FLUSHING || t.state == State.REPLIED)) {
                t.transition(t.state, State.FLUSHED);
                observer.flushEnded(t);
                tags.free(t.tag, t);
                permits.release(t);
                releaseBuffer(t);
                target = t;
            }
            startPendingFlushes();
        } finally {
            lock.unlock();
        }
        if (target != null) {
            deliver(target);
        }
    }

    // ---- Settling ----

    /** Hands a settled request's outcome over: wakes the blocking waiter or completes the future. */
    private void deliver(Request r) {
        observer.settled(r);
        RpcFuture<?> f = r.future;
        if (f == null) {
            Thread waiter = r.waiter;
            r.settled = true;
            LockSupport.unpark(waiter);
            return;
        }
        Outcomes.complete(f, r, transport.peer());
        recycle(r);
    }

    /** Keeps a settled request for reuse. */
    void recycle(Request r) {
        lock.lock();
        try {
            if (!r.isTerminal() && r.state != State.NEW) {
                throw new IllegalStateException("recycling " + r + ", which is still in flight");
            }
            if (r.queued || r.hasPermit || r.replyBuffer != null) {
                throw new IllegalStateException("recycling " + r + ", which still holds resources");
            }
            r.reset();
            if (spare.size() < SPARE_REQUESTS) {
                spare.push(r);
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- Failing ----

    private void checkOpen() throws ConnectionClosedException {
        assert lock.isHeldByCurrentThread();
        if (closeCause != null) {
            throw Outcomes.closed(transport.peer(), closeCause);
        }
    }

    /**
     * Ends the connection: every request not yet settled fails with {@link ConnectionClosedException}
     * and {@code cause}. Like okhttp's Http2Connection.close: take the pending requests out under
     * the lock, then fail each one outside it. The first cause wins.
     */
    void failAll(Throwable cause) {
        List<Request> victims;
        ClientCloseEvent closing;
        lock.lock();
        try {
            if (closeCause != null) {
                return;
            }
            closeCause = cause;
            victims = tags.drain();
            queue.drainTo(victims);
            pendingFlushes.clear();
            List<Request> toDeliver = new ArrayList<>(victims.size());
            for (Request v : victims) {
                if (!v.isTerminal()) {
                    if (v.state != State.NEW) {
                        observer.failed(v);
                    }
                    v.transition(v.state, State.FAILED);
                    v.failure = cause;
                }
                v.flushWanted = false;
                permits.release(v);
                if (v != receiving) {   // the reader is filling its buffer: it finishes the job
                    releaseBuffer(v);
                    if (!v.isFlush) {
                        toDeliver.add(v);
                    } else {
                        observer.settled(v);
                    }
                }
            }
            victims = toDeliver;
            closing = observer.closed(cause);
            permits.wakeAll();
            wakeWriter();
        } finally {
            lock.unlock();
        }
        if (cause instanceof ConnectionClosedException) {
            LOG.log(System.Logger.Level.DEBUG, "9P connection to {0} closed", transport.peer());
        } else {
            LOG.log(System.Logger.Level.INFO, "9P connection to " + transport.peer() + " lost: " + cause);
        }
        try {
            transport.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the transport", e);
        }
        if (closing != null) {
            closing.commit();
        }
        for (Request v : victims) {
            deliver(v);
        }
    }
}

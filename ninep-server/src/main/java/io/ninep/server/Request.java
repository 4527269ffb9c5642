package io.ninep.server;

import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.TMessage;
import io.ninep.server.spi.ReadSpan;
import io.ninep.transport.buffer.PooledBuffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One request of a connection, from the frame that brought it to the reply that ends it. A
 * request runs on its own virtual thread (a large Twrite whose payload goes straight into its
 * file, on the connection's reader); a Tflush is a request too, with no thread, that ends
 * when the request it names ends. Its life is a small state machine, changed only under the
 * lock of the connection's {@link InFlight}:
 *
 * <pre>
 *   RUNNING  -&gt; DONE       the handler finished: its reply is written
 *   RUNNING  -&gt; FLUSHING   a Tflush named it: the handler is interrupted, the Tflush attached
 *   FLUSHING -&gt; DONE       the handler finished: its reply is written if it completed, dropped if
 *                           it was aborted; then an Rflush for each attached Tflush, in order
 *   WAITING  -&gt; DONE       (a Tflush) the request it names ended; its Rflush is written
 *   RUNNING, FLUSHING, WAITING -&gt; RESET
 *                           Tversion or the end of the connection: nothing it says is written
 *   RESET    -&gt; DONE       the handler finished
 * </pre>
 *
 * A request leaves the tag table in the same step that makes it DONE, before its reply is
 * written, so that a client that reuses the tag the moment it reads the reply is not refused.
 */
final class Request implements Runnable {

    enum State { RUNNING, FLUSHING, WAITING, RESET, DONE }

    final Connection connection;
    final int tag;
    final TMessage message;
    /** The virtual thread running the handler; null for a Tflush. */
    Thread thread;
    /**
     * Its Flight Recorder event while a recording wants one, else null: set by the reader before
     * the request is admitted, filled under the InFlight lock, committed once its reply is out.
     */
    ServerRequestEvent event;

    /** Guarded by the lock of the connection's InFlight. */
    private State state;
    /** The Tflush requests waiting for this one, in arrival order; guarded by the same lock. */
    private List<Request> flushes;

    /** A Twrite's payload left on the connection for this request to take (it runs on the reader), or null. */
    final IncomingWrite incoming;
    /** The buffer holding the request's frame (the message's payload points into it), or null. */
    private PooledBuffer frame;
    /** The buffer holding the reply's payload (Rread, Rreaddir), or null. */
    private PooledBuffer replyBuffer;
    /** The bytes an Rread sends from where the backend keeps them instead of a payload buffer, or null. */
    private volatile ReadSpan span;

    Request(Connection connection, int tag, TMessage message, PooledBuffer frame, State initial) {
        this(connection, tag, message, frame, null, initial);
    }

    Request(Connection connection, int tag, TMessage message, PooledBuffer frame, IncomingWrite incoming, State initial) {
        this.connection = connection;
        this.tag = tag;
        this.message = message;
        this.frame = frame;
        this.incoming = incoming;
        this.state = initial;
    }

    @Override
    public void run() {
        RMessage reply = null;
        Throwable failure = null;
        try {
            reply = connection.dispatcher().dispatch(this);
        } catch (Throwable t) {   // every outcome must reach complete(), or the tag would leak
            failure = t;
        } finally {
            releaseFrame();
        }
        connection.inFlight().complete(this, reply, failure);
    }

    State state() {
        assert connection.inFlight().holdsLock();
        return state;
    }

    /** Moves from {@code expected} to {@code next}; anything else is a bug in the engine. */
    void transition(State expected, State next) {
        assert connection.inFlight().holdsLock();
        if (state != expected) {
            throw new IllegalStateException("request tag " + tag + " (" + message.type() + ") is " + state
                    + ", not " + expected + ", so it cannot become " + next);
        }
        state = next;
    }

    void attachFlush(Request flush) {
        assert connection.inFlight().holdsLock();
        if (flushes == null) {
            flushes = new ArrayList<>(2);
        }
        flushes.add(flush);
    }

    /** The attached Tflush requests, or an empty list. */
    List<Request> flushes() {
        assert connection.inFlight().holdsLock();
        return flushes == null ? List.of() : flushes;
    }

    /**
     * A buffer of {@code size} bytes for the reply's payload, released after the reply is
     * written. From the pool when it has one to spare; otherwise from the heap, so that a handler
     * never waits for memory that blocked requests hold.
     */
    ByteBuffer replyBuffer(int size) {
        assert replyBuffer == null : "one reply buffer per request";
        replyBuffer = connection.tryAcquire(size);
        return bufferOf(replyBuffer, size);
    }

    /** Makes the reply (an Rread with no data of its own) carry {@code s}'s bytes, sent from where they are. */
    void span(ReadSpan s) {
        assert span == null : "one span per request";
        span = s;
    }

    /** The bytes the Rread carries, or null. */
    ReadSpan span() {
        return span;
    }

    /** Bytes the reply carries besides its message: the span's. */
    int spanBytes() {
        ReadSpan s = span;
        return s == null ? 0 : s.count();
    }

    /**
     * A buffer for a Twrite payload that {@link #incoming} could not write into the file, held as
     * the frame: from the pool when it has one to spare, else the heap.
     */
    ByteBuffer payloadBuffer(int size) {
        assert frame == null : "the frame is still held";
        frame = connection.tryAcquire(size);
        return bufferOf(frame, size);
    }

    /** The pooled buffer's, or a heap buffer of {@code size} when the pool had none to spare. */
    private static ByteBuffer bufferOf(PooledBuffer pooled, int size) {
        return pooled == null ? ByteBuffer.allocate(size).order(java.nio.ByteOrder.LITTLE_ENDIAN) : pooled.buffer();
    }

    void releaseFrame() {
        PooledBuffer f = frame;
        if (f != null) {
            frame = null;
            f.release();
        }
    }

    /** Gives back what the reply's payload was held in: the pooled buffer, or the span. */
    void releaseReplyBuffer() {
        PooledBuffer b = replyBuffer;
        if (b != null) {
            replyBuffer = null;
            b.release();
        }
        ReadSpan s = span;
        if (s != null) {
            s.release();
        }
    }

    @Override
    public String toString() {
        return message.type() + " tag " + tag;
    }
}

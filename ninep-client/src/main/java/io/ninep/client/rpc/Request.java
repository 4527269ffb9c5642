package io.ninep.client.rpc;

import io.ninep.client.RequestCancelledException;
import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Rreaddir;
import io.ninep.protocol.message.TMessage;
import io.ninep.protocol.message.Tread;
import io.ninep.transport.buffer.PooledBuffer;
import java.nio.ByteBuffer;

/**
 * One exchange: a T-message, the buffers it owns, its tag once written, and its outcome. Ordinary
 * requests are kept in a per-connection free list and reused, so a call allocates no request
 * object; {@link #generation} tells a stale handle (a finished future) from the current use.
 * Tflush requests are made fresh, since they are rare.
 *
 * <p>Every field but the outcome's publication flag is guarded by the connection's lock, except
 * where noted: {@link #message}, {@link #replyBuffer} and {@link #destination} are set by the
 * thread that sends the request before it is queued and read afterwards by the writer and
 * receiver threads (the queue's lock orders them).
 *
 * <p>Buffers: {@link #replyBuffer} is taken from the pool by the sending thread before the
 * request gets a tag, sized {@code maxReplySize} (at most the medium class), or just big enough
 * for an error reply when the payload goes straight into {@link #destination}. It is released
 * exactly once: when the request settles as REPLIED (after decoding) or FLUSHED, when it fails,
 * or, if it never got a tag, by whoever cancels it.
 */
final class Request {
    final boolean isFlush;

    int generation;
    State state = State.NEW;
    int tag = -1;

    // Send queue (NEW requests waiting for the writer thread).
    boolean queued;
    Request prevQueued;
    Request nextQueued;

    /** Holds one of the connection's tag permits (ordinary or flush). */
    boolean hasPermit;
    /** Cancellation wanted, waiting in the pending-flush queue for a flush tag and reserve buffer. */
    boolean flushWanted;
    /** A Tflush has been queued for it (it went through FLUSHING). */
    boolean flushSent;
    /** How many Tflushes were queued for it. */
    int flushCount;
    /** The most recent Tflush queued for it. */
    Request lastFlush;
    RequestCancelledException.Reason cancelReason;
    /** A cancelled future's read: skip the payload rather than write into the caller's buffer. */
    boolean discardPayload;

    // Tflush requests only.
    Request target;
    int targetGeneration;
    /** The Tflush for the same target queued before this one; an Rflush implies it (flush(5)). */
    Request previousFlush;
    boolean retired;

    TMessage message;
    /** The request's frame size (its encodedSize). */
    int size;
    /** The reply's frame size, once the reader has its header. */
    int replySize;
    /** Its Flight Recorder event, made the first time one is recorded and kept across uses; or null. */
    ClientRequestEvent event;
    /** The event was begun for this use (a recording enabled it when the request was sent). */
    boolean timed;
    PooledBuffer replyBuffer;
    /** Zero-copy destination of a Rread/Rreaddir payload, or null. */
    ByteBuffer destination;
    /** The count the zero-copy request asked for. */
    int asked;
    /** The destination is the engine's own (a message-level Tread): wrap it in the reply. */
    boolean ownsDestination;

    // Outcome: written before settled is set; read after.
    /** A reply (of any kind) arrived for it. */
    boolean answered;
    RMessage reply;
    int count;
    Throwable failure;
    volatile boolean settled;

    /** The thread parked in a blocking call, or null. */
    Thread waiter;
    /** The future of an asynchronous call, or null. */
    RpcFuture<?> future;
    /** The virtual thread acquiring resources for an asynchronous call that could not get them at once. */
    Thread sender;

    Request(boolean isFlush) {
        this.isFlush = isFlush;
    }

    /**
     * Moves from {@code expected} to {@code next}, or fails loudly: an illegal move is a bug in
     * the engine, never something a peer can cause.
     */
    void transition(State expected, State next) {
        if (state != expected) {
            throw new IllegalStateException(this + ": cannot move " + expected + " -> " + next + ", state is " + state);
        }
        if (!expected.canMoveTo(next) || expected == State.REPLIED && !flushSent) {
            throw new IllegalStateException(this + ": " + expected + " -> " + next + " is not a legal move");
        }
        state = next;
    }

    /**
     * Records the reply (null for a zero-copy payload, which a message-level Tread or Treaddir
     * then gets wrapped in its reply) and the payload's count; {@code failure} is a failure of
     * this request alone (a reply too large for its buffer).
     */
    void record(RMessage reply, int count, java.io.IOException failure) {
        answered = true;
        this.count = count;
        this.failure = failure;
        if (reply == null && ownsDestination && failure == null) {
            ByteBuffer data = destination.flip();
            reply = message instanceof Tread ? new Rread(data) : new Rreaddir(data);
        }
        this.reply = reply;
    }

    /** Whether the request has ended: nothing more will arrive for it. */
    boolean isTerminal() {
        return switch (state) {
            case NEW, SENT, FLUSHING -> false;
            case REPLIED -> !flushSent;
            case FLUSHED, CANCELLED, FAILED -> true;
        };
    }

    /** Clears everything for the next use. */
    void reset() {
        generation++;
        state = State.NEW;
        tag = -1;
        queued = false;
        prevQueued = null;
        nextQueued = null;
        hasPermit = false;
        flushWanted = false;
        flushSent = false;
        flushCount = 0;
        lastFlush = null;
        cancelReason = null;
        discardPayload = false;
        message = null;
        size = 0;
        replySize = 0;
        timed = false;
        replyBuffer = null;
        destination = null;
        asked = 0;
        ownsDestination = false;
        answered = false;
        reply = null;
        count = 0;
        failure = null;
        settled = false;
        waiter = null;
        future = null;
        sender = null;
    }

    @Override
    public String toString() {
        String name = message == null ? "request" : message.type().displayName();
        return name + (tag >= 0 ? " tag " + tag : "") + " (" + state + ")";
    }
}

package io.ninep.transport;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.codec.FrameEncoder;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Message;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes frames to a transport, one at a time, each with a gathering write of its encoded part
 * and its payload, so that bulk data (Twrite, Rread) is never copied into a staging buffer.
 * {@link #writeNow} is the exception: a frame sent with the transport's {@link Transport#sendNow}
 * by a thread that must neither wait nor be interrupted inside a channel, whole from the staging
 * buffer if it fits there, else its head from the staging buffer and its payload from its own
 * (direct) buffer; what it could not send goes first with the next write.
 *
 * <p>Locking: {@code lock} guards the transport's write side, the staging buffer and the vector
 * array. It is a ReentrantLock because virtual threads take it, and it is never held while
 * waiting for anything but the write itself. A {@link TagAssigner} runs under it, so that a
 * client takes a request's tag at the moment its frame is written.
 */
public final class FrameWriter {

    /** Chooses a tag while the writer's lock is held; must not block. */
    @FunctionalInterface
    public interface TagAssigner {
        int assignTag();
    }

    private static final int STAGING = 8192;

    private final Transport transport;
    private final ReentrantLock lock = new ReentrantLock();
    private final ByteBuffer staging = ByteBuffer.allocateDirect(STAGING).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer[] vector = new ByteBuffer[2];
    /** The whole staging buffer, for {@link Transport#sendNow}. */
    private final MemorySegment stagingBytes = MemorySegment.ofBuffer(staging);
    private ByteBuffer[] batchVector = new ByteBuffer[8];   // guarded by lock
    /**
     * True while the unsent rest of a frame {@link #writeNow} began is here: the staging buffer's
     * remaining bytes, then {@code restPayload}'s. Guarded by lock.
     */
    private boolean restPending;
    /** The payload's unsent part while {@code restPending}, or null. Guarded by lock. */
    private ByteBuffer restPayload;
    private volatile Dialect dialect;

    public FrameWriter(Transport transport, Dialect dialect) {
        this.transport = transport;
        this.dialect = dialect;
    }

    public void dialect(Dialect newDialect) {
        this.dialect = newDialect;
    }

    public Dialect dialect() {
        return dialect;
    }

    public Transport transport() {
        return transport;
    }

    public void write(Frame frame) throws IOException {
        write(frame.tag(), frame.body());
    }

    public void write(int tag, Message body) throws IOException {
        lock.lock();
        try {
            send(tag, body);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes a tag from {@code assigner} and writes {@code body} with it, both under the lock.
     *
     * @return the tag written
     */
    public int write(Message body, TagAssigner assigner) throws IOException {
        lock.lock();
        try {
            int tag = assigner.assignTag();
            send(tag, body);
            return tag;
        } finally {
            lock.unlock();
        }
    }

    /**
     * True if {@code body} may go by {@link #writeNow}: the transport can send without waiting,
     * and either the whole frame fits the staging buffer (small requests, small Twrites) or its
     * head does and its payload is in a direct buffer (large Twrites from pooled or mapped memory).
     */
    public boolean canWriteNow(Message body) {
        if (!transport.sendsNow()) {
            return false;
        }
        Dialect d = dialect;
        if (body.encodedSize(d) <= STAGING) {
            return true;
        }
        ByteBuffer payload = body.payload();
        return payload != null && payload.isDirect() && FrameEncoder.headerSize(body, d) <= STAGING;
    }

    /**
     * Sends one frame from the calling thread with {@link Transport#sendNow}: it never waits for
     * the peer, and an interrupt cannot close the transport. What the transport cannot take at
     * once stays here and goes first with the next write, or with {@link #writeRest}: until
     * then no other frame can overtake it. Only for a frame {@link #canWriteNow} allows.
     *
     * @return true if the whole frame went; false if its rest waits for {@link #writeRest}
     */
    public boolean writeNow(int tag, Message body) {
        lock.lock();
        try {
            if (restPending) {
                throw new IllegalStateException("the rest of an earlier frame is still to be written");
            }
            staging.clear();
            Dialect d = dialect;
            if (body.encodedSize(d) <= STAGING) {
                FrameEncoder.encode(tag, body, d, staging);
                int length = staging.position();
                int sent = transport.sendNow(stagingBytes, length);
                return sent == length || keepRest(length, sent, null);
            }
            ByteBuffer payload = FrameEncoder.encodeHeader(tag, body, d, staging);
            int headLength = staging.position();
            int payloadLength = payload.remaining();
            int sent = transport.sendNow(stagingBytes, headLength, MemorySegment.ofBuffer(payload), payloadLength);
            return sent == headLength + payloadLength || keepRest(headLength, sent, payload);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Keeps what {@link #writeNow} could not send of a frame whose first {@code headLength} bytes
     * are in the staging buffer and whose {@code payload} (or null) follows them; returns false.
     */
    private boolean keepRest(int headLength, int sent, ByteBuffer payload) {
        staging.limit(headLength).position(Math.min(sent, headLength));
        if (payload != null) {
            restPayload = payload.duplicate();   // the caller's position stays put
            restPayload.position(payload.position() + Math.max(0, sent - headLength));
        }
        restPending = true;
        return false;
    }

    /** Writes the rest of the frame {@link #writeNow} could not send whole, if there is one. */
    public void writeRest() throws IOException {
        lock.lock();
        try {
            sendRest();
        } finally {
            lock.unlock();
        }
    }

    private void sendRest() throws IOException {
        assert lock.isHeldByCurrentThread();
        if (restPending) {
            vector[0] = staging;   // its position and limit frame the rest
            vector[1] = restPayload;
            try {
                transport.write(vector, 0, restPayload == null ? 1 : 2);
            } finally {
                vector[0] = null;
                vector[1] = null;
                restPayload = null;
            }
            restPending = false;
        }
    }

    /**
     * Writes {@code count} frames, in order, with as few gathering writes as the staging buffer
     * allows (usually one): the encoded parts go into the staging buffer one after another and
     * each payload is sent from its own buffer between them. A client's writer thread uses it to
     * send everything that queued up while it was writing, in one system call.
     */
    public void write(int[] tags, Message[] bodies, int count) throws IOException {
        lock.lock();
        try {
            sendRest();
            Dialect d = dialect;
            staging.clear();
            int segment = 0;   // start of the staging bytes not yet in the vector
            int n = 0;
            for (int i = 0; i < count; i++) {
                Message body = bodies[i];
                int headerSize = FrameEncoder.headerSize(body, d);
                if (headerSize > staging.remaining()) {
                    n = flushBatch(n, segment);
                    staging.clear();
                    segment = 0;
                    if (headerSize > STAGING) {
                        send(tags[i], body);   // rare: long names, a large Twstat
                        staging.clear();
                        continue;
                    }
                }
                ByteBuffer payload = FrameEncoder.encodeHeader(tags[i], body, d, staging);
                if (payload != null && payload.hasRemaining()) {
                    n = addToBatch(n, staging.slice(segment, staging.position() - segment));
                    n = addToBatch(n, payload.duplicate());   // the caller's position stays put
                    segment = staging.position();
                }
            }
            flushBatch(n, segment);
        } finally {
            lock.unlock();
        }
    }

    private int addToBatch(int n, ByteBuffer b) {
        if (n == batchVector.length) {
            batchVector = java.util.Arrays.copyOf(batchVector, n * 2);
        }
        batchVector[n] = b;
        return n + 1;
    }

    /** Writes the vector so far plus the staging bytes after {@code segment}; returns 0. */
    private int flushBatch(int n, int segment) throws IOException {
        assert lock.isHeldByCurrentThread();
        if (staging.position() > segment) {
            n = addToBatch(n, n == 0 ? staging.flip() : staging.slice(segment, staging.position() - segment));
        }
        if (n > 0) {
            transport.write(batchVector, 0, n);
            java.util.Arrays.fill(batchVector, 0, n, null);
        }
        return 0;
    }

    private void send(int tag, Message body) throws IOException {
        assert lock.isHeldByCurrentThread();
        sendRest();
        Dialect d = dialect;
        int headerSize = FrameEncoder.headerSize(body, d);
        ByteBuffer head = headerSize <= STAGING
                ? staging.clear()
                : ByteBuffer.allocate(headerSize).order(ByteOrder.LITTLE_ENDIAN);   // rare: long names, Rstat
        ByteBuffer payload = FrameEncoder.encodeHeader(tag, body, d, head);
        head.flip();
        vector[0] = head;
        if (payload == null || !payload.hasRemaining()) {
            transport.write(vector, 0, 1);
        } else {
            // A duplicate, so the caller's payload position is left alone.
            vector[1] = payload.duplicate();
            transport.write(vector, 0, 2);
        }
        vector[0] = null;
        vector[1] = null;
    }
}

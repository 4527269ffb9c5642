package io.ninep.server;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.codec.FcallFormat;
import io.ninep.protocol.codec.FrameEncoder;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.Rread;
import io.ninep.server.spi.BufferSpan;
import io.ninep.server.spi.FileSpan;
import io.ninep.server.spi.ReadSpan;
import io.ninep.transport.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The one writer of a connection: replies go out in the order they were {@link #add added},
 * and when several are waiting they go out together, in one gathering write (the fixed parts
 * packed into a staging buffer, payloads such as Rread data sent from their own buffers).
 *
 * <p>Whoever adds a reply then calls {@link #drain}; the first thread to find no drain running
 * becomes the drainer and writes until the queue is empty, so there is no writer thread, nobody
 * waits for a lock while another writes, and a busy connection sends many replies per system
 * call. An Rread whose data a backend left in its own buffers ({@link BufferSpan}) is gathered
 * from them like any payload. One whose data a backend left in a file ({@link FileSpan}) ends the
 * gathering write: its header goes with the replies before it, then its data, written from the
 * span's mapping of the file in the same write, or else sent with sendfile. Once a request's
 * reply has been written (or dropped, if the connection failed), the draining thread tells the
 * connection, which releases the request's buffers; a reply with a megabyte or more of payload
 * in a buffer of its own ends its gathering write, so that its buffer goes back at once.
 *
 * <p>Locking: {@code lock} guards {@code queue}, {@code draining} and {@code unwritten}; it is
 * never held during I/O. The staging buffer and vector belong to the drainer alone.
 */
final class ReplyQueue {
    private static final System.Logger LOG = System.getLogger(ReplyQueue.class.getName());
    private static final int STAGING = 64 * 1024;
    /** A reply with this much payload or more is written alone, and its buffers released at once. */
    static final int RELEASE_AFTER = 1 << 20;

    /** One reply waiting to be written, and the request it ends (null for the reader's own replies). */
    record Pending(int tag, RMessage message, Request request) {
    }

    private final Transport transport;
    private final String name;
    private final Consumer<String> trace;
    private final Consumer<Request> written;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private ArrayDeque<Pending> queue = new ArrayDeque<>();
    private ArrayDeque<Pending> spare = new ArrayDeque<>();
    private boolean draining;
    private int unwritten;

    // The drainer's alone.
    private final ByteBuffer staging = ByteBuffer.allocateDirect(STAGING).order(ByteOrder.LITTLE_ENDIAN);
    private ByteBuffer[] vector = new ByteBuffer[16];
    private Iterator<Pending> toTell;   // the batch's replies, from the first the connection has not been told of
    private int told;
    private int vectorLength;
    private int segmentStart;
    private volatile Dialect dialect = Dialect.P9P2000;
    private volatile boolean failed;

    /**
     * @param written runs for each request whose reply was written (or dropped because the
     *     connection failed), on the draining thread
     */
    ReplyQueue(Transport transport, String name, Consumer<String> trace, Consumer<Request> written) {
        this.transport = transport;
        this.name = name;
        this.trace = trace;
        this.written = written;
    }

    /** The dialect replies are encoded in from now on (set only while nothing is queued). */
    void dialect(Dialect d) {
        this.dialect = d;
    }

    Dialect dialect() {
        return dialect;
    }

    /** Queues a reply. The caller decides the order ({@link InFlight} adds under its lock). */
    void add(int tag, RMessage message, Request request) {
        lock.lock();
        try {
            queue.add(new Pending(tag, message, request));
            unwritten++;
        } finally {
            lock.unlock();
        }
    }

    /** Writes what is queued, unless another thread already is (it will write this too). */
    void drain() {
        drain(false);
    }

    /**
     * Writes what is queued, unless another thread already is; with {@code othersRunning} (other
     * requests of the connection are running), a drainer on a virtual thread first lets the
     * threads waiting for a carrier run once, so that the replies of the requests that came in
     * the same read go out in the same write. On loopback a write costs the sender the receiver's
     * side of TCP as well: with 32 small requests in flight, writing each reply alone made four
     * writes of every five requests. Nothing waits for a request that is blocked: one turn of the
     * scheduler, a microsecond or two, and only when there is someone to wait for.
     */
    void drain(boolean othersRunning) {
        boolean letOthersRun = othersRunning && Thread.currentThread().isVirtual();
        ArrayDeque<Pending> batch;
        lock.lock();
        try {
            if (draining || queue.isEmpty()) {
                return;
            }
            draining = true;
            batch = letOthersRun ? null : swap();
        } finally {
            lock.unlock();
        }
        if (batch == null) {
            Thread.yield();   // replies queued meanwhile are left to this drainer: draining is set
            lock.lock();
            try {
                batch = swap();
            } finally {
                lock.unlock();
            }
        }
        while (true) {
            toTell = batch.iterator();
            told = 0;
            write(batch);
            int n = batch.size();
            tellUpTo(n);   // the rest: written, or dropped if the connection failed
            toTell = null;
            batch.clear();
            lock.lock();
            try {
                spare = batch;
                unwritten -= n;
                drained.signalAll();
                if (queue.isEmpty()) {
                    draining = false;
                    return;
                }
                batch = swap();
            } finally {
                lock.unlock();
            }
        }
    }

    private ArrayDeque<Pending> swap() {
        assert lock.isHeldByCurrentThread();
        ArrayDeque<Pending> batch = queue;
        queue = spare;
        spare = null;
        return batch;
    }

    /** Waits while {@code limit} or more replies are waiting to be written: the client is not reading. */
    void awaitBelow(int limit) throws InterruptedException {
        lock.lock();
        try {
            while (unwritten >= limit && !failed) {
                drained.await();
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- the drainer -----------------------------------------------------------------------

    /**
     * Writes the batch, telling the connection of each reply once its bytes are on the wire: a
     * reply whose payload (in a buffer of the request's) is {@link #RELEASE_AFTER} or more ends its
     * gathering write, so that its buffer goes back to the pool before the replies after it are
     * written. With N large reads in flight, the client's next requests arrive while a batch of
     * replies is still being written; holding every buffer of the batch until its end can leave
     * the pool spent for them, and a reply that finds no pooled buffer falls back to a heap one
     * (zeroed, then copied once more through the JDK's temporary direct buffer).
     */
    private void write(ArrayDeque<Pending> batch) {
        if (failed) {
            return;
        }
        Dialect d = dialect;
        int appended = 0;
        try {
            staging.clear();
            segmentStart = 0;
            vectorLength = 0;
            for (Pending p : batch) {
                appended++;
                ReadSpan span = p.request() == null ? null : p.request().span();
                if (span != null && p.message() instanceof Rread) {
                    switch (span) {
                        case FileSpan file -> {
                            writeSpan(p.tag(), file);
                            tellUpTo(appended);
                        }
                        case BufferSpan held -> gatherSpan(p.tag(), held);   // the backend's memory, not the pool's
                    }
                    continue;
                }
                Frame frame = new Frame(p.tag(), p.message());
                if (trace != null) {
                    trace.accept(name + " -> " + FcallFormat.format(frame));
                }
                int head = FrameEncoder.headerSize(p.message(), d);
                ByteBuffer target = staging;
                if (head > staging.remaining()) {
                    flush();
                    if (head > staging.remaining()) {
                        target = ByteBuffer.allocate(head).order(ByteOrder.LITTLE_ENDIAN);   // rare: a huge Rstat
                    }
                }
                ByteBuffer payload = FrameEncoder.encodeHeader(frame, d, target);
                if (target != staging) {
                    append(target.flip());
                }
                if (payload != null && payload.hasRemaining()) {
                    closeSegment();
                    append(payload.duplicate());
                    if (payload.remaining() >= RELEASE_AFTER) {
                        flush();
                        tellUpTo(appended);
                    }
                }
            }
            flush();
        } catch (IOException | RuntimeException e) {
            failed = true;
            LOG.log(System.Logger.Level.DEBUG, () -> name + ": writing replies: " + e);
            try {
                transport.close();
            } catch (IOException ignored) {
                // the reader sees the closed transport and ends the connection
            }
            lock.lock();
            try {
                drained.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Tells the connection of the batch's replies before the {@code count}-th that it has not told of yet. */
    private void tellUpTo(int count) {
        while (told < count && toTell.hasNext()) {
            Pending p = toTell.next();
            told++;
            if (p.request() != null) {
                written.accept(p.request());
            }
        }
    }

    /**
     * An Rread whose data stays in a file: its header goes out with what is gathered so far, then
     * the file's bytes: from its mapping, in the same gathering write, or with sendfile, straight
     * from the page cache to the socket.
     */
    private void writeSpan(int tag, FileSpan span) throws IOException {
        ByteBuffer mapped = span.mapped();
        if (trace != null) {
            trace.accept(name + " -> Rread tag " + tag + " count " + span.count()
                    + (mapped != null ? " (mapped)" : " (sendfile)"));
        }
        stageRreadHeader(tag, span.count());
        if (mapped == null) {
            flush();
            transport.transferFrom(span.channel(), span.position(), span.count());
            return;
        }
        closeSegment();
        append(mapped);
        transport.writeMapped(vector, vectorLength, span.channel(), span.position());
        startOver();
    }

    /**
     * An Rread whose data stays in the backend's buffers: its header and the buffers join the
     * gathering write, and the replies after it follow in the same write.
     */
    private void gatherSpan(int tag, BufferSpan span) throws IOException {
        if (trace != null) {
            trace.accept(name + " -> Rread tag " + tag + " count " + span.count() + " (" + span.buffers().length
                    + " buffers)");
        }
        stageRreadHeader(tag, span.count());
        closeSegment();
        for (ByteBuffer b : span.buffers()) {
            append(b);
        }
    }

    private void stageRreadHeader(int tag, int count) throws IOException {
        if (staging.remaining() < Rread.HEADER_SIZE) {
            flush();
        }
        staging.putInt(Rread.HEADER_SIZE + count)
                .put((byte) MessageType.RREAD.code())
                .putShort((short) tag)
                .putInt(count);
    }

    /** Ends the staging segment being filled, as one element of the vector. */
    private void closeSegment() {
        if (staging.position() > segmentStart) {
            append(staging.duplicate().limit(staging.position()).position(segmentStart));
            segmentStart = staging.position();
        }
    }

    private void append(ByteBuffer b) {
        if (vectorLength == vector.length) {
            vector = Arrays.copyOf(vector, vectorLength * 2);
        }
        vector[vectorLength++] = b;
    }

    /** Writes the vector and starts the staging buffer over. */
    private void flush() throws IOException {
        if (vectorLength == 0 && segmentStart == 0) {
            // Replies without payloads, the common case: the staging buffer is the whole write,
            // and needs no view of its own (a view per write was a good part of a small reply's heap).
            if (staging.position() > 0) {
                append(staging.flip());
                transport.write(vector, 0, 1);
                vector[0] = null;
                vectorLength = 0;
            }
            staging.clear();
            return;
        }
        closeSegment();
        if (vectorLength > 0) {
            transport.write(vector, 0, vectorLength);
        }
        startOver();
    }

    /** Empties the vector and the staging buffer, once what they held is written. */
    private void startOver() {
        Arrays.fill(vector, 0, vectorLength, null);
        vectorLength = 0;
        staging.clear();
        segmentStart = 0;
    }
}

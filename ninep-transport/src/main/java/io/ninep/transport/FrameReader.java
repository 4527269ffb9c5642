package io.ninep.transport;

import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.codec.FrameDecoder;
import io.ninep.protocol.message.Twrite;
import io.ninep.transport.buffer.BufferPool;
import io.ninep.transport.buffer.PooledBuffer;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads frames from a transport through a read-ahead buffer, so that a burst of small messages
 * costs one read call, not two per message. Two ways to read:
 *
 * <ul>
 *   <li>{@link #readFrame} returns the next whole frame in a pooled buffer of its size (servers,
 *       tracers);
 *   <li>{@link #readHeader} then {@link #readBody} / {@link #skip}: the caller looks at the tag
 *       before deciding where the body goes, so a reply's payload can land straight in the
 *       buffer of the request that asked for it. Bodies larger than half the read-ahead are read
 *       from the transport directly into the destination, never through the read-ahead.
 * </ul>
 *
 * After such a large body the next header is read with a short read (a peek of
 * {@value #PEEK} bytes), since the frame after a large one is likely large too (reads and writes
 * of a file come in runs): a full read-ahead would pull most of its body in only to copy it out
 * again. The first small frame brings the full read-ahead back.
 *
 * The size field of each frame is checked against msize before anything is allocated for it.
 * One thread reads; not thread-safe.
 */
public final class FrameReader {
    /** Bytes of read-ahead. */
    public static final int READ_AHEAD = 64 * 1024;
    /**
     * The most a read takes after a large body: a Twrite's header and fixed fields, so that the
     * next large Twrite's payload stays whole in the socket for the server to splice into its
     * file. With more, the start of the payload came in with the header and cost the file a
     * write of its own (a few hundred bytes before the splice): on ext4, 64 KiB writes with four
     * in flight went from 0.93-0.99 of diod to 1.17-1.23 once that write was gone
     * (docs/benchmarks.md).
     */
    static final int PEEK = Twrite.HEADER_SIZE;

    private final Transport transport;
    private final ByteBuffer ahead;   // read mode: position = next unread byte, limit = end of data
    private int msize;
    private boolean afterLargeBody;   // the last body bypassed the read-ahead: peek at the next header

    public FrameReader(Transport transport, int msize) {
        this.transport = transport;
        this.ahead = ByteBuffer.allocateDirect(READ_AHEAD).order(ByteOrder.LITTLE_ENDIAN).flip();
        this.msize = msize;
    }

    /** The largest frame accepted from now on (after Tversion). */
    public void msize(int newMsize) {
        this.msize = newMsize;
    }

    public int msize() {
        return msize;
    }

    /**
     * Reads the next frame's header into {@code header}.
     *
     * @return false at a clean end of stream (between frames)
     * @throws ProtocolException if its size is below 7 or above msize
     * @throws EOFException if the stream ends inside the header
     */
    public boolean readHeader(FrameHeader header) throws IOException {
        if (!fill(P9.HEADER_SIZE)) {
            return false;
        }
        int size = FrameDecoder.checkedFrameSize(ahead, msize);
        header.size = size;
        header.type = ahead.get(ahead.position() + 4) & 0xFF;
        header.tag = ahead.getShort(ahead.position() + 5) & 0xFFFF;
        ahead.position(ahead.position() + P9.HEADER_SIZE);
        if (size < READ_AHEAD / 2) {
            afterLargeBody = false;
        }
        return true;
    }

    /** Copies the next {@code n} bytes of the current frame into {@code dst} at its position, and advances it. */
    public void readBody(ByteBuffer dst, int n) throws IOException {
        if (dst.remaining() < n) {
            throw new IllegalArgumentException("destination has room for " + dst.remaining() + " of " + n + " bytes");
        }
        int fromAhead = Math.min(n, ahead.remaining());
        copy(dst, fromAhead);
        int rest = n - fromAhead;
        if (rest == 0) {
            return;
        }
        if (rest >= READ_AHEAD / 2) {
            afterLargeBody = true;
            int limit = dst.limit();
            dst.limit(dst.position() + rest);
            try {
                transport.readFully(dst);
            } finally {
                dst.limit(limit);
            }
        } else {
            if (!fill(rest)) {
                throw truncated(rest);
            }
            copy(dst, rest);
        }
    }

    /**
     * Writes the next {@code n} bytes of the current frame into the file open on descriptor
     * {@code fd} at {@code position}, straight from the transport ({@link Transport#receiveInto},
     * which must be supported), what the read-ahead holds first; the writes run through
     * {@code writes}. All {@code n} bytes leave the stream whatever the file does; the receipt
     * says what the file took.
     */
    public FileReceipt receiveInto(int fd, long position, int n, FileWrites writes) throws IOException {
        int fromAhead = Math.min(n, ahead.remaining());
        ByteBuffer buffered = ahead.slice(ahead.position(), fromAhead);
        ahead.position(ahead.position() + fromAhead);
        if (fromAhead < n) {
            afterLargeBody = true;
        }
        return transport.receiveInto(buffered, fd, position, n, writes);
    }

    /** Reads a little-endian u32 of the current frame (Rread's count, say). */
    public int readInt() throws IOException {
        if (!fill(4)) {
            throw truncated(4);
        }
        return ahead.getInt();
    }

    /** Discards the next {@code n} bytes of the current frame. */
    public void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            if (!ahead.hasRemaining() && !fill(1)) {
                throw truncated(left);
            }
            int k = (int) Math.min(left, ahead.remaining());
            ahead.position(ahead.position() + k);
            left -= k;
        }
    }

    /**
     * Reads the next whole frame into a buffer taken from {@code pool} (position 0, limit = the
     * frame's size); the caller releases it once done with the decoded message, whose payload
     * points into it.
     *
     * @return null at a clean end of stream
     */
    public PooledBuffer readFrame(BufferPool pool) throws IOException, InterruptedException {
        if (!fill(4)) {
            return null;
        }
        int size = FrameDecoder.checkedFrameSize(ahead, msize);
        if (size < READ_AHEAD / 2) {
            afterLargeBody = false;
        }
        PooledBuffer frame = pool.acquire(size);
        try {
            ByteBuffer b = frame.buffer();
            readBody(b, size);
            b.flip();
            return frame;
        } catch (IOException | RuntimeException e) {
            frame.release();
            throw e;
        }
    }

    /** True if bytes of a frame not yet read are waiting in the read-ahead. */
    public boolean hasBufferedBytes() {
        return ahead.hasRemaining();
    }

    private void copy(ByteBuffer dst, int n) {
        dst.put(dst.position(), ahead, ahead.position(), n);
        dst.position(dst.position() + n);
        ahead.position(ahead.position() + n);
    }

    /**
     * Makes at least {@code n} (<= READ_AHEAD) bytes available in the read-ahead, reading as
     * much as is there, or only up to {@value #PEEK} bytes after a large body.
     *
     * @return false if the stream ended before any byte arrived
     * @throws EOFException if it ended after some, but fewer than n
     */
    private boolean fill(int n) throws IOException {
        if (ahead.remaining() >= n) {
            return true;
        }
        int had = ahead.remaining();
        ahead.compact();
        if (afterLargeBody) {
            ahead.limit(Math.max(n, Math.min(ahead.capacity(), ahead.position() + PEEK)));
        }
        try {
            while (ahead.position() < n) {
                if (transport.read(ahead) < 0) {
                    if (ahead.position() == 0 && had == 0) {
                        return false;
                    }
                    throw truncated(n - ahead.position());
                }
            }
        } finally {
            ahead.flip();
        }
        return true;
    }

    private EOFException truncated(long missing) {
        return new EOFException(transport.kind() + " connection " + transport.peer()
                + " ended in the middle of a message (" + missing + " bytes missing)");
    }
}

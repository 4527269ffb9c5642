package io.ninep.cli.proxy;

import io.ninep.protocol.P9;
import io.ninep.transport.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Cuts one direction of a connection into the pieces the proxy forwards, keeping every byte as it
 * came: a proxy must not "fix" anything. Unlike a {@link io.ninep.transport.FrameReader} it
 * refuses nothing; a size field that makes no sense ends framing for the rest of the stream, and
 * from then on bytes pass as they arrive.
 *
 * <ul>
 *   <li>{@link Whole}: a frame of at most {@code bufferLimit} bytes, read completely;
 *   <li>{@link Large}: the 7-byte header of a larger frame; the caller forwards the rest with
 *       {@link #transfer}, so a hostile size field costs no memory;
 *   <li>{@link Raw}: bytes after framing was lost (a size field below 7);
 *   <li>{@link End}: end of stream, with the bytes of a frame it cut short, if any.
 * </ul>
 *
 * One thread reads; not thread-safe.
 */
final class StreamSplitter {

    sealed interface Piece permits Whole, Large, Raw, End {}

    /** A complete frame. */
    record Whole(byte[] bytes) implements Piece {}

    /** The header of a frame too large to hold; {@code size - 7} bytes of it are still to come. */
    record Large(byte[] header, long size) implements Piece {}

    /**
     * Bytes that cannot be cut into frames. {@code why} is set on the first such piece: what broke
     * the framing.
     */
    record Raw(byte[] bytes, String why) implements Piece {}

    /** The stream ended; {@code partial} holds the start of a frame it cut short (empty if none). */
    record End(byte[] partial, long declaredSize) implements Piece {}

    private static final int CHUNK = 64 * 1024;

    private final Transport source;
    private final ByteBuffer ahead = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN).flip();
    private boolean framingLost;
    private boolean ended;

    StreamSplitter(Transport source) {
        this.source = source;
    }

    /** The next piece; after {@link End}, End again. */
    Piece next(long bufferLimit) throws IOException {
        if (ended) {
            return new End(new byte[0], -1);
        }
        if (framingLost) {
            return raw(null);
        }
        if (!fill(4)) {
            return end(-1);
        }
        long size = Integer.toUnsignedLong(ahead.getInt(ahead.position()));
        if (size < P9.HEADER_SIZE) {
            framingLost = true;
            return raw("size field " + size + " is smaller than the 7-byte header; the rest of this direction "
                    + "cannot be cut into frames and passes unparsed");
        }
        if (!fill(P9.HEADER_SIZE)) {
            return end(size);
        }
        if (size > bufferLimit) {
            byte[] header = new byte[P9.HEADER_SIZE];
            ahead.get(header);
            return new Large(header, size);
        }
        byte[] frame = new byte[(int) size];
        ByteBuffer dst = ByteBuffer.wrap(frame);
        int fromAhead = Math.min(frame.length, ahead.remaining());
        dst.put(dst.position(), ahead, ahead.position(), fromAhead);
        dst.position(fromAhead);
        ahead.position(ahead.position() + fromAhead);
        while (dst.hasRemaining()) {
            // The frame's last chunk is read through the read-ahead, so frames sent together with
            // it are found there (frameReady) instead of left in the socket behind it.
            int r = dst.remaining() >= CHUNK ? source.read(dst) : readAheadInto(dst);
            if (r < 0) {
                ended = true;
                byte[] partial = new byte[dst.position()];
                System.arraycopy(frame, 0, partial, 0, partial.length);
                return new End(partial, size);
            }
        }
        return new Whole(frame);
    }

    /** Refills the (empty) read-ahead and moves what {@code dst} can take; -1 at end of stream. */
    private int readAheadInto(ByteBuffer dst) throws IOException {
        ahead.clear();
        int r = source.read(ahead);
        ahead.flip();
        if (r <= 0) {
            return r;
        }
        int k = Math.min(dst.remaining(), ahead.remaining());
        dst.put(dst.position(), ahead, ahead.position(), k);
        dst.position(dst.position() + k);
        ahead.position(ahead.position() + k);
        return k;
    }

    /**
     * True if the read-ahead already holds the whole next frame: it arrived together with the one
     * just returned, and the proxy forwards the two together, as the sender sent them.
     */
    boolean frameReady(long bufferLimit) {
        if (framingLost || ended || ahead.remaining() < 4) {
            return false;
        }
        long size = Integer.toUnsignedLong(ahead.getInt(ahead.position()));
        return size >= P9.HEADER_SIZE && size <= bufferLimit && size <= ahead.remaining();
    }

    /**
     * Copies the next {@code n} bytes of the stream to {@code sink} in chunks, for the body of a
     * {@link Large} frame.
     *
     * @return bytes copied; fewer than n if the stream ended
     */
    long transfer(long n, Transport sink) throws IOException {
        long left = n;
        ByteBuffer[] one = new ByteBuffer[1];
        while (left > 0) {
            if (!ahead.hasRemaining()) {
                ahead.clear();
                int r = source.read(ahead);
                ahead.flip();
                if (r < 0) {
                    ended = true;
                    break;
                }
            }
            int k = (int) Math.min(left, ahead.remaining());
            one[0] = ahead.slice(ahead.position(), k);
            sink.write(one, 0, 1);
            ahead.position(ahead.position() + k);
            left -= k;
        }
        return n - left;
    }

    private Piece raw(String why) throws IOException {
        if (!ahead.hasRemaining()) {
            ahead.clear();
            int r = source.read(ahead);
            ahead.flip();
            if (r < 0) {
                ended = true;
                return new End(new byte[0], -1);
            }
        }
        byte[] bytes = new byte[ahead.remaining()];
        ahead.get(bytes);
        return new Raw(bytes, why);
    }

    private End end(long declaredSize) {
        ended = true;
        byte[] partial = new byte[ahead.remaining()];
        ahead.get(partial);
        return new End(partial, declaredSize);
    }

    /** Makes {@code n} bytes available; false if the stream ended first (what came stays in {@code ahead}). */
    private boolean fill(int n) throws IOException {
        while (ahead.remaining() < n) {
            ahead.compact();
            int r;
            try {
                r = source.read(ahead);
            } finally {
                ahead.flip();
            }
            if (r < 0) {
                return false;
            }
        }
        return true;
    }
}

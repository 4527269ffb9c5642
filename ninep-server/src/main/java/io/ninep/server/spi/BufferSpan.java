package io.ninep.server.spi;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The bytes of a read as views of the buffers a backend holds the file in (see
 * {@link OpenFile#bufferSpan}): the engine writes them to the connection in the same gathering
 * write as the reply's header, so that the kernel copies them once and no reply buffer is filled.
 *
 * <p>The views are the engine's: it moves their positions as it writes them. Their content may
 * change before they are sent (a write or truncate of the file meanwhile) and the reply carries
 * what they hold then, as a read of a file's page cache may; what must not happen is the memory
 * going away, so a backend that recycles its buffers waits for {@link #release}.
 */
public final class BufferSpan extends ReadSpan {
    private static final Runnable NOTHING = () -> {
    };
    private final ByteBuffer[] buffers;

    /**
     * @param buffers the bytes, in order, each from its position to its limit
     * @param onRelease runs once, when the engine is done with the buffers
     */
    public BufferSpan(List<ByteBuffer> buffers, Runnable onRelease) {
        ByteBuffer[] views = buffers.toArray(ByteBuffer[]::new);
        super(countOf(views), onRelease);
        this.buffers = views;
    }

    /** Buffers whose memory stays valid without a release (heap buffers, or direct ones the garbage collector frees). */
    public BufferSpan(List<ByteBuffer> buffers) {
        this(buffers, NOTHING);
    }

    private static int countOf(ByteBuffer[] views) {
        long total = 0;
        for (ByteBuffer b : views) {
            total += b.remaining();
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a span of " + total + " bytes is larger than any Rread");
        }
        return (int) total;
    }

    /** The views, for the engine to write; not copied. */
    public ByteBuffer[] buffers() {
        return buffers;
    }

    @Override
    public String toString() {
        return count() + " bytes in " + buffers.length + " buffers";
    }
}

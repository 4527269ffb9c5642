package io.ninep.protocol.codec;

import io.ninep.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Cuts a byte stream that arrives in arbitrary chunks into whole frames. The size field is
 * checked as soon as its 4 bytes are in, before room for the frame is allocated, so a hostile
 * size costs nothing. Each frame is handed over in a buffer of its own (position 0, limit = size),
 * which the receiver may keep.
 */
public final class FrameAssembler {

    /** Receives each complete frame. */
    @FunctionalInterface
    public interface FrameSink {
        void frame(ByteBuffer frame) throws ProtocolException;
    }

    private final ByteBuffer sizeField = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    private int msize;
    private ByteBuffer current;

    public FrameAssembler(int msize) {
        this.msize = msize;
    }

    public void msize(int newMsize) {
        this.msize = newMsize;
    }

    /** Consumes all of {@code chunk}, calling {@code sink} for every frame it completes. */
    public void feed(ByteBuffer chunk, FrameSink sink) throws ProtocolException {
        while (chunk.hasRemaining()) {
            if (current == null) {
                while (sizeField.hasRemaining() && chunk.hasRemaining()) {
                    sizeField.put(chunk.get());
                }
                if (sizeField.hasRemaining()) {
                    return;
                }
                sizeField.flip();
                int size = FrameDecoder.checkedFrameSize(sizeField, msize);
                current = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
                current.put(sizeField);
                sizeField.clear();
            }
            int n = Math.min(current.remaining(), chunk.remaining());
            current.put(current.position(), chunk, chunk.position(), n);
            current.position(current.position() + n);
            chunk.position(chunk.position() + n);
            if (!current.hasRemaining()) {
                ByteBuffer done = current.flip();
                current = null;
                sink.frame(done);
            }
        }
    }

    /** True if a frame has begun but not ended: at the end of a stream, that frame is truncated. */
    public boolean hasPartialFrame() {
        return current != null || sizeField.position() > 0;
    }

    /** Bytes of the partial frame received so far. */
    public int partialBytes() {
        return current != null ? current.position() : sizeField.position();
    }
}

package io.ninep.protocol.codec;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Message;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes frames. {@link #encodeHeader} writes everything but the payload, for a gathering write
 * that sends the payload from its own buffer; {@link #encode} writes the whole frame. Target
 * buffers are switched to little-endian order.
 */
public final class FrameEncoder {
    private FrameEncoder() {}

    /**
     * Writes size, type, tag and the body without the payload; returns the payload (or null)
     * that must follow it on the wire.
     */
    public static ByteBuffer encodeHeader(Frame frame, Dialect dialect, ByteBuffer out) {
        return encodeHeader(frame.tag(), frame.body(), dialect, out);
    }

    /** {@link #encodeHeader(Frame, Dialect, ByteBuffer)} of a frame not made into a {@link Frame}: a writer's hot path allocates nothing. */
    public static ByteBuffer encodeHeader(int tag, Message body, Dialect dialect, ByteBuffer out) {
        out.order(ByteOrder.LITTLE_ENDIAN);
        int size = body.encodedSize(dialect);
        int start = out.position();
        out.putInt(size);
        out.put((byte) body.type().code());
        out.putShort((short) tag);
        body.encodeBody(out, dialect);
        ByteBuffer payload = body.payload();
        int payloadBytes = payload == null ? 0 : payload.remaining();
        if (out.position() - start + payloadBytes != size) {
            throw new IllegalStateException(body.type() + ": encodedSize " + size + " but wrote "
                    + (out.position() - start + payloadBytes));
        }
        return payload;
    }

    /** Writes the whole frame, payload included (copied into {@code out}). */
    public static void encode(Frame frame, Dialect dialect, ByteBuffer out) {
        encode(frame.tag(), frame.body(), dialect, out);
    }

    /** {@link #encode(Frame, Dialect, ByteBuffer)} of a frame not made into a {@link Frame}. */
    public static void encode(int tag, Message body, Dialect dialect, ByteBuffer out) {
        ByteBuffer payload = encodeHeader(tag, body, dialect, out);
        if (payload != null) {
            int n = payload.remaining();
            out.put(out.position(), payload, payload.position(), n);
            out.position(out.position() + n);
        }
    }

    /** The whole frame in a new buffer of exactly its size, ready to read. */
    public static ByteBuffer encode(Frame frame, Dialect dialect) {
        ByteBuffer out = ByteBuffer.allocate(frame.body().encodedSize(dialect));
        encode(frame, dialect, out);
        return out.flip();
    }

    /** The size of the part {@link #encodeHeader} writes. */
    public static int headerSize(Message body, Dialect dialect) {
        ByteBuffer payload = body.payload();
        return body.encodedSize(dialect) - (payload == null ? 0 : payload.remaining());
    }
}

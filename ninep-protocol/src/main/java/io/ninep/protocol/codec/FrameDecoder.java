package io.ninep.protocol.codec;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.Quirk;
import io.ninep.protocol.Strictness;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Message;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * Decodes whole frames ({@code size[4] type[1] tag[2] body}) of one dialect. Payloads (Twrite
 * and Rread data, Rreaddir entries) come out as views of the frame buffer, so that buffer must
 * stay untouched while the message is in use.
 *
 * <p>Every length is checked before it is used: a size below 7 or above msize is refused before
 * anything is read past it, a type the dialect lacks is refused, and each field is checked
 * against what is left of the frame. Anything malformed is a {@link ProtocolException} naming
 * the message and field. One decoder serves one connection; it is not thread-safe.
 */
public final class FrameDecoder {
    private final WireReader reader;
    private Dialect dialect;
    private int msize;

    /**
     * @param msize the largest frame accepted (unsigned); before Tversion, the msize offered
     * @param quirks receives what a lenient decoder tolerated; ignored when strict
     */
    public FrameDecoder(Dialect dialect, int msize, Strictness strictness, Consumer<Quirk> quirks) {
        this.reader = new WireReader(strictness, quirks);
        this.dialect = dialect;
        this.msize = msize;
    }

    /** A strict decoder. */
    public FrameDecoder(Dialect dialect, int msize) {
        this(dialect, msize, Strictness.STRICT, q -> {});
    }

    public Dialect dialect() {
        return dialect;
    }

    public int msize() {
        return msize;
    }

    /** Switches dialect and msize once Tversion has settled them. */
    public void renegotiated(Dialect newDialect, int newMsize) {
        this.dialect = newDialect;
        this.msize = newMsize;
    }

    /**
     * Reads and checks the size field at {@code buf}'s position without moving it: what a
     * stream reader calls with the first 4 bytes of a frame, before it allocates room for the rest.
     *
     * @return the frame's size, 7 to msize
     */
    public static int checkedFrameSize(ByteBuffer buf, int msize) throws ProtocolException {
        if (buf.remaining() < 4) {
            throw new ProtocolException(null, "size", "needs 4 bytes, only " + buf.remaining() + " left");
        }
        long size = Integer.toUnsignedLong(buf.order(ByteOrder.LITTLE_ENDIAN).getInt(buf.position()));
        if (size < P9.HEADER_SIZE) {
            throw new ProtocolException(null, "size", size + " is smaller than the 7-byte header");
        }
        if (size > Integer.toUnsignedLong(msize)) {
            throw new ProtocolException(null, "size",
                    size + " exceeds msize " + Integer.toUnsignedLong(msize));
        }
        // msize is a u32 and may exceed what a Java buffer can hold; such a frame cannot be read.
        if (size > Integer.MAX_VALUE) {
            throw new ProtocolException(null, "size", size + " exceeds the largest frame a Java buffer can hold");
        }
        return (int) size;
    }

    /**
     * Decodes the frame at {@code buf}'s position and moves the position past it. The buffer
     * must hold the whole frame.
     */
    public Frame decode(ByteBuffer buf) throws ProtocolException {
        int start = buf.position();
        Message body = decodeMessage(buf);
        return new Frame(buf.getShort(start + 5) & 0xFFFF, body);
    }

    /**
     * As {@link #decode}, but returns the message alone: for a reader that took the tag from the
     * header already, and would only throw the envelope away (an allocation per reply).
     */
    public Message decodeMessage(ByteBuffer buf) throws ProtocolException {
        int start = buf.position();
        int size = checkedFrameSize(buf, msize);
        if (size > buf.remaining()) {
            throw new ProtocolException(null, "size",
                    "frame says " + size + " bytes, only " + buf.remaining() + " are there");
        }
        int code = buf.get(start + 4) & 0xFF;
        MessageType type = MessageType.byCode(code);
        if (type == null) {
            throw new ProtocolException(null, "type", MessageType.describe(code) + " is not a 9P message");
        }
        int end = start + size;
        buf.position(start + P9.HEADER_SIZE);
        reader.reset(buf, end, type.displayName());
        if (!type.allowedIn(dialect)) {
            if (type == MessageType.RERROR && dialect == Dialect.P9P2000_L) {
                reader.tolerate("type", "Rerror is not part of 9P2000.L (Rlerror is)");
            } else {
                throw new ProtocolException(type.displayName(), "type", "not part of " + dialect);
            }
        }
        Message body = BodyDecoder.decode(type, reader, dialect);
        if (reader.remaining() > 0) {
            reader.tolerate("size", reader.remaining() + " bytes after the end of the message, ignored");
        }
        buf.position(end);
        return body;
    }
}

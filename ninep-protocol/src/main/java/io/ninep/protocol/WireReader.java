package io.ninep.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * Reads the fields of one message body from a frame, checking each against what is left of the
 * frame before touching it, so malformed input raises a {@link ProtocolException} that names the
 * message and the field, never a buffer exception.
 *
 * <p>One reader serves one decoder and is reset for every frame ({@link #reset}), so decoding
 * allocates nothing of its own. Not thread-safe.
 */
public final class WireReader {
    private final Strictness strictness;
    private final Consumer<Quirk> quirks;
    private ByteBuffer buf;
    private int end;
    private String messageName = "";

    /** A strict reader: every deviation is an error. */
    public WireReader() {
        this(Strictness.STRICT, q -> {});
    }

    /** A reader that, when lenient, hands each tolerated deviation to {@code quirks}. */
    public WireReader(Strictness strictness, Consumer<Quirk> quirks) {
        this.strictness = strictness;
        this.quirks = quirks;
    }

    public Strictness strictness() {
        return strictness;
    }

    /**
     * Reports input that breaks the protocol's letter but can be understood: an error when
     * strict, a {@link Quirk} when lenient.
     */
    public void tolerate(String field, String description) throws ProtocolException {
        if (strictness == Strictness.STRICT) {
            throw error(field, description);
        }
        quirks.accept(new Quirk(messageName, field, description));
    }

    /**
     * Points the reader at {@code frame} from its position to {@code end} (exclusive), decoding
     * a message called {@code messageName}. The buffer's byte order is set to little-endian.
     */
    public WireReader reset(ByteBuffer frame, int end, String messageName) {
        this.buf = frame.order(ByteOrder.LITTLE_ENDIAN);
        this.end = end;
        this.messageName = messageName;
        return this;
    }

    /** The name of the message being decoded, for errors raised outside this class. */
    public String messageName() {
        return messageName;
    }

    /** Bytes left in the frame. */
    public int remaining() {
        return end - buf.position();
    }

    public int u8(String field) throws ProtocolException {
        need(1, field, -1);
        return buf.get() & 0xFF;
    }

    public int u16(String field) throws ProtocolException {
        need(2, field, -1);
        return buf.getShort() & 0xFFFF;
    }

    /** An unsigned 32-bit field, in an int (compare with {@link Integer#compareUnsigned}). */
    public int u32(String field) throws ProtocolException {
        need(4, field, -1);
        return buf.getInt();
    }

    public long u64(String field) throws ProtocolException {
        need(8, field, -1);
        return buf.getLong();
    }

    public String string(String field) throws ProtocolException {
        return string(field, -1);
    }

    /** A {@code length[2] string[length]} field; {@code index} >= 0 names an array element. */
    public String string(String field, int index) throws ProtocolException {
        need(2, field, index);
        int len = buf.getShort() & 0xFFFF;
        if (len > remaining()) {
            throw error(field, index, "string of " + len + " bytes, only " + remaining() + " left");
        }
        return WireString.decode(buf, len);
    }

    /** A view of the next {@code length} bytes (no copy); the reader moves past them. */
    public ByteBuffer slice(String field, long length) throws ProtocolException {
        if (length < 0 || length > remaining()) {
            throw error(field, -1, "says " + Long.toUnsignedString(length) + " bytes, only " + remaining()
                    + " left");
        }
        int len = (int) length;
        ByteBuffer view = buf.slice(buf.position(), len).order(ByteOrder.LITTLE_ENDIAN);
        buf.position(buf.position() + len);
        return view;
    }

    /**
     * Checks a count field before anything is allocated for it: {@code count} elements of at least
     * {@code minBytesEach} bytes must fit in what is left.
     */
    public void checkCount(String field, long count, int minBytesEach) throws ProtocolException {
        if (count * minBytesEach > remaining()) {
            throw error(field, -1, "count " + count + " needs at least " + count * minBytesEach
                    + " bytes, only " + remaining() + " left");
        }
    }

    /**
     * Narrows the readable region to the next {@code length} bytes (a structure with its own
     * size field, such as a stat) and returns the previous end, for {@link #restoreEnd}.
     */
    public int narrowTo(String field, int length) throws ProtocolException {
        if (length > remaining()) {
            throw error(field, -1, "says " + length + " bytes, only " + remaining() + " left");
        }
        int previous = end;
        end = buf.position() + length;
        return previous;
    }

    /** Undoes {@link #narrowTo}. */
    public void restoreEnd(int previousEnd) {
        end = previousEnd;
    }

    /** Skips {@code n} bytes that the caller has decided to ignore (a lenient decode). */
    public void skip(int n) {
        buf.position(buf.position() + n);
    }

    public ProtocolException error(String field, String detail) {
        return error(field, -1, detail);
    }

    private ProtocolException error(String field, int index, String detail) {
        String f = index >= 0 ? field + "[" + index + "]" : field;
        return new ProtocolException(messageName, f, detail);
    }

    private void need(int n, String field, int index) throws ProtocolException {
        if (remaining() < n) {
            throw error(field, index, "needs " + n + " bytes, only " + remaining() + " left");
        }
    }
}

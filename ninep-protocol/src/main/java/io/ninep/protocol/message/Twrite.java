package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Writes data at offset to the file open on fid.
 * <pre>size[4] Twrite tag[2] fid[4] offset[8] count[4] data[count]</pre>
 * {@code data} is a view, never a copy: the bytes from its position to its limit are the payload,
 * and count is their number. Keep the buffer's position and limit still while the message is in
 * use. See read(5).
 */
public record Twrite(int fid, long offset, ByteBuffer data) implements TMessage {
    /** Bytes before the data: header, fid, offset, count. */
    public static final int HEADER_SIZE = P9.HEADER_SIZE + 4 + 8 + 4;

    public Twrite {
        Objects.requireNonNull(data, "data");
    }

    /** count[4]: the number of bytes to write. */
    public int count() {
        return data.remaining();
    }

    @Override
    public ByteBuffer payload() {
        return data;
    }

    @Override
    public MessageType type() {
        return MessageType.TWRITE;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return HEADER_SIZE + data.remaining();
    }

    @Override
    public long maxSuccessReplySize() {
        return Rwrite.SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(fid);
        out.putLong(offset);
        out.putInt(data.remaining());
    }

    public static Twrite decode(WireReader r, Dialect dialect) throws ProtocolException {
        int fid = r.u32("fid");
        long offset = r.u64("offset");
        int count = r.u32("count");
        return new Twrite(fid, offset, r.slice("data", Integer.toUnsignedLong(count)));
    }
}

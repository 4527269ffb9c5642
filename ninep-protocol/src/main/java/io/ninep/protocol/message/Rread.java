package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The bytes read; fewer than asked for at the end of a file, none beyond it.
 * <pre>size[4] Rread tag[2] count[4] data[count]</pre>
 * {@code data} is a view of the frame (or of the caller's buffer), never a copy. See read(5).
 */
public record Rread(ByteBuffer data) implements RMessage {
    /** Bytes before the data: header and count. */
    public static final int HEADER_SIZE = P9.HEADER_SIZE + 4;

    public Rread {
        Objects.requireNonNull(data, "data");
    }

    public int count() {
        return data.remaining();
    }

    @Override
    public ByteBuffer payload() {
        return data;
    }

    @Override
    public MessageType type() {
        return MessageType.RREAD;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return HEADER_SIZE + data.remaining();
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(data.remaining());
    }

    public static Rread decode(WireReader r, Dialect dialect) throws ProtocolException {
        int count = r.u32("count");
        return new Rread(r.slice("data", Integer.toUnsignedLong(count)));
    }
}

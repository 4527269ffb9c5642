package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Directory entries, packed as {@link DirEntry} records; no data means the end of the directory.
 * <pre>size[4] Rreaddir tag[2] count[4] data[count]</pre>
 * {@code data} is a view, never a copy; {@link DirEntry#decodeAll} unpacks it. See diod's
 * protocol.md.
 */
public record Rreaddir(ByteBuffer data) implements RMessage {
    /** Bytes before the data: header and count. */
    public static final int HEADER_SIZE = P9.HEADER_SIZE + 4;

    public Rreaddir {
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
        return MessageType.RREADDIR;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return HEADER_SIZE + data.remaining();
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(data.remaining());
    }

    public static Rreaddir decode(WireReader r, Dialect dialect) throws ProtocolException {
        int count = r.u32("count");
        return new Rreaddir(r.slice("data", Integer.toUnsignedLong(count)));
    }
}

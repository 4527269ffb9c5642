package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * File system statistics.
 * <pre>size[4] Rstatfs tag[2] type[4] bsize[4] blocks[8] bfree[8] bavail[8] files[8] ffree[8] fsid[8] namelen[4]</pre>
 * See diod protocol.md.
 */
public record Rstatfs(StatFs statFs) implements RMessage {
    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE + StatFs.SIZE_ON_WIRE;

    public Rstatfs {
        java.util.Objects.requireNonNull(statFs, "statFs");
    }

    @Override
    public MessageType type() {
        return MessageType.RSTATFS;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        statFs.encode(out);
    }

    public static Rstatfs decode(WireReader r, Dialect dialect) throws ProtocolException {
        StatFs statFs = StatFs.decode(r);
        return new Rstatfs(statFs);
    }
}

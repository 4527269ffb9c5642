package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * The attributes asked for; their valid mask says which fields hold values.
 * <pre>size[4] Rgetattr tag[2] valid[8] qid[13] mode[4] uid[4] gid[4] nlink[8] rdev[8] size[8] blksize[8] blocks[8] atime_sec[8] atime_nsec[8] mtime_sec[8] mtime_nsec[8] ctime_sec[8] ctime_nsec[8] btime_sec[8] btime_nsec[8] gen[8] data_version[8]</pre>
 * See diod protocol.md.
 */
public record Rgetattr(Attr attr) implements RMessage {
    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE + Attr.SIZE_ON_WIRE;

    public Rgetattr {
        java.util.Objects.requireNonNull(attr, "attr");
    }

    @Override
    public MessageType type() {
        return MessageType.RGETATTR;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        attr.encode(out);
    }

    public static Rgetattr decode(WireReader r, Dialect dialect) throws ProtocolException {
        Attr attr = Attr.decode(r);
        return new Rgetattr(attr);
    }
}

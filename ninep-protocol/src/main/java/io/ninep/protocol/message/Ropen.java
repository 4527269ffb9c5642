package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * The opened file's qid and iounit (the largest count that Tread/Twrite can move atomically, 0
 * for "msize - 24").
 * <pre>size[4] Ropen tag[2] qid[13] iounit[4]</pre>
 * See open(5).
 */
public record Ropen(Qid qid, int ioUnit) implements RMessage {
    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE + 17;

    public Ropen {
        java.util.Objects.requireNonNull(qid, "qid");
    }

    @Override
    public MessageType type() {
        return MessageType.ROPEN;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        qid.encode(out);
        out.putInt(ioUnit);
    }

    public static Ropen decode(WireReader r, Dialect dialect) throws ProtocolException {
        Qid qid = Qid.decode(r, "qid");
        int ioUnit = r.u32("iounit");
        return new Ropen(qid, ioUnit);
    }
}

package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * The qid of the new directory.
 * <pre>size[4] Rmkdir tag[2] qid[13]</pre>
 * See diod protocol.md.
 */
public record Rmkdir(Qid qid) implements RMessage {
    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE + 13;

    public Rmkdir {
        java.util.Objects.requireNonNull(qid, "qid");
    }

    @Override
    public MessageType type() {
        return MessageType.RMKDIR;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        qid.encode(out);
    }

    public static Rmkdir decode(WireReader r, Dialect dialect) throws ProtocolException {
        Qid qid = Qid.decode(r, "qid");
        return new Rmkdir(qid);
    }
}

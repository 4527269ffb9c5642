package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * The qid of the root of the attached tree.
 * <pre>size[4] Rattach tag[2] qid[13]</pre>
 * See attach(5).
 */
public record Rattach(Qid qid) implements RMessage {
    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE + 13;

    public Rattach {
        java.util.Objects.requireNonNull(qid, "qid");
    }

    @Override
    public MessageType type() {
        return MessageType.RATTACH;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        qid.encode(out);
    }

    public static Rattach decode(WireReader r, Dialect dialect) throws ProtocolException {
        Qid qid = Qid.decode(r, "qid");
        return new Rattach(qid);
    }
}

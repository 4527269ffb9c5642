package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * The qid of the authentication file; afid can now be read and written to authenticate.
 * <pre>size[4] Rauth tag[2] aqid[13]</pre>
 * See attach(5).
 */
public record Rauth(Qid authQid) implements RMessage {
    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE + 13;

    public Rauth {
        java.util.Objects.requireNonNull(authQid, "authQid");
    }

    @Override
    public MessageType type() {
        return MessageType.RAUTH;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        authQid.encode(out);
    }

    public static Rauth decode(WireReader r, Dialect dialect) throws ProtocolException {
        Qid authQid = Qid.decode(r, "aqid");
        return new Rauth(authQid);
    }
}

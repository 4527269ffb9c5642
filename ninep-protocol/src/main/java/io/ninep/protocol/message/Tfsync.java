package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * Flushes the file open on fid to stable storage; datasync non-zero asks only for the data
 * (fdatasync(2)).
 * <pre>size[4] Tfsync tag[2] fid[4] datasync[4]</pre>
 * See diod protocol.md.
 */
public record Tfsync(int fid, int dataSync) implements TMessage {
    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE + 8;

    @Override
    public MessageType type() {
        return MessageType.TFSYNC;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return SIZE;
    }

    @Override
    public long maxSuccessReplySize() {
        return P9.HEADER_SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(fid);
        out.putInt(dataSync);
    }

    public static Tfsync decode(WireReader r, Dialect dialect) throws ProtocolException {
        int fid = r.u32("fid");
        int dataSync = r.u32("datasync");
        return new Tfsync(fid, dataSync);
    }
}

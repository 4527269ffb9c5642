package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.WireString;
import java.nio.ByteBuffer;

/**
 * The lock that conflicts with the one tested, or the tested lock with type UNLCK if none
 * does.
 * <pre>size[4] Rgetlock tag[2] type[1] start[8] length[8] proc_id[4] client_id[s]</pre>
 * See diod protocol.md.
 */
public record Rgetlock(int lockType, long start, long length, int procId, String clientId) implements RMessage {
    public Rgetlock {
        if (lockType < 0 || lockType > 0xFF) {
            throw new IllegalArgumentException("type " + lockType + " is not a byte");
        }
        java.util.Objects.requireNonNull(clientId, "clientId");
    }

    @Override
    public MessageType type() {
        return MessageType.RGETLOCK;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        int size = P9.HEADER_SIZE + 23;
        int clientIdLength = WireString.encodedLength(clientId);
        WireString.checkLength(clientIdLength);
        size += clientIdLength;
        return size;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.put((byte) lockType);
        out.putLong(start);
        out.putLong(length);
        out.putInt(procId);
        WireString.put(out, clientId);
    }

    public static Rgetlock decode(WireReader r, Dialect dialect) throws ProtocolException {
        int lockType = r.u8("type");
        long start = r.u64("start");
        long length = r.u64("length");
        int procId = r.u32("proc_id");
        String clientId = r.string("client_id");
        return new Rgetlock(lockType, start, length, procId, clientId);
    }
}

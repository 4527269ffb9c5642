package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.WireString;
import java.nio.ByteBuffer;

/**
 * Tests whether a POSIX record lock could be placed (fcntl F_GETLK).
 * <pre>size[4] Tgetlock tag[2] fid[4] type[1] start[8] length[8] proc_id[4] client_id[s]</pre>
 * See diod protocol.md.
 */
public record Tgetlock(int fid, int lockType, long start, long length, int procId, String clientId) implements TMessage {
    public Tgetlock {
        if (lockType < 0 || lockType > 0xFF) {
            throw new IllegalArgumentException("type " + lockType + " is not a byte");
        }
        java.util.Objects.requireNonNull(clientId, "clientId");
    }

    @Override
    public MessageType type() {
        return MessageType.TGETLOCK;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        int size = P9.HEADER_SIZE + 27;
        int clientIdLength = WireString.encodedLength(clientId);
        WireString.checkLength(clientIdLength);
        size += clientIdLength;
        return size;
    }

    @Override
    public long maxSuccessReplySize() {
        return P9.HEADER_SIZE + 1 + 8 + 8 + 4 + 2 + P9.MAX_STRING_BYTES;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(fid);
        out.put((byte) lockType);
        out.putLong(start);
        out.putLong(length);
        out.putInt(procId);
        WireString.put(out, clientId);
    }

    public static Tgetlock decode(WireReader r, Dialect dialect) throws ProtocolException {
        int fid = r.u32("fid");
        int lockType = r.u8("type");
        long start = r.u64("start");
        long length = r.u64("length");
        int procId = r.u32("proc_id");
        String clientId = r.string("client_id");
        return new Tgetlock(fid, lockType, start, length, procId, clientId);
    }
}

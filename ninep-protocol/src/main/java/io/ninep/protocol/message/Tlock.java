package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.WireString;
import java.nio.ByteBuffer;

/**
 * Acquires or releases a POSIX record lock (fcntl F_SETLK) on the file open on fid. type is
 * RDLCK 0, WRLCK 1 or UNLCK 2; flags bit 1 asks to block; length 0 means "to the end of the
 * file".
 * <pre>size[4] Tlock tag[2] fid[4] type[1] flags[4] start[8] length[8] proc_id[4] client_id[s]</pre>
 * See diod protocol.md.
 */
public record Tlock(int fid, int lockType, int flags, long start, long length, int procId, String clientId) implements TMessage {
    public static final int RDLCK = 0;
    public static final int WRLCK = 1;
    public static final int UNLCK = 2;
    /** flags: block until the lock can be had. */
    public static final int FLAGS_BLOCK = 1;
    /** flags: reserved for reclaiming locks after a server restart. */
    public static final int FLAGS_RECLAIM = 2;

    public Tlock {
        if (lockType < 0 || lockType > 0xFF) {
            throw new IllegalArgumentException("type " + lockType + " is not a byte");
        }
        java.util.Objects.requireNonNull(clientId, "clientId");
    }

    @Override
    public MessageType type() {
        return MessageType.TLOCK;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        int size = P9.HEADER_SIZE + 31;
        int clientIdLength = WireString.encodedLength(clientId);
        WireString.checkLength(clientIdLength);
        size += clientIdLength;
        return size;
    }

    @Override
    public long maxSuccessReplySize() {
        return Rlock.SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(fid);
        out.put((byte) lockType);
        out.putInt(flags);
        out.putLong(start);
        out.putLong(length);
        out.putInt(procId);
        WireString.put(out, clientId);
    }

    public static Tlock decode(WireReader r, Dialect dialect) throws ProtocolException {
        int fid = r.u32("fid");
        int lockType = r.u8("type");
        int flags = r.u32("flags");
        long start = r.u64("start");
        long length = r.u64("length");
        int procId = r.u32("proc_id");
        String clientId = r.string("client_id");
        return new Tlock(fid, lockType, flags, start, length, procId, clientId);
    }
}

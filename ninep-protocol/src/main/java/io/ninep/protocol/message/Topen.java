package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * Opens fid for I/O in mode (OREAD 0, OWRITE 1, ORDWR 2, OEXEC 3, with OTRUNC 0x10 and ORCLOSE
 * 0x40).
 * <pre>size[4] Topen tag[2] fid[4] mode[1]</pre>
 * See open(5).
 */
public record Topen(int fid, int mode) implements TMessage {
    public static final int OREAD = 0;
    public static final int OWRITE = 1;
    public static final int ORDWR = 2;
    public static final int OEXEC = 3;
    public static final int OTRUNC = 0x10;
    public static final int ORCLOSE = 0x40;

    /** Bytes on the wire, header included. */
    public static final int SIZE = P9.HEADER_SIZE + 5;

    public Topen {
        if (mode < 0 || mode > 0xFF) {
            throw new IllegalArgumentException("mode " + mode + " is not a byte");
        }
    }

    @Override
    public MessageType type() {
        return MessageType.TOPEN;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return SIZE;
    }

    @Override
    public long maxSuccessReplySize() {
        return Ropen.SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(fid);
        out.put((byte) mode);
    }

    public static Topen decode(WireReader r, Dialect dialect) throws ProtocolException {
        int fid = r.u32("fid");
        int mode = r.u8("mode");
        return new Topen(fid, mode);
    }
}

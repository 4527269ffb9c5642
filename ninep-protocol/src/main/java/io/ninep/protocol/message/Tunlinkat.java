package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.WireString;
import java.nio.ByteBuffer;

/**
 * Removes name from directory dirfd; flags may hold AT_REMOVEDIR (0x200) to remove a
 * directory.
 * <pre>size[4] Tunlinkat tag[2] dirfd[4] name[s] flags[4]</pre>
 * See diod protocol.md.
 */
public record Tunlinkat(int dirFid, String name, int flags) implements TMessage {
    /** Linux's AT_REMOVEDIR. */
    public static final int AT_REMOVEDIR = 0x200;

    public Tunlinkat {
        java.util.Objects.requireNonNull(name, "name");
    }

    @Override
    public MessageType type() {
        return MessageType.TUNLINKAT;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        int size = P9.HEADER_SIZE + 10;
        int nameLength = WireString.encodedLength(name);
        WireString.checkLength(nameLength);
        size += nameLength;
        return size;
    }

    @Override
    public long maxSuccessReplySize() {
        return P9.HEADER_SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(dirFid);
        WireString.put(out, name);
        out.putInt(flags);
    }

    public static Tunlinkat decode(WireReader r, Dialect dialect) throws ProtocolException {
        int dirFid = r.u32("dirfd");
        String name = r.string("name");
        int flags = r.u32("flags");
        return new Tunlinkat(dirFid, name, flags);
    }
}

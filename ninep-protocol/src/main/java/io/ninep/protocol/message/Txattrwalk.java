package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.WireString;
import java.nio.ByteBuffer;

/**
 * Makes newfid refer to the extended attribute name of fid, ready to be read; an empty name
 * lists the attribute names.
 * <pre>size[4] Txattrwalk tag[2] fid[4] newfid[4] name[s]</pre>
 * See diod protocol.md.
 */
public record Txattrwalk(int fid, int newFid, String name) implements TMessage {
    public Txattrwalk {
        java.util.Objects.requireNonNull(name, "name");
    }

    @Override
    public MessageType type() {
        return MessageType.TXATTRWALK;
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
        return Rxattrwalk.SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(fid);
        out.putInt(newFid);
        WireString.put(out, name);
    }

    public static Txattrwalk decode(WireReader r, Dialect dialect) throws ProtocolException {
        int fid = r.u32("fid");
        int newFid = r.u32("newfid");
        String name = r.string("name");
        return new Txattrwalk(fid, newFid, name);
    }
}

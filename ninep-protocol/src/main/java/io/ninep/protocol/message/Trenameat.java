package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.WireString;
import java.nio.ByteBuffer;

/**
 * Renames oldname in directory olddirfid to newname in directory newdirfid.
 * <pre>size[4] Trenameat tag[2] olddirfid[4] oldname[s] newdirfid[4] newname[s]</pre>
 * See diod protocol.md.
 */
public record Trenameat(int oldDirFid, String oldName, int newDirFid, String newName) implements TMessage {
    public Trenameat {
        java.util.Objects.requireNonNull(oldName, "oldName");
        java.util.Objects.requireNonNull(newName, "newName");
    }

    @Override
    public MessageType type() {
        return MessageType.TRENAMEAT;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        int size = P9.HEADER_SIZE + 12;
        int oldNameLength = WireString.encodedLength(oldName);
        WireString.checkLength(oldNameLength);
        size += oldNameLength;
        int newNameLength = WireString.encodedLength(newName);
        WireString.checkLength(newNameLength);
        size += newNameLength;
        return size;
    }

    @Override
    public long maxSuccessReplySize() {
        return P9.HEADER_SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(oldDirFid);
        WireString.put(out, oldName);
        out.putInt(newDirFid);
        WireString.put(out, newName);
    }

    public static Trenameat decode(WireReader r, Dialect dialect) throws ProtocolException {
        int oldDirFid = r.u32("olddirfid");
        String oldName = r.string("oldname");
        int newDirFid = r.u32("newdirfid");
        String newName = r.string("newname");
        return new Trenameat(oldDirFid, oldName, newDirFid, newName);
    }
}

package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Changes the stat of the file fid refers to: every field that is not "don't touch" (all ones,
 * or an empty string) is applied, all or none (9P2000 and 9P2000.u).
 * <pre>size[4] Twstat tag[2] fid[4] stat[n]</pre>
 * See stat(5) and {@link Rstat} for the doubled size.
 */
public record Twstat(int fid, Stat stat) implements TMessage {
    public Twstat {
        Objects.requireNonNull(stat, "stat");
    }

    @Override
    public MessageType type() {
        return MessageType.TWSTAT;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return P9.HEADER_SIZE + 4 + 2 + Rstat.countedStatSize(stat, dialect);
    }

    @Override
    public long maxSuccessReplySize() {
        return Rwstat.SIZE;
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(fid);
        out.putShort((short) stat.encodedSize(dialect));
        stat.encode(out, dialect);
    }

    public static Twstat decode(WireReader r, Dialect dialect) throws ProtocolException {
        int fid = r.u32("fid");
        return new Twstat(fid, Rstat.decodeCountedStat(r, dialect));
    }
}

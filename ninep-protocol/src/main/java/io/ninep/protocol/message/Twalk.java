package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.WireString;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * Walks from fid through the path elements in names, making newfid refer to where the walk ends;
 * no names clones fid. walk(5) limits a walk to {@link P9#MAX_WALK_ELEMENTS} names; this value
 * can hold up to 65535 so that a server can be sent (and can refuse) a longer one.
 * <pre>size[4] Twalk tag[2] fid[4] newfid[4] nwname[2] nwname*(wname[s])</pre>
 * See walk(5).
 */
public record Twalk(int fid, int newFid, List<String> names) implements TMessage {
    public Twalk {
        names = List.copyOf(names);
        if (names.size() > 0xFFFF) {
            throw new IllegalArgumentException("a walk of " + names.size() + " names does not fit nwname[2]");
        }
    }

    public Twalk(int fid, int newFid, String... names) {
        this(fid, newFid, List.of(names));
    }

    @Override
    public MessageType type() {
        return MessageType.TWALK;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        int size = P9.HEADER_SIZE + 4 + 4 + 2;
        for (String name : names) {
            int len = WireString.encodedLength(Objects.requireNonNull(name, "name"));
            WireString.checkLength(len);
            size += 2 + len;
        }
        return size;
    }

    /** Rwalk carries one qid per name walked, at most one per name asked. */
    @Override
    public long maxSuccessReplySize() {
        return P9.HEADER_SIZE + 2 + (long) P9.QID_SIZE * names.size();
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putInt(fid);
        out.putInt(newFid);
        out.putShort((short) names.size());
        for (String name : names) {
            WireString.put(out, name);
        }
    }

    public static Twalk decode(WireReader r, Dialect dialect) throws ProtocolException {
        int fid = r.u32("fid");
        int newFid = r.u32("newfid");
        int n = r.u16("nwname");
        r.checkCount("nwname", n, 2);
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = r.string("wname", i);
        }
        return new Twalk(fid, newFid, List.of(names));
    }
}

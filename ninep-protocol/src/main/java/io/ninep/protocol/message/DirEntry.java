package io.ninep.protocol.message;

import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.WireString;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One directory entry of a 9P2000.L Rreaddir: {@code qid[13] offset[8] type[1] name[s]}.
 * {@code offset} is the value to pass in the next Treaddir to continue after this entry;
 * {@code type} is the dirent d_type (DT_DIR = 4, DT_REG = 8, DT_LNK = 10, ...).
 */
public record DirEntry(Qid qid, long offset, int type, String name) {
    public static final int DT_UNKNOWN = 0;
    public static final int DT_FIFO = 1;
    public static final int DT_CHR = 2;
    public static final int DT_DIR = 4;
    public static final int DT_BLK = 6;
    public static final int DT_REG = 8;
    public static final int DT_LNK = 10;
    public static final int DT_SOCK = 12;

    public DirEntry {
        Objects.requireNonNull(qid, "qid");
        Objects.requireNonNull(name, "name");
        if (type < 0 || type > 0xFF) {
            throw new IllegalArgumentException("dirent type " + type + " is not a byte");
        }
    }

    /** Bytes on the wire. */
    public int encodedSize() {
        int len = WireString.encodedLength(name);
        WireString.checkLength(len);
        return P9.QID_SIZE + 8 + 1 + 2 + len;
    }

    public void encode(ByteBuffer out) {
        qid.encode(out);
        out.putLong(offset);
        out.put((byte) type);
        WireString.put(out, name);
    }

    public static DirEntry decode(WireReader r) throws ProtocolException {
        Qid qid = Qid.decode(r, "dirent.qid");
        long offset = r.u64("dirent.offset");
        int type = r.u8("dirent.type");
        String name = r.string("dirent.name");
        return new DirEntry(qid, offset, type, name);
    }

    /**
     * Decodes the entries packed in an Rreaddir's data.
     *
     * @param reader a reader for error reporting; it is pointed at {@code data}
     */
    public static List<DirEntry> decodeAll(ByteBuffer data, WireReader reader) throws ProtocolException {
        ByteBuffer view = data.duplicate();
        reader.reset(view, view.limit(), "Rreaddir.data");
        List<DirEntry> entries = new ArrayList<>();
        while (reader.remaining() > 0) {
            entries.add(decode(reader));
        }
        return entries;
    }
}

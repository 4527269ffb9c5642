package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.WireString;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A directory entry of 9P2000 and 9P2000.u (stat(5)), as Rstat, Twstat and directory reads carry it:
 * <pre>size[2] type[2] dev[4] qid[13] mode[4] atime[4] mtime[4] length[8]
 * name[s] uid[s] gid[s] muid[s]
 * (9P2000.u adds) extension[s] n_uid[4] n_gid[4] n_muid[4]</pre>
 * size counts the bytes after itself. mode carries the DM* bits below in its high byte and the
 * Unix permission bits in its low bits. In plain 9P2000 the .u fields are not sent; decoding
 * sets them to "" and {@link P9#NONUNAME}.
 *
 * <p>In Twstat, a field whose value is "don't touch" (all ones, or an empty string) is left as is
 * (stat(5)); {@link #unchanged()} starts from such a stat.
 */
public record Stat(int type, int dev, Qid qid, int mode, int atime, int mtime, long length,
                   String name, String uid, String gid, String muid,
                   String extension, int nUid, int nGid, int nMuid) {

    public static final int DMDIR = 0x8000_0000;
    public static final int DMAPPEND = 0x4000_0000;
    public static final int DMEXCL = 0x2000_0000;
    public static final int DMMOUNT = 0x1000_0000;
    public static final int DMAUTH = 0x0800_0000;
    public static final int DMTMP = 0x0400_0000;
    /** 9P2000.u extensions of the mode bits. */
    public static final int DMSYMLINK = 0x0200_0000;
    public static final int DMLINK = 0x0100_0000;
    public static final int DMDEVICE = 0x0080_0000;
    public static final int DMNAMEDPIPE = 0x0020_0000;
    public static final int DMSOCKET = 0x0010_0000;
    public static final int DMSETUID = 0x0008_0000;
    public static final int DMSETGID = 0x0004_0000;
    public static final int DMSETVTX = 0x0001_0000;

    /** type[2] dev[4] qid[13] mode[4] atime[4] mtime[4] length[8]. */
    private static final int FIXED = 2 + 4 + P9.QID_SIZE + 4 + 4 + 4 + 8;

    public Stat {
        Objects.requireNonNull(qid, "qid");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(gid, "gid");
        Objects.requireNonNull(muid, "muid");
        Objects.requireNonNull(extension, "extension");
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("stat type " + type + " is not a 16-bit value");
        }
    }

    /** A Twstat stat that changes nothing: every number all ones, every string empty. */
    public static Stat unchanged() {
        return new Stat(0xFFFF, -1, new Qid(0xFF, -1, -1L), -1, -1, -1, -1L, "", "", "", "",
                "", P9.NONUNAME, P9.NONUNAME, P9.NONUNAME);
    }

    public Stat withName(String newName) {
        return new Stat(type, dev, qid, mode, atime, mtime, length, newName, uid, gid, muid,
                extension, nUid, nGid, nMuid);
    }

    public Stat withMode(int newMode) {
        return new Stat(type, dev, qid, newMode, atime, mtime, length, name, uid, gid, muid,
                extension, nUid, nGid, nMuid);
    }

    public Stat withLength(long newLength) {
        return new Stat(type, dev, qid, mode, atime, mtime, newLength, name, uid, gid, muid,
                extension, nUid, nGid, nMuid);
    }

    public Stat withMtime(int newMtime) {
        return new Stat(type, dev, qid, mode, atime, newMtime, length, name, uid, gid, muid,
                extension, nUid, nGid, nMuid);
    }

    /** Bytes on the wire, including the leading size[2]. */
    public int encodedSize(Dialect dialect) {
        int n = 2 + FIXED + strings(name, uid, gid, muid);
        if (dialect.hasUnixExtensions()) {
            n += strings(extension) + 12;
        }
        // stat(5): size[2] counts the bytes after it, so a stat can be no larger than 2 + 65535.
        if (n - 2 > 0xFFFF) {
            throw new IllegalArgumentException("stat of " + n + " bytes does not fit its size[2] field");
        }
        return n;
    }

    private static int strings(String... values) {
        int n = 0;
        for (String v : values) {
            int len = WireString.encodedLength(v);
            WireString.checkLength(len);
            n += 2 + len;
        }
        return n;
    }

    public void encode(ByteBuffer out, Dialect dialect) {
        out.putShort((short) (encodedSize(dialect) - 2));
        out.putShort((short) type);
        out.putInt(dev);
        qid.encode(out);
        out.putInt(mode).putInt(atime).putInt(mtime).putLong(length);
        WireString.put(out, name);
        WireString.put(out, uid);
        WireString.put(out, gid);
        WireString.put(out, muid);
        if (dialect.hasUnixExtensions()) {
            WireString.put(out, extension);
            out.putInt(nUid).putInt(nGid).putInt(nMuid);
        }
    }

    /** Decodes one stat, size field first, never reading past the size it declares. */
    public static Stat decode(WireReader r, Dialect dialect) throws ProtocolException {
        int size = r.u16("stat.size");
        int outer = r.narrowTo("stat.size", size);
        try {
            int type = r.u16("stat.type");
            int dev = r.u32("stat.dev");
            Qid qid = Qid.decode(r, "stat.qid");
            int mode = r.u32("stat.mode");
            int atime = r.u32("stat.atime");
            int mtime = r.u32("stat.mtime");
            long length = r.u64("stat.length");
            String name = r.string("stat.name");
            String uid = r.string("stat.uid");
            String gid = r.string("stat.gid");
            String muid = r.string("stat.muid");
            String extension = "";
            int nUid = P9.NONUNAME;
            int nGid = P9.NONUNAME;
            int nMuid = P9.NONUNAME;
            if (dialect.hasUnixExtensions()) {
                if (r.remaining() == 0) {
                    r.tolerate("stat.extension", "9P2000.u stat without its .u fields; read as 9P2000");
                } else {
                    extension = r.string("stat.extension");
                    nUid = r.u32("stat.n_uid");
                    nGid = r.u32("stat.n_gid");
                    nMuid = r.u32("stat.n_muid");
                }
            }
            if (r.remaining() > 0) {
                int extra = r.remaining();
                r.tolerate("stat.size", extra + " bytes after the last field of the stat, ignored");
                r.skip(extra);
            }
            return new Stat(type, dev, qid, mode, atime, mtime, length, name, uid, gid, muid,
                    extension, nUid, nGid, nMuid);
        } finally {
            r.restoreEnd(outer);
        }
    }

    /**
     * Decodes the stats that a read of a 9P2000 directory returns, packed back to back.
     *
     * @param reader a reader for error reporting and leniency; it is pointed at {@code data}
     */
    public static List<Stat> decodeAll(ByteBuffer data, Dialect dialect, WireReader reader)
            throws ProtocolException {
        ByteBuffer view = data.duplicate();
        reader.reset(view, view.limit(), "Rread(directory)");
        List<Stat> stats = new ArrayList<>();
        while (reader.remaining() > 0) {
            stats.add(decode(reader, dialect));
        }
        return stats;
    }
}

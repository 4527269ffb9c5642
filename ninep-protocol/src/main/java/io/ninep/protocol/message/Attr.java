package io.ninep.protocol.message;

import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * The attributes of a file in 9P2000.L, as Rgetattr carries them (Linux's p9_stat_dotl):
 * <pre>valid[8] qid[13] mode[4] uid[4] gid[4] nlink[8] rdev[8] size[8] blksize[8] blocks[8]
 * atime_sec[8] atime_nsec[8] mtime_sec[8] mtime_nsec[8] ctime_sec[8] ctime_nsec[8]
 * btime_sec[8] btime_nsec[8] gen[8] data_version[8]</pre>
 * {@code valid} says which fields hold values (the mask bits below, as in Tgetattr's
 * request_mask); times have nanosecond resolution. mode is Linux's st_mode (S_IFMT and the
 * permission bits).
 */
public record Attr(
        long valid, Qid qid, int mode, int uid, int gid, long nlink, long rdev, long size,
        long blksize, long blocks, long atimeSec, long atimeNsec, long mtimeSec, long mtimeNsec,
        long ctimeSec, long ctimeNsec, long btimeSec, long btimeNsec, long gen, long dataVersion) {

    public static final long MODE = 0x0001L;
    public static final long NLINK = 0x0002L;
    public static final long UID = 0x0004L;
    public static final long GID = 0x0008L;
    public static final long RDEV = 0x0010L;
    public static final long ATIME = 0x0020L;
    public static final long MTIME = 0x0040L;
    public static final long CTIME = 0x0080L;
    public static final long INO = 0x0100L;
    public static final long SIZE = 0x0200L;
    public static final long BLOCKS = 0x0400L;
    public static final long BTIME = 0x0800L;
    public static final long GEN = 0x1000L;
    public static final long DATA_VERSION = 0x2000L;
    /** The fields of stat(2): MODE to BLOCKS. */
    public static final long BASIC = 0x07FFL;
    /** Every field. */
    public static final long ALL = 0x3FFFL;

    /** Bytes on the wire. */
    public static final int SIZE_ON_WIRE = 8 + 13 + 4 + 4 + 4 + 8 * 15;

    public Attr {
        java.util.Objects.requireNonNull(qid, "qid");
    }

    public Instant atime() {
        return Instant.ofEpochSecond(atimeSec, atimeNsec);
    }

    public Instant mtime() {
        return Instant.ofEpochSecond(mtimeSec, mtimeNsec);
    }

    public Instant ctime() {
        return Instant.ofEpochSecond(ctimeSec, ctimeNsec);
    }

    public Instant btime() {
        return Instant.ofEpochSecond(btimeSec, btimeNsec);
    }

    public boolean has(long maskBits) {
        return (valid & maskBits) == maskBits;
    }

    public static Attr decode(WireReader r) throws ProtocolException {
        long valid = r.u64("valid");
        Qid qid = Qid.decode(r, "qid");
        return new Attr(valid, qid, r.u32("mode"), r.u32("uid"), r.u32("gid"), r.u64("nlink"),
                r.u64("rdev"), r.u64("size"), r.u64("blksize"), r.u64("blocks"),
                r.u64("atime_sec"), r.u64("atime_nsec"), r.u64("mtime_sec"), r.u64("mtime_nsec"),
                r.u64("ctime_sec"), r.u64("ctime_nsec"), r.u64("btime_sec"), r.u64("btime_nsec"),
                r.u64("gen"), r.u64("data_version"));
    }

    public void encode(ByteBuffer out) {
        out.putLong(valid);
        qid.encode(out);
        out.putInt(mode).putInt(uid).putInt(gid);
        out.putLong(nlink).putLong(rdev).putLong(size).putLong(blksize).putLong(blocks);
        out.putLong(atimeSec).putLong(atimeNsec).putLong(mtimeSec).putLong(mtimeNsec);
        out.putLong(ctimeSec).putLong(ctimeNsec).putLong(btimeSec).putLong(btimeNsec);
        out.putLong(gen).putLong(dataVersion);
    }
}

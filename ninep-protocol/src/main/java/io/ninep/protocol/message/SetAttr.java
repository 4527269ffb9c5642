package io.ninep.protocol.message;

import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * The changes Tsetattr asks for (Linux's p9_iattr_dotl):
 * <pre>valid[4] mode[4] uid[4] gid[4] size[8] atime_sec[8] atime_nsec[8] mtime_sec[8] mtime_nsec[8]</pre>
 * {@code valid} selects the fields to apply. A time bit without its _SET bit means "set it to
 * the server's current time"; with it, "set it to the value sent". CTIME asks for ctime to be
 * updated.
 */
public record SetAttr(int valid, int mode, int uid, int gid, long size,
                      long atimeSec, long atimeNsec, long mtimeSec, long mtimeNsec) {

    public static final int MODE = 0x001;
    public static final int UID = 0x002;
    public static final int GID = 0x004;
    public static final int SIZE = 0x008;
    public static final int ATIME = 0x010;
    public static final int MTIME = 0x020;
    public static final int CTIME = 0x040;
    public static final int ATIME_SET = 0x080;
    public static final int MTIME_SET = 0x100;

    /** Bytes on the wire. */
    public static final int SIZE_ON_WIRE = 4 * 4 + 8 * 5;

    public boolean has(int bits) {
        return (valid & bits) == bits;
    }

    public static SetAttr decode(WireReader r) throws ProtocolException {
        return new SetAttr(r.u32("valid"), r.u32("mode"), r.u32("uid"), r.u32("gid"), r.u64("size"),
                r.u64("atime_sec"), r.u64("atime_nsec"), r.u64("mtime_sec"), r.u64("mtime_nsec"));
    }

    public void encode(ByteBuffer out) {
        out.putInt(valid).putInt(mode).putInt(uid).putInt(gid).putLong(size);
        out.putLong(atimeSec).putLong(atimeNsec).putLong(mtimeSec).putLong(mtimeNsec);
    }
}

package io.ninep.protocol.message;

import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * The server's unique identity of a file: {@code type[1] version[4] path[8]} (13 bytes).
 * Two files are the same file exactly when their paths are equal; the version changes when the
 * file's content changes; the type is the high byte of the file's mode bits.
 */
public record Qid(int type, int version, long path) {
    public static final int DIR = 0x80;
    public static final int APPEND = 0x40;
    public static final int EXCL = 0x20;
    public static final int MOUNT = 0x10;
    public static final int AUTH = 0x08;
    public static final int TMP = 0x04;
    /** 9P2000.u and .L. */
    public static final int SYMLINK = 0x02;
    /** 9P2000.u: a hard link. */
    public static final int LINK = 0x01;
    public static final int FILE = 0x00;

    public Qid {
        if (type < 0 || type > 0xFF) {
            throw new IllegalArgumentException("qid type " + type + " is not a byte");
        }
    }

    public boolean isDirectory() {
        return (type & DIR) != 0;
    }

    public boolean isSymlink() {
        return (type & SYMLINK) != 0;
    }

    public static Qid decode(WireReader r, String field) throws ProtocolException {
        if (r.remaining() < P9.QID_SIZE) {
            throw r.error(field, "qid needs 13 bytes, only " + r.remaining() + " left");
        }
        int type = r.u8(field);
        int version = r.u32(field);
        long path = r.u64(field);
        return new Qid(type, version, path);
    }

    public void encode(ByteBuffer out) {
        out.put((byte) type);
        out.putInt(version);
        out.putLong(path);
    }

    /** As the Plan 9 tools print it: {@code (0000000000000001 0 d)}. */
    @Override
    public String toString() {
        StringBuilder t = new StringBuilder();
        if ((type & DIR) != 0) t.append('d');
        if ((type & APPEND) != 0) t.append('a');
        if ((type & EXCL) != 0) t.append('l');
        if ((type & MOUNT) != 0) t.append('m');
        if ((type & AUTH) != 0) t.append('A');
        if ((type & TMP) != 0) t.append('t');
        if ((type & SYMLINK) != 0) t.append('L');
        if ((type & LINK) != 0) t.append('h');
        return String.format("(%016x %d %s)", path, Integer.toUnsignedLong(version), t);
    }
}

package io.ninep.protocol.codec;

import io.ninep.protocol.Errno;
import io.ninep.protocol.P9;
import io.ninep.protocol.message.*;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One readable line per message, in the spirit of Plan 9's fcall format (fcall(2)):
 * {@code Twalk tag 1 fid 0 newfid 1 nwname 2 0:usr 1:bin}. Strings are quoted; bytes that are
 * not UTF-8 and control characters appear as {@code \xNN}, format characters (bidi overrides,
 * zero-width joiners) as <code>&#92;uNNNN</code>, so a line shows what is there and cannot be made to
 * read differently; payloads show their first 64 bytes, as text when
 * they are printable and as hex otherwise; modes and open flags are octal, masks hex.
 */
public final class FcallFormat {
    private FcallFormat() {}

    /** How many payload bytes a line shows. */
    public static final int DUMP_BYTES = 64;

    public static String format(Frame frame) {
        StringBuilder b = new StringBuilder(96);
        Message m = frame.body();
        b.append(m.type().displayName()).append(" tag ");
        if (frame.tag() == P9.NOTAG) {
            b.append("NOTAG");
        } else {
            b.append(frame.tag());
        }
        appendBody(b, m);
        return b.toString();
    }

    private static void appendBody(StringBuilder b, Message m) {
        switch (m) {
            case Tversion(int msize, String version) -> u32(b, "msize", msize).str(b, "version", version);
            case Rversion(int msize, String version) -> u32(b, "msize", msize).str(b, "version", version);
            case Tauth(int afid, String uname, String aname, int nUname) ->
                    fid(b, "afid", afid).str(b, "uname", uname).str(b, "aname", aname).nuname(b, nUname);
            case Rauth(Qid aqid) -> qid(b, "aqid", aqid);
            case Tattach(int fid, int afid, String uname, String aname, int nUname) ->
                    fid(b, "fid", fid).fid(b, "afid", afid).str(b, "uname", uname).str(b, "aname", aname)
                            .nuname(b, nUname);
            case Rattach(Qid qid) -> qid(b, "qid", qid);
            case Rerror(String ename, int errno) -> {
                str(b, "ename", ename);
                if (errno != 0) {
                    b.append(" errno ").append(Integer.toUnsignedString(errno)).append(' ').append(Errno.name(errno));
                }
            }
            case Tflush(int oldTag) -> b.append(" oldtag ").append(oldTag);
            case Rflush r -> { }
            case Twalk(int fid, int newFid, List<String> names) -> {
                fid(b, "fid", fid).fid(b, "newfid", newFid);
                b.append(" nwname ").append(names.size());
                for (int i = 0; i < names.size(); i++) {
                    b.append(' ').append(i).append(':');
                    escape(b, names.get(i));
                }
            }
            case Rwalk(List<Qid> qids) -> {
                b.append(" nwqid ").append(qids.size());
                for (int i = 0; i < qids.size(); i++) {
                    b.append(' ').append(i).append(':').append(qids.get(i));
                }
            }
            case Topen(int fid, int mode) -> fid(b, "fid", fid).b.append(" mode ").append(mode);
            case Ropen(Qid qid, int ioUnit) -> qid(b, "qid", qid).u32(b, "iounit", ioUnit);
            case Tcreate(int fid, String name, int perm, int mode, String extension) -> {
                fid(b, "fid", fid).str(b, "name", name).oct(b, "perm", perm).b.append(" mode ").append(mode);
                if (!extension.isEmpty()) {
                    str(b, "extension", extension);
                }
            }
            case Rcreate(Qid qid, int ioUnit) -> qid(b, "qid", qid).u32(b, "iounit", ioUnit);
            case Tread(int fid, long offset, int count) -> fid(b, "fid", fid).u64(b, "offset", offset).u32(b, "count", count);
            case Rread r -> dump(b.append(" count ").append(r.count()), r.data());
            case Twrite w -> dump(fid(b, "fid", w.fid()).u64(b, "offset", w.offset()).b.append(" count ").append(w.count()), w.data());
            case Rwrite(int count) -> u32(b, "count", count);
            case Tclunk(int fid) -> fid(b, "fid", fid);
            case Rclunk r -> { }
            case Tremove(int fid) -> fid(b, "fid", fid);
            case Rremove r -> { }
            case Tstat(int fid) -> fid(b, "fid", fid);
            case Rstat(Stat stat) -> stat(b, stat);
            case Twstat(int fid, Stat stat) -> stat(fid(b, "fid", fid).b, stat);
            case Rwstat r -> { }
            case Rlerror(int errno) -> b.append(" ecode ").append(Integer.toUnsignedString(errno)).append(' ').append(Errno.name(errno));
            case Tstatfs(int fid) -> fid(b, "fid", fid);
            case Rstatfs(StatFs s) -> u32(b, "type", s.type()).u32(b, "bsize", s.bsize()).u64(b, "blocks", s.blocks())
                    .u64(b, "bfree", s.bfree()).u64(b, "bavail", s.bavail()).u64(b, "files", s.files())
                    .u64(b, "ffree", s.ffree()).hex(b, "fsid", s.fsid()).u32(b, "namelen", s.namelen());
            case Tlopen(int fid, int flags) -> fid(b, "fid", fid).oct(b, "flags", flags);
            case Rlopen(Qid qid, int ioUnit) -> qid(b, "qid", qid).u32(b, "iounit", ioUnit);
            case Tlcreate(int fid, String name, int flags, int mode, int gid) ->
                    fid(b, "fid", fid).str(b, "name", name).oct(b, "flags", flags).oct(b, "mode", mode).u32(b, "gid", gid);
            case Rlcreate(Qid qid, int ioUnit) -> qid(b, "qid", qid).u32(b, "iounit", ioUnit);
            case Tsymlink(int fid, String name, String target, int gid) ->
                    fid(b, "fid", fid).str(b, "name", name).str(b, "symtgt", target).u32(b, "gid", gid);
            case Rsymlink(Qid qid) -> qid(b, "qid", qid);
            case Tmknod(int dirFid, String name, int mode, int major, int minor, int gid) ->
                    fid(b, "dfid", dirFid).str(b, "name", name).oct(b, "mode", mode).u32(b, "major", major)
                            .u32(b, "minor", minor).u32(b, "gid", gid);
            case Rmknod(Qid qid) -> qid(b, "qid", qid);
            case Trename(int fid, int dirFid, String name) -> fid(b, "fid", fid).fid(b, "dfid", dirFid).str(b, "name", name);
            case Rrename r -> { }
            case Treadlink(int fid) -> fid(b, "fid", fid);
            case Rreadlink(String target) -> str(b, "target", target);
            case Tgetattr(int fid, long mask) -> fid(b, "fid", fid).hex(b, "request_mask", mask);
            case Rgetattr(Attr a) -> hex(b, "valid", a.valid()).qid(b, "qid", a.qid()).oct(b, "mode", a.mode())
                    .u32(b, "uid", a.uid()).u32(b, "gid", a.gid()).u64(b, "nlink", a.nlink()).u64(b, "rdev", a.rdev())
                    .u64(b, "size", a.size()).u64(b, "blksize", a.blksize()).u64(b, "blocks", a.blocks())
                    .time(b, "atime", a.atimeSec(), a.atimeNsec()).time(b, "mtime", a.mtimeSec(), a.mtimeNsec())
                    .time(b, "ctime", a.ctimeSec(), a.ctimeNsec()).time(b, "btime", a.btimeSec(), a.btimeNsec())
                    .u64(b, "gen", a.gen()).u64(b, "data_version", a.dataVersion());
            case Tsetattr(int fid, SetAttr s) -> fid(b, "fid", fid).hex(b, "valid", s.valid()).oct(b, "mode", s.mode())
                    .u32(b, "uid", s.uid()).u32(b, "gid", s.gid()).u64(b, "size", s.size())
                    .time(b, "atime", s.atimeSec(), s.atimeNsec()).time(b, "mtime", s.mtimeSec(), s.mtimeNsec());
            case Rsetattr r -> { }
            case Txattrwalk(int fid, int newFid, String name) -> fid(b, "fid", fid).fid(b, "newfid", newFid).str(b, "name", name);
            case Rxattrwalk(long size) -> u64(b, "size", size);
            case Txattrcreate(int fid, String name, long size, int flags) ->
                    fid(b, "fid", fid).str(b, "name", name).u64(b, "attr_size", size).u32(b, "flags", flags);
            case Rxattrcreate r -> { }
            case Treaddir(int fid, long offset, int count) -> fid(b, "fid", fid).u64(b, "offset", offset).u32(b, "count", count);
            case Rreaddir r -> b.append(" count ").append(r.count());
            case Tfsync(int fid, int dataSync) -> fid(b, "fid", fid).u32(b, "datasync", dataSync);
            case Rfsync r -> { }
            case Tlock(int fid, int type, int flags, long start, long length, int procId, String clientId) ->
                    fid(b, "fid", fid).lockType(b, type).u32(b, "flags", flags).u64(b, "start", start)
                            .u64(b, "length", length).u32(b, "proc_id", procId).str(b, "client_id", clientId);
            case Rlock(int status) -> b.append(" status ").append(lockStatus(status));
            case Tgetlock(int fid, int type, long start, long length, int procId, String clientId) ->
                    fid(b, "fid", fid).lockType(b, type).u64(b, "start", start).u64(b, "length", length)
                            .u32(b, "proc_id", procId).str(b, "client_id", clientId);
            case Rgetlock(int type, long start, long length, int procId, String clientId) ->
                    lockType(b, type).u64(b, "start", start).u64(b, "length", length).u32(b, "proc_id", procId)
                            .str(b, "client_id", clientId);
            case Tlink(int dirFid, int fid, String name) -> fid(b, "dfid", dirFid).fid(b, "fid", fid).str(b, "name", name);
            case Rlink r -> { }
            case Tmkdir(int dirFid, String name, int mode, int gid) ->
                    fid(b, "dfid", dirFid).str(b, "name", name).oct(b, "mode", mode).u32(b, "gid", gid);
            case Rmkdir(Qid qid) -> qid(b, "qid", qid);
            case Trenameat(int oldDir, String oldName, int newDir, String newName) ->
                    fid(b, "olddirfid", oldDir).str(b, "oldname", oldName).fid(b, "newdirfid", newDir).str(b, "newname", newName);
            case Rrenameat r -> { }
            case Tunlinkat(int dirFid, String name, int flags) -> fid(b, "dirfd", dirFid).str(b, "name", name).hex(b, "flags", flags);
            case Runlinkat r -> { }
        }
    }

    /** Fluent helpers: each appends " name value" and returns a token to chain the next. */
    private static final class Chain {
        final StringBuilder b;

        Chain(StringBuilder b) {
            this.b = b;
        }

        Chain u32(StringBuilder ignored, String name, int v) {
            return FcallFormat.u32(b, name, v);
        }

        Chain u64(StringBuilder ignored, String name, long v) {
            return FcallFormat.u64(b, name, v);
        }

        Chain str(StringBuilder ignored, String name, String v) {
            return FcallFormat.str(b, name, v);
        }

        Chain fid(StringBuilder ignored, String name, int v) {
            return FcallFormat.fid(b, name, v);
        }

        Chain qid(StringBuilder ignored, String name, Qid v) {
            return FcallFormat.qid(b, name, v);
        }

        Chain oct(StringBuilder ignored, String name, int v) {
            return FcallFormat.oct(b, name, v);
        }

        Chain hex(StringBuilder ignored, String name, long v) {
            return FcallFormat.hex(b, name, v);
        }

        Chain time(StringBuilder ignored, String name, long sec, long nsec) {
            return FcallFormat.time(b, name, sec, nsec);
        }

        Chain lockType(StringBuilder ignored, int type) {
            return FcallFormat.lockType(b, type);
        }

        Chain nuname(StringBuilder ignored, int v) {
            b.append(" n_uname ");
            b.append(v == P9.NONUNAME ? "NONUNAME" : Integer.toUnsignedString(v));
            return this;
        }
    }

    private static Chain u32(StringBuilder b, String name, int v) {
        b.append(' ').append(name).append(' ').append(Integer.toUnsignedString(v));
        return new Chain(b);
    }

    private static Chain u64(StringBuilder b, String name, long v) {
        b.append(' ').append(name).append(' ').append(Long.toUnsignedString(v));
        return new Chain(b);
    }

    private static Chain fid(StringBuilder b, String name, int v) {
        b.append(' ').append(name).append(' ').append(v == P9.NOFID ? "NOFID" : Integer.toUnsignedString(v));
        return new Chain(b);
    }

    private static Chain oct(StringBuilder b, String name, int v) {
        b.append(' ').append(name).append(" 0").append(Integer.toOctalString(v));
        return new Chain(b);
    }

    private static Chain hex(StringBuilder b, String name, long v) {
        b.append(' ').append(name).append(" 0x").append(Long.toHexString(v));
        return new Chain(b);
    }

    private static Chain time(StringBuilder b, String name, long sec, long nsec) {
        b.append(' ').append(name).append(' ').append(sec).append('.');
        String n = Long.toUnsignedString(nsec);
        b.append("0".repeat(Math.max(0, 9 - n.length()))).append(n);
        return new Chain(b);
    }

    private static Chain qid(StringBuilder b, String name, Qid q) {
        b.append(' ').append(name).append(' ').append(q);
        return new Chain(b);
    }

    private static Chain str(StringBuilder b, String name, String v) {
        b.append(' ').append(name).append(" '");
        escape(b, v);
        b.append('\'');
        return new Chain(b);
    }

    private static Chain lockType(StringBuilder b, int type) {
        b.append(" type ").append(switch (type) {
            case Tlock.RDLCK -> "RDLCK";
            case Tlock.WRLCK -> "WRLCK";
            case Tlock.UNLCK -> "UNLCK";
            default -> Integer.toString(type);
        });
        return new Chain(b);
    }

    private static String lockStatus(int status) {
        return switch (status) {
            case Rlock.SUCCESS -> "SUCCESS";
            case Rlock.BLOCKED -> "BLOCKED";
            case Rlock.ERROR -> "ERROR";
            case Rlock.GRACE -> "GRACE";
            default -> Integer.toString(status);
        };
    }

    private static void stat(StringBuilder b, Stat s) {
        b.append(" stat");
        str(b, "name", s.name()).str(b, "uid", s.uid()).str(b, "gid", s.gid()).str(b, "muid", s.muid())
                .qid(b, "qid", s.qid()).oct(b, "mode", s.mode()).u32(b, "atime", s.atime())
                .u32(b, "mtime", s.mtime()).u64(b, "length", s.length()).u32(b, "type", s.type())
                .u32(b, "dev", s.dev());
        if (!s.extension().isEmpty()) {
            str(b, "extension", s.extension());
        }
        if (s.nUid() != P9.NONUNAME || s.nGid() != P9.NONUNAME || s.nMuid() != P9.NONUNAME) {
            u32(b, "n_uid", s.nUid()).u32(b, "n_gid", s.nGid()).u32(b, "n_muid", s.nMuid());
        }
    }

    /** Appends a string with non-printing characters and escaped raw bytes as \xNN. */
    static void escape(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0xDC80 && c <= 0xDCFF) {
                hexByte(b, c - 0xDC00);
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || c == '\'' || c == '\\') {
                switch (c) {
                    case '\n' -> b.append("\\n");
                    case '\t' -> b.append("\\t");
                    case '\'' -> b.append("\\'");
                    case '\\' -> b.append("\\\\");
                    default -> {
                        if (c < 0x100) {
                            hexByte(b, c);
                        } else {
                            // Format characters (bidi overrides, zero-width joiners) would reorder or hide text.
                            b.append(String.format("\\u%04x", (int) c));
                        }
                    }
                }
            } else {
                b.append(c);
            }
        }
    }

    private static void hexByte(StringBuilder b, int v) {
        b.append("\\x").append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 0xF, 16));
    }

    /** The first {@link #DUMP_BYTES} of a payload: quoted text if printable, else hex. */
    private static void dump(StringBuilder b, ByteBuffer data) {
        int n = Math.min(data.remaining(), DUMP_BYTES);
        if (n == 0) {
            return;
        }
        int p = data.position();
        boolean text = true;
        for (int i = 0; i < n && text; i++) {
            int v = data.get(p + i) & 0xFF;
            text = v >= 0x20 && v < 0x7F || v == '\n' || v == '\t';
        }
        b.append(' ');
        if (text) {
            b.append('\'');
            for (int i = 0; i < n; i++) {
                char c = (char) (data.get(p + i) & 0xFF);
                switch (c) {
                    case '\n' -> b.append("\\n");
                    case '\t' -> b.append("\\t");
                    case '\'' -> b.append("\\'");
                    case '\\' -> b.append("\\\\");
                    default -> b.append(c);
                }
            }
            b.append('\'');
        } else {
            for (int i = 0; i < n; i++) {
                int v = data.get(p + i) & 0xFF;
                b.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 0xF, 16));
            }
        }
        if (data.remaining() > n) {
            b.append("...");
        }
    }
}

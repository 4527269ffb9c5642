package io.ninep.server.local;

import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.SetAttr;
import io.ninep.server.local.sys.FileStat;
import io.ninep.server.local.sys.IoSyscalls;
import io.ninep.server.local.sys.LinuxAbi;
import io.ninep.server.local.sys.StatSyscalls;

/** Tgetattr's answer from statx, and Tsetattr's changes as system calls. */
final class Attrs {
    private Attrs() {}

    private static final byte[] EMPTY = new byte[0];

    /** Every field statx gave: stat(2)'s (BASIC), and the birth time when the file system keeps one. */
    static Attr of(FileStat st, Qids qids, long qidPath) {
        long valid = Attr.BASIC | (st.hasBtime() ? Attr.BTIME : 0);
        Qid qid = new Qid(LinuxFileMode.qidType(st.mode()), qids.version(st), qidPath);
        return new Attr(valid, qid, st.mode(), st.uid(), st.gid(), st.nlink(), st.rdev(), st.size(),
                st.blksize(), st.blocks(), st.atimeSec(), st.atimeNsec(), st.mtimeSec(), st.mtimeNsec(),
                st.ctimeSec(), st.ctimeNsec(), st.hasBtime() ? st.btimeSec() : 0, st.hasBtime() ? st.btimeNsec() : 0,
                0, 0);
    }

    /**
     * Applies {@code c} to the file of {@code h}, in the order that keeps each change: owner
     * first (a chown clears set-user-ID bits), then mode, size, and times last (a truncation
     * sets mtime). Each step is one system call as the user, who needs the rights the kernel
     * asks for it; a failure leaves the earlier steps done (a file system offers no atomic
     * setattr to user space). Only system calls: runs inside an actor action.
     */
    static void apply(FileHandle h, SetAttr c) throws ErrnoException {
        int valid = c.valid();
        if ((valid & (SetAttr.UID | SetAttr.GID)) != 0) {
            int uid = (valid & SetAttr.UID) != 0 ? c.uid() : -1;
            int gid = (valid & SetAttr.GID) != 0 ? c.gid() : -1;
            StatSyscalls.fchownat(h.fd, EMPTY, uid, gid, LinuxAbi.AT_EMPTY_PATH, h);
        }
        if ((valid & SetAttr.MODE) != 0) {
            StatSyscalls.chmod(h.procPath(), c.mode() & 07777, h);
        }
        if ((valid & SetAttr.SIZE) != 0) {
            IoSyscalls.truncate(h.procPath(), c.size(), h);
        }
        if ((valid & (SetAttr.ATIME | SetAttr.MTIME)) != 0) {
            long aSec = 0;
            long aNsec = LinuxAbi.UTIME_OMIT;
            long mSec = 0;
            long mNsec = LinuxAbi.UTIME_OMIT;
            if ((valid & SetAttr.ATIME) != 0) {
                boolean set = (valid & SetAttr.ATIME_SET) != 0;
                aSec = set ? c.atimeSec() : 0;
                aNsec = set ? c.atimeNsec() : LinuxAbi.UTIME_NOW;
            }
            if ((valid & SetAttr.MTIME) != 0) {
                boolean set = (valid & SetAttr.MTIME_SET) != 0;
                mSec = set ? c.mtimeSec() : 0;
                mNsec = set ? c.mtimeNsec() : LinuxAbi.UTIME_NOW;
            }
            StatSyscalls.futimens(h.fd, aSec, aNsec, mSec, mNsec, h);
        }
    }
}

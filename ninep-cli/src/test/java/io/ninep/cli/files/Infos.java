package io.ninep.cli.files;

import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Qid;
import java.time.Instant;

/** FileInfos for tests, as a 9P2000.L server would describe files. */
final class Infos {
    private Infos() {}

    static FileInfo attr(int mode, long nlink, int uid, int gid, long size, Instant mtime) {
        return attr(mode, nlink, uid, gid, size, 0, mtime, null);
    }

    static FileInfo attr(int mode, long nlink, int uid, int gid, long size, long rdev, Instant mtime, String target) {
        Attr a = new Attr(Attr.BASIC, new Qid(LinuxFileMode.qidType(mode), 0, 42), mode, uid, gid, nlink, rdev, size, 4096, (size + 511) / 512,
                mtime.getEpochSecond(), mtime.getNano(), mtime.getEpochSecond(), mtime.getNano(),
                mtime.getEpochSecond(), mtime.getNano(), 0, 0, 0, 0);
        return FileInfo.of(a, target);
    }
}

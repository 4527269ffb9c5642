package io.ninep.client.nio;

import io.ninep.client.Fid;
import io.ninep.client.FileModes;
import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.P9;
import io.ninep.protocol.message.Stat;
import java.io.IOException;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Modes, permissions and the changes a view can make, in every dialect. */
final class Attributes {
    private Attributes() {}

    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BITS.length; i++) {
            if ((mode & (1 << i)) != 0) {
                perms.add(BITS[i]);
            }
        }
        return perms;
    }

    static int mode(Set<?> permissions) {
        int mode = 0;
        for (Object p : permissions) {
            if (!(p instanceof PosixFilePermission perm)) {
                throw new ClassCastException("not a PosixFilePermission: " + p);
            }
            mode |= switch (perm) {
                case OWNER_READ -> 0400;
                case OWNER_WRITE -> 0200;
                case OWNER_EXECUTE -> 0100;
                case GROUP_READ -> 040;
                case GROUP_WRITE -> 020;
                case GROUP_EXECUTE -> 010;
                case OTHERS_READ -> 04;
                case OTHERS_WRITE -> 02;
                case OTHERS_EXECUTE -> 01;
            };
        }
        return mode;
    }

    /**
     * The mode of a new file: "posix:permissions" (or "unix:mode"/"ninep:mode") if given, else
     * {@code defaultMode}; the umask is the caller's business.
     */
    static int creationMode(FileAttribute<?>[] attrs, int defaultMode) {
        int mode = defaultMode;
        for (FileAttribute<?> a : attrs) {
            switch (a.name()) {
                case "posix:permissions" -> mode = mode((Set<?>) a.value());
                case "unix:mode", "ninep:mode" -> mode = ((Integer) a.value()) & 07777;
                default -> throw new UnsupportedOperationException("'" + a.name()
                        + "' cannot be set initially (posix:permissions can)");
            }
        }
        return mode;
    }

    /** A change to a file's attributes, made on a fid of it. */
    @FunctionalInterface
    interface Change {
        void apply(Fid f, boolean dotL) throws IOException;
    }

    /** Sets the permission and set-id bits, keeping the file type. */
    static Change chmod(int mode) {
        int bits = mode & 07777;
        return (f, dotL) -> {
            if (dotL) {
                f.setattr(FileModes.chmod(bits));
            } else {
                Stat s = f.stat();
                int keep = s.mode() & ~(0777 | Stat.DMSETUID | Stat.DMSETGID | Stat.DMSETVTX);
                int dm = keep | (bits & 0777)
                        | ((bits & LinuxFileMode.S_ISUID) != 0 ? Stat.DMSETUID : 0)
                        | ((bits & LinuxFileMode.S_ISGID) != 0 ? Stat.DMSETGID : 0)
                        | ((bits & LinuxFileMode.S_ISVTX) != 0 ? Stat.DMSETVTX : 0);
                f.wstat(Stat.unchanged().withMode(dm));
            }
        };
    }

    /** Sets the owner and group: a principal's number in 9P2000.L and .u, its name in 9P2000. */
    static Change chown(Principals.User user, Principals.Group group) {
        return (f, dotL) -> {
            int uid = user == null ? P9.NONUNAME : user.id();
            int gid = group == null ? P9.NONUNAME : group.id();
            if (dotL) {
                if (user != null && uid == P9.NONUNAME || group != null && gid == P9.NONUNAME) {
                    throw new IOException("9P2000.L carries only numeric owners; '"
                            + (user != null ? user.getName() : group.getName()) + "' is not a number");
                }
                f.setattr(new io.ninep.protocol.message.SetAttr((user != null ? io.ninep.protocol.message.SetAttr.UID : 0)
                        | (group != null ? io.ninep.protocol.message.SetAttr.GID : 0), 0, uid, gid, 0, 0, 0, 0, 0));
            } else {
                Stat u = Stat.unchanged();
                f.wstat(new Stat(u.type(), u.dev(), u.qid(), u.mode(), u.atime(), u.mtime(), u.length(), "",
                        user == null || uid != P9.NONUNAME ? "" : user.getName(),
                        group == null || gid != P9.NONUNAME ? "" : group.getName(), "", "", uid, gid, P9.NONUNAME));
            }
        };
    }

    /** Sets the times; null leaves one as it is (9P2000 and .u keep whole seconds). */
    static Change times(FileTime modified, FileTime accessed) {
        return (f, dotL) -> {
            if (modified == null && accessed == null) {
                return;
            }
            if (dotL) {
                f.setattr(FileModes.times(accessed == null ? null : accessed.toInstant(),
                        modified == null ? null : modified.toInstant()));
            } else {
                Stat u = Stat.unchanged();
                int atime = accessed == null ? -1 : (int) accessed.toInstant().getEpochSecond();
                int mtime = modified == null ? -1 : (int) modified.toInstant().getEpochSecond();
                f.wstat(new Stat(u.type(), u.dev(), u.qid(), u.mode(), atime, mtime, u.length(), "", "", "", "",
                        "", P9.NONUNAME, P9.NONUNAME, P9.NONUNAME));
            }
        };
    }
}

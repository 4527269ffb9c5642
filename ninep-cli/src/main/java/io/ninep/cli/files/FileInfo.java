package io.ninep.cli.files;

import io.ninep.client.FileModes;
import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.Stat;
import java.time.Instant;

/**
 * What the server says about one file, in any dialect: the fields of 9P2000.L's getattr (which
 * {@link #valid()} says, with {@link Attr}'s mask bits), the owner's names when 9P2000/9P2000.u
 * sent them, and the target of a symbolic link.
 *
 * @param owner the user's name as the server sent it (9P2000, 9P2000.u), or null
 * @param group the group's name as the server sent it, or null
 * @param muid the name of the last modifier (9P2000, 9P2000.u), or null
 * @param linkTarget the target of a symbolic link, or null (not a link, or not known)
 */
public record FileInfo(long valid, Qid qid, int mode, long nlink, int uid, int gid, String owner, String group,
                       String muid, long size, long rdev, long blksize, long blocks, Instant atime, Instant mtime,
                       Instant ctime, Instant btime, long gen, long dataVersion, String linkTarget) {

    /** From a 9P2000.L Rgetattr. */
    public static FileInfo of(Attr a, String linkTarget) {
        return new FileInfo(a.valid(), a.qid(), a.mode(), a.nlink(), a.uid(), a.gid(), null, null, null, a.size(),
                a.rdev(), a.blksize(), a.blocks(), a.atime(), a.mtime(), a.ctime(), a.btime(), a.gen(),
                a.dataVersion(), linkTarget);
    }

    /** From a 9P2000 or 9P2000.u stat: no link count, blocks, ctime or birth time. */
    public static FileInfo of(Stat s) {
        Attr a = FileModes.toAttr(s);   // mode, and numeric owners where 9P2000.u sent them
        long valid = a.valid();
        int mode = a.mode();
        String target = null;
        long rdev = 0;
        int type = mode & LinuxFileMode.S_IFMT;
        if (type == LinuxFileMode.S_IFLNK && !s.extension().isEmpty()) {
            target = s.extension();
        } else if (type == LinuxFileMode.S_IFCHR || type == LinuxFileMode.S_IFBLK) {
            // 9P2000.u: "b MAJOR MINOR" or "c MAJOR MINOR"
            String[] p = s.extension().trim().split("\\s+");
            if (p.length == 3) {
                try {
                    if (p[0].equals("b")) {
                        mode = (mode & ~LinuxFileMode.S_IFMT) | LinuxFileMode.S_IFBLK;
                    }
                    rdev = makedev(Long.parseLong(p[1]), Long.parseLong(p[2]));
                    valid |= Attr.RDEV;
                } catch (NumberFormatException e) {
                    // not a device extension we understand; leave rdev unknown
                }
            }
        }
        Instant mtime = Instant.ofEpochSecond(Integer.toUnsignedLong(s.mtime()));
        return new FileInfo(valid, s.qid(), mode, 1, a.uid(), a.gid(), emptyToNull(s.uid()), emptyToNull(s.gid()),
                emptyToNull(s.muid()), s.length(), rdev, 0, 0, Instant.ofEpochSecond(Integer.toUnsignedLong(s.atime())),
                mtime, null, null, 0, 0, target);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    public boolean has(long mask) {
        return (valid & mask) == mask;
    }

    public boolean isDirectory() {
        return has(Attr.MODE) ? LinuxFileMode.isDirectory(mode) : qid.isDirectory();
    }

    public boolean isSymlink() {
        return has(Attr.MODE) ? LinuxFileMode.isSymlink(mode) : qid.isSymlink();
    }

    public boolean isRegular() {
        return has(Attr.MODE) ? LinuxFileMode.isRegular(mode) : !qid.isDirectory() && !qid.isSymlink();
    }

    /** The link count ls shows: the server's, or 1 when it sent none (as Linux's v9fs does). */
    public long links() {
        return has(Attr.NLINK) ? nlink : 1;
    }

    /** 512-byte blocks: the server's, or the size rounded up (as Linux's v9fs does for 9P2000.u). */
    public long blocks512() {
        return has(Attr.BLOCKS) ? blocks : (size + 511) / 512;
    }

    /** The owner as ls shows it: the name the server sent, else the number. */
    public String ownerText() {
        return owner != null ? owner : Integer.toUnsignedString(uid);
    }

    public String groupText() {
        return group != null ? group : Integer.toUnsignedString(gid);
    }

    public boolean isDevice() {
        int t = mode & LinuxFileMode.S_IFMT;
        return t == LinuxFileMode.S_IFCHR || t == LinuxFileMode.S_IFBLK;
    }

    /** Linux's major(): bits 8-19 and 32-43 of the device number. */
    public static long major(long dev) {
        return ((dev >>> 8) & 0xFFF) | ((dev >>> 32) & ~0xFFFL);
    }

    /** Linux's minor(): bits 0-7 and 20-31 (and up). */
    public static long minor(long dev) {
        return (dev & 0xFF) | ((dev >>> 12) & ~0xFFL);
    }

    /** Linux's makedev(). */
    public static long makedev(long major, long minor) {
        return (minor & 0xFF) | ((major & 0xFFF) << 8) | ((minor & ~0xFFL) << 12) | ((major & ~0xFFFL) << 32);
    }
}

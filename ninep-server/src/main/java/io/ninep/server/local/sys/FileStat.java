package io.ninep.server.local.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.ninep.protocol.LinuxFileMode;
import java.lang.foreign.MemorySegment;

/**
 * What statx(2) says about a file. {@link #dev()} packs the device's major and minor number
 * into one long ({@code major << 32 | minor}), a key that is unique per device.
 */
public record FileStat(
        int mask, int mode, int uid, int gid, long nlink, long ino, long size, long blocks, int blksize,
        long atimeSec, int atimeNsec, long btimeSec, int btimeNsec, long ctimeSec, int ctimeNsec,
        long mtimeSec, int mtimeNsec, int rdevMajor, int rdevMinor, int devMajor, int devMinor) {

    /** statx's STATX_BASIC_STATS | STATX_BTIME. */
    static final int WANTED = 0x7ff | 0x800;
    static final int STATX_BTIME = 0x800;
    static final int STATX_SIZE = 0x200;
    /** Where stx_size is in struct statx. */
    static final long SIZE_OFFSET = 40;
    /** sizeof(struct statx). */
    static final long SIZE = 256;

    static FileStat parse(MemorySegment b) {
        return new FileStat(
                b.get(JAVA_INT, 0), Short.toUnsignedInt(b.get(JAVA_SHORT, 28)), b.get(JAVA_INT, 20),
                b.get(JAVA_INT, 24), Integer.toUnsignedLong(b.get(JAVA_INT, 16)), b.get(JAVA_LONG, 32),
                b.get(JAVA_LONG, SIZE_OFFSET), b.get(JAVA_LONG, 48), b.get(JAVA_INT, 4),
                b.get(JAVA_LONG, 64), b.get(JAVA_INT, 72), b.get(JAVA_LONG, 80), b.get(JAVA_INT, 88),
                b.get(JAVA_LONG, 96), b.get(JAVA_INT, 104), b.get(JAVA_LONG, 112), b.get(JAVA_INT, 120),
                b.get(JAVA_INT, 128), b.get(JAVA_INT, 132), b.get(JAVA_INT, 136), b.get(JAVA_INT, 140));
    }

    /** The device the file lives on, as a unique key. */
    public long dev() {
        return (long) devMajor << 32 | Integer.toUnsignedLong(devMinor);
    }

    /** st_rdev in glibc's encoding (makedev(3)). */
    public long rdev() {
        long major = Integer.toUnsignedLong(rdevMajor);
        long minor = Integer.toUnsignedLong(rdevMinor);
        return (major & 0xfffL) << 8 | (major & ~0xfffL) << 32 | (minor & 0xffL) | (minor & ~0xffL) << 12;
    }

    public boolean hasBtime() {
        return (mask & STATX_BTIME) != 0;
    }

    public int type() {
        return mode & LinuxFileMode.S_IFMT;
    }

    public boolean isDirectory() {
        return LinuxFileMode.isDirectory(mode);
    }

    public boolean isRegular() {
        return LinuxFileMode.isRegular(mode);
    }

    public boolean isSymlink() {
        return LinuxFileMode.isSymlink(mode);
    }
}

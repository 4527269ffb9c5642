package io.ninep.server.local.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.message.StatFs;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The system calls of the local backend that read or change a file's attributes: statx(2)
 * (which never follows a symbolic link here), fchownat(2), chmod(2) of a /proc/self/fd magic
 * link, fchmod(2), utimensat(2) on a descriptor, and fstatfs(2). Each method makes one call and
 * throws an {@link ErrnoException} naming the operation and {@code subject} (a file name, for
 * messages only) when it fails.
 */
public final class StatSyscalls {
    private StatSyscalls() {}

    private static final MethodHandle STATX = Native.function("statx",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle FCHOWNAT = Native.function("fchownat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CHMOD = Native.function("chmod",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle FCHMOD = Native.function("fchmod",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle UTIMENSAT = Native.function("utimensat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle FSTATFS = Native.function("fstatfs",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));

    private static final long STATFS_SIZE = 120;

    /** statx(2) of {@code fd} itself (AT_EMPTY_PATH), never following a symbolic link. */
    public static FileStat fstat(int fd, Object subject) throws ErrnoException {
        return statx(fd, Native.EMPTY, LinuxAbi.AT_EMPTY_PATH | LinuxAbi.AT_SYMLINK_NOFOLLOW, subject);
    }

    /** The size of the file open at {@code fd}: statx(2) asking for nothing else. */
    public static long size(int fd, Object subject) throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            MemorySegment buf = a.allocate(FileStat.SIZE, 8);
            int r = (int) STATX.invokeExact(err, fd, Native.cString(a, Native.EMPTY),
                    LinuxAbi.AT_EMPTY_PATH | LinuxAbi.AT_SYMLINK_NOFOLLOW, FileStat.STATX_SIZE, buf);
            if (r < 0) {
                throw Native.error(Native.errno(err), "statx", subject);
            }
            return buf.get(JAVA_LONG, FileStat.SIZE_OFFSET);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** statx(2) of {@code name} in {@code dirFd}, never following a symbolic link. */
    public static FileStat fstatat(int dirFd, byte[] name, Object subject) throws ErrnoException {
        return statx(dirFd, name, LinuxAbi.AT_SYMLINK_NOFOLLOW, subject);
    }

    private static FileStat statx(int dirFd, byte[] path, int flags, Object subject) throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            MemorySegment p = Native.cString(a, path);
            MemorySegment buf = a.allocate(FileStat.SIZE, 8);
            int r = (int) STATX.invokeExact(err, dirFd, p, flags, FileStat.WANTED, buf);
            if (r < 0) {
                throw Native.error(Native.errno(err), "statx", subject);
            }
            return FileStat.parse(buf);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** fchownat(2); uid or gid -1 leaves it. */
    public static void fchownat(int dirFd, byte[] path, int uid, int gid, int flags, Object subject)
            throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            int r = (int) FCHOWNAT.invokeExact(err, dirFd, Native.cString(a, path), uid, gid, flags);
            if (r < 0) {
                throw Native.error(Native.errno(err), "chown", subject);
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** chmod(2) of an absolute path (a /proc/self/fd magic link, which is followed to its file only). */
    public static void chmod(byte[] path, int mode, Object subject) throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            int r = (int) CHMOD.invokeExact(err, Native.cString(a, path), mode);
            if (r < 0) {
                throw Native.error(Native.errno(err), "chmod", subject);
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** fchmod(2) on an open (not O_PATH) descriptor. */
    public static void fchmod(int fd, int mode, Object subject) throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            int r = (int) FCHMOD.invokeExact(err, fd, mode);
            if (r < 0) {
                throw Native.error(Native.errno(err), "chmod", subject);
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * utimensat(2) on {@code fd} itself (AT_EMPTY_PATH, which works on O_PATH descriptors). A
     * nanosecond field of {@link LinuxAbi#UTIME_NOW} or {@link LinuxAbi#UTIME_OMIT} means what
     * utimensat says.
     */
    public static void futimens(int fd, long atimeSec, long atimeNsec, long mtimeSec, long mtimeNsec, Object subject)
            throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            MemorySegment times = a.allocate(32, 8);
            times.set(JAVA_LONG, 0, atimeSec);
            times.set(JAVA_LONG, 8, atimeNsec);
            times.set(JAVA_LONG, 16, mtimeSec);
            times.set(JAVA_LONG, 24, mtimeNsec);
            int r = (int) UTIMENSAT.invokeExact(err, fd, Native.cString(a, Native.EMPTY), times,
                    LinuxAbi.AT_EMPTY_PATH | LinuxAbi.AT_SYMLINK_NOFOLLOW);
            if (r < 0) {
                throw Native.error(Native.errno(err), "utimensat", subject);
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** fstatfs(2), which works on O_PATH descriptors. */
    public static StatFs fstatfs(int fd, Object subject) throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            MemorySegment b = a.allocate(STATFS_SIZE, 8);
            int r = (int) FSTATFS.invokeExact(err, fd, b);
            if (r < 0) {
                throw Native.error(Native.errno(err), "fstatfs", subject);
            }
            return new StatFs((int) b.get(JAVA_LONG, 0), (int) b.get(JAVA_LONG, 8), b.get(JAVA_LONG, 16),
                    b.get(JAVA_LONG, 24), b.get(JAVA_LONG, 32), b.get(JAVA_LONG, 40), b.get(JAVA_LONG, 48),
                    b.get(JAVA_LONG, 56), (int) b.get(JAVA_LONG, 64));
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }
}

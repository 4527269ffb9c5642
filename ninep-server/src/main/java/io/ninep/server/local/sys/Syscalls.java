package io.ninep.server.local.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.message.StatFs;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;

/**
 * The Linux system calls of the local backend, through the FFM API. Each method makes one call
 * (retrying on EINTR) and throws an {@link ErrnoException} naming the operation and
 * {@code subject} (a file name, for messages only) when it fails. Paths and names are raw bytes
 * without NUL; callers validate names first.
 *
 * <p>Nothing here is interrupted by {@link Thread#interrupt}: unlike a FileChannel, a pread
 * in progress finishes and the descriptor stays open.
 */
public final class Syscalls {
    private Syscalls() {}

    private static final MethodHandle SYSCALL_OPENAT2 = Native.function("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG),
            Linker.Option.firstVariadicArg(1));
    private static final MethodHandle SYSCALL_GETDENTS = Native.function("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG),
            Linker.Option.firstVariadicArg(1));
    private static final MethodHandle CLOSE = Native.function("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle FCNTL_INT = Native.function("fcntl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle OPEN = Native.function("open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle STATX = Native.function("statx",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle MKDIRAT = Native.function("mkdirat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle MKNODAT = Native.function("mknodat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG));
    private static final MethodHandle SYMLINKAT = Native.function("symlinkat",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    private static final MethodHandle READLINKAT = Native.function("readlinkat",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle LINKAT = Native.function("linkat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RENAMEAT2 = Native.function("renameat2",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle UNLINKAT = Native.function("unlinkat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle FCHOWNAT = Native.function("fchownat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CHMOD = Native.function("chmod",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle FCHMOD = Native.function("fchmod",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle UTIMENSAT = Native.function("utimensat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle GETXATTR = Native.function("getxattr",
            FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle SETXATTR = Native.function("setxattr",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle LISTXATTR = Native.function("listxattr",
            FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle REMOVEXATTR = Native.function("removexattr",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle PREAD = Native.function("pread",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle PWRITE = Native.function("pwrite",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle FTRUNCATE = Native.function("ftruncate",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle TRUNCATE = Native.function("truncate",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle FSYNC = Native.function("fsync", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle FDATASYNC = Native.function("fdatasync", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle FSTATFS = Native.function("fstatfs",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle LSEEK = Native.function("lseek",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle GETEUID = Native.function("geteuid", FunctionDescriptor.of(JAVA_INT));

    private static final byte[] EMPTY = new byte[0];
    private static final long OPEN_HOW_SIZE = 24;
    private static final long STATFS_SIZE = 120;

    /**
     * openat2(2): opens {@code path} relative to {@code dirFd} with {@code flags} and the
     * {@code resolve} restrictions (RESOLVE_BENEATH and friends) the kernel enforces during
     * the lookup.
     */
    public static int openat2(int dirFd, byte[] path, int flags, int mode, long resolve, Object subject)
            throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            MemorySegment p = Native.cString(a, path);
            MemorySegment how = a.allocate(OPEN_HOW_SIZE, 8);
            how.set(JAVA_LONG, 0, Integer.toUnsignedLong(flags));
            how.set(JAVA_LONG, 8, (flags & LinuxAbi.O_CREAT) != 0 ? mode & 07777 : 0);
            how.set(JAVA_LONG, 16, resolve);
            long r;
            do {
                r = (long) SYSCALL_OPENAT2.invokeExact(err, LinuxAbi.SYS_OPENAT2, (long) dirFd, p, how, OPEN_HOW_SIZE);
            } while (r < 0 && Native.errno(err) == Native.EINTR);
            if (r < 0) {
                throw Native.error(Native.errno(err), "openat2", subject);
            }
            return (int) r;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** open(2) of an absolute path; used only to reopen a descriptor through /proc/self/fd. */
    public static int open(byte[] path, int flags, Object subject) throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            MemorySegment p = Native.cString(a, path);
            int r;
            do {
                r = (int) OPEN.invokeExact(err, p, flags, 0);
            } while (r < 0 && Native.errno(err) == Native.EINTR);
            if (r < 0) {
                throw Native.error(Native.errno(err), "open", subject);
            }
            return r;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** close(2). Errors are ignored: Linux releases the descriptor whatever close returns. */
    public static void close(int fd) {
        try (Scratch a = Scratch.take()) {
            int ignored = (int) CLOSE.invokeExact(Native.errnoSlot(a), fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close failed", t);
        }
    }

    /** fcntl(fd, F_DUPFD_CLOEXEC, 0): a new descriptor for the same open file. */
    public static int dup(int fd, Object subject) throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            int r = (int) FCNTL_INT.invokeExact(err, fd, LinuxAbi.F_DUPFD_CLOEXEC, 0);
            if (r < 0) {
                throw Native.error(Native.errno(err), "dup", subject);
            }
            return r;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** statx(2) of {@code fd} itself (AT_EMPTY_PATH), never following a symbolic link. */
    public static FileStat fstat(int fd, Object subject) throws ErrnoException {
        return statx(fd, EMPTY, LinuxAbi.AT_EMPTY_PATH | LinuxAbi.AT_SYMLINK_NOFOLLOW, subject);
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

    public static void mkdirat(int dirFd, byte[] name, int mode, Object subject) throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            int r = (int) MKDIRAT.invokeExact(err, dirFd, Native.cString(a, name), mode);
            if (r < 0) {
                throw Native.error(Native.errno(err), "mkdirat", subject);
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static void mknodat(int dirFd, byte[] name, int mode, long dev, Object subject) throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            int r = (int) MKNODAT.invokeExact(err, dirFd, Native.cString(a, name), mode, dev);
            if (r < 0) {
                throw Native.error(Native.errno(err), "mknodat", subject);
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static void symlinkat(byte[] target, int dirFd, byte[] name, Object subject) throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            int r = (int) SYMLINKAT.invokeExact(err, Native.cString(a, target), dirFd, Native.cString(a, name));
            if (r < 0) {
                throw Native.error(Native.errno(err), "symlinkat", subject);
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** readlinkat(2) of the symbolic link {@code fd} refers to (an O_PATH|O_NOFOLLOW descriptor). */
    public static byte[] readlink(int fd, Object subject) throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            MemorySegment buf = a.allocate(LinuxAbi.PATH_MAX);
            long n = (long) READLINKAT.invokeExact(err, fd, Native.cString(a, EMPTY), buf, (long) LinuxAbi.PATH_MAX);
            if (n < 0) {
                throw Native.error(Native.errno(err), "readlink", subject);
            }
            return buf.asSlice(0, n).toArray(JAVA_BYTE);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** readlink(2) of an absolute path (a /proc/self/fd magic link). */
    public static byte[] readlink(byte[] path, Object subject) throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            MemorySegment buf = a.allocate(LinuxAbi.PATH_MAX);
            long n = (long) READLINKAT.invokeExact(err, LinuxAbi.AT_FDCWD, Native.cString(a, path), buf,
                    (long) LinuxAbi.PATH_MAX);
            if (n < 0) {
                throw Native.error(Native.errno(err), "readlink", subject);
            }
            return buf.asSlice(0, n).toArray(JAVA_BYTE);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static void linkat(int oldDirFd, byte[] oldPath, int newDirFd, byte[] newName, int flags, Object subject)
            throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            int r = (int) LINKAT.invokeExact(err, oldDirFd, Native.cString(a, oldPath), newDirFd,
                    Native.cString(a, newName), flags);
            if (r < 0) {
                throw Native.error(Native.errno(err), "linkat", subject);
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static void renameat2(int oldDirFd, byte[] oldName, int newDirFd, byte[] newName, int flags, Object subject)
            throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            int r = (int) RENAMEAT2.invokeExact(err, oldDirFd, Native.cString(a, oldName), newDirFd,
                    Native.cString(a, newName), flags);
            if (r < 0) {
                throw Native.error(Native.errno(err), "rename", subject);
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static void unlinkat(int dirFd, byte[] name, int flags, Object subject) throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            int r = (int) UNLINKAT.invokeExact(err, dirFd, Native.cString(a, name), flags);
            if (r < 0) {
                throw Native.error(Native.errno(err), flags != 0 ? "rmdir" : "unlink", subject);
            }
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
            int r = (int) UTIMENSAT.invokeExact(err, fd, Native.cString(a, EMPTY), times,
                    LinuxAbi.AT_EMPTY_PATH | LinuxAbi.AT_SYMLINK_NOFOLLOW);
            if (r < 0) {
                throw Native.error(Native.errno(err), "utimensat", subject);
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** getxattr(2) of an absolute path; ENODATA if there is no such attribute. */
    public static byte[] getxattr(byte[] path, byte[] name, Object subject) throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            MemorySegment p = Native.cString(a, path);
            MemorySegment n = Native.cString(a, name);
            long size = 256;
            while (true) {
                MemorySegment buf = a.allocate(size);
                long r = (long) GETXATTR.invokeExact(err, p, n, buf, size);
                if (r >= 0) {
                    return buf.asSlice(0, r).toArray(JAVA_BYTE);
                }
                if (Native.errno(err) != Errno.ERANGE.number() || size >= LinuxAbi.XATTR_SIZE_MAX) {
                    throw Native.error(Native.errno(err), "getxattr", subject);
                }
                long need = (long) GETXATTR.invokeExact(err, p, n, MemorySegment.NULL, 0L);
                if (need < 0) {
                    throw Native.error(Native.errno(err), "getxattr", subject);
                }
                size = Math.max(need, size * 2);
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** setxattr(2) of an absolute path; flags XATTR_CREATE, XATTR_REPLACE. */
    public static void setxattr(byte[] path, byte[] name, byte[] value, int flags, Object subject)
            throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            MemorySegment v = a.allocate(Math.max(1, value.length));
            MemorySegment.copy(value, 0, v, JAVA_BYTE, 0, value.length);
            int r = (int) SETXATTR.invokeExact(err, Native.cString(a, path), Native.cString(a, name), v,
                    (long) value.length, flags);
            if (r < 0) {
                throw Native.error(Native.errno(err), "setxattr", subject);
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** listxattr(2) of an absolute path: the names, each followed by a NUL. */
    public static byte[] listxattr(byte[] path, Object subject) throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            MemorySegment p = Native.cString(a, path);
            long size = 1024;
            while (true) {
                MemorySegment buf = a.allocate(size);
                long r = (long) LISTXATTR.invokeExact(err, p, buf, size);
                if (r >= 0) {
                    return buf.asSlice(0, r).toArray(JAVA_BYTE);
                }
                if (Native.errno(err) != Errno.ERANGE.number() || size >= LinuxAbi.XATTR_SIZE_MAX) {
                    throw Native.error(Native.errno(err), "listxattr", subject);
                }
                long need = (long) LISTXATTR.invokeExact(err, p, MemorySegment.NULL, 0L);
                if (need < 0) {
                    throw Native.error(Native.errno(err), "listxattr", subject);
                }
                size = Math.max(need, size * 2);
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static void removexattr(byte[] path, byte[] name, Object subject) throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            int r = (int) REMOVEXATTR.invokeExact(err, Native.cString(a, path), Native.cString(a, name));
            if (r < 0) {
                throw Native.error(Native.errno(err), "removexattr", subject);
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * pread(2) into {@code dst}'s remaining bytes; advances its position. A heap buffer is read
     * through a native copy.
     */
    public static int pread(int fd, ByteBuffer dst, long offset, Object subject) throws ErrnoException {
        int want = dst.remaining();
        if (want == 0) {
            return 0;
        }
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            MemorySegment target = dst.isDirect()
                    ? MemorySegment.ofBuffer(dst) : a.allocate(want);
            long r;
            do {
                r = (long) PREAD.invokeExact(err, fd, target, (long) want, offset);
            } while (r < 0 && Native.errno(err) == Native.EINTR);
            if (r < 0) {
                throw Native.error(Native.errno(err), "pread", subject);
            }
            if (!dst.isDirect()) {
                MemorySegment.copy(target, 0, MemorySegment.ofBuffer(dst), 0, r);
            }
            dst.position(dst.position() + (int) r);
            return (int) r;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** pwrite(2) of {@code src}'s remaining bytes; advances its position. */
    public static int pwrite(int fd, ByteBuffer src, long offset, Object subject) throws ErrnoException {
        int want = src.remaining();
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            MemorySegment source;
            if (src.isDirect()) {
                source = MemorySegment.ofBuffer(src);
            } else {
                source = a.allocate(Math.max(1, want));
                MemorySegment.copy(MemorySegment.ofBuffer(src), 0, source, 0, want);
            }
            long r;
            do {
                r = (long) PWRITE.invokeExact(err, fd, source, (long) want, offset);
            } while (r < 0 && Native.errno(err) == Native.EINTR);
            if (r < 0) {
                throw Native.error(Native.errno(err), "pwrite", subject);
            }
            src.position(src.position() + (int) r);
            return (int) r;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static void ftruncate(int fd, long length, Object subject) throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            int r;
            do {
                r = (int) FTRUNCATE.invokeExact(err, fd, length);
            } while (r < 0 && Native.errno(err) == Native.EINTR);
            if (r < 0) {
                throw Native.error(Native.errno(err), "ftruncate", subject);
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** truncate(2) of an absolute path (a /proc/self/fd magic link). */
    public static void truncate(byte[] path, long length, Object subject) throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            MemorySegment p = Native.cString(a, path);
            int r;
            do {
                r = (int) TRUNCATE.invokeExact(err, p, length);
            } while (r < 0 && Native.errno(err) == Native.EINTR);
            if (r < 0) {
                throw Native.error(Native.errno(err), "truncate", subject);
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** fsync(2), or fdatasync(2) when {@code dataOnly}. */
    public static void fsync(int fd, boolean dataOnly, Object subject) throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            int r;
            do {
                r = dataOnly ? (int) FDATASYNC.invokeExact(err, fd) : (int) FSYNC.invokeExact(err, fd);
            } while (r < 0 && Native.errno(err) == Native.EINTR);
            if (r < 0) {
                throw Native.error(Native.errno(err), dataOnly ? "fdatasync" : "fsync", subject);
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

    /** getdents64(2) into {@code buf}: the bytes filled, 0 at the end of the directory. */
    public static int getdents64(int fd, MemorySegment buf, Object subject) throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            long r;
            do {
                r = (long) SYSCALL_GETDENTS.invokeExact(err, LinuxAbi.SYS_GETDENTS64, (long) fd, buf, buf.byteSize());
            } while (r < 0 && Native.errno(err) == Native.EINTR);
            if (r < 0) {
                throw Native.error(Native.errno(err), "getdents64", subject);
            }
            return (int) r;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** lseek(fd, offset, SEEK_SET). */
    public static void seek(int fd, long offset, Object subject) throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            long r = (long) LSEEK.invokeExact(err, fd, offset, 0);
            if (r < 0) {
                throw Native.error(Native.errno(err), "lseek", subject);
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** geteuid(2). */
    public static int geteuid() {
        try (Scratch a = Scratch.take()) {
            return (int) GETEUID.invokeExact(Native.errnoSlot(a));
        } catch (Throwable t) {
            throw new IllegalStateException("geteuid failed", t);
        }
    }
}

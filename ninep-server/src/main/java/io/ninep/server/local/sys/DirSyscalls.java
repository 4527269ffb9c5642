package io.ninep.server.local.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.ninep.protocol.ErrnoException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The system calls of the local backend on the names of a directory, each relative to a
 * directory descriptor and never following a final symbolic link: mkdirat, mknodat, symlinkat,
 * linkat, renameat2, unlinkat, readlinkat, and getdents64 to list the entries. Each method makes
 * one call and throws an {@link ErrnoException} naming the operation and {@code subject} (a file
 * name, for messages only) when it fails. Names are raw bytes without NUL; callers validate
 * them first.
 */
public final class DirSyscalls {
    private DirSyscalls() {}

    private static final MethodHandle SYSCALL_GETDENTS = Native.function("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG),
            Linker.Option.firstVariadicArg(1));
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
            long n = (long) READLINKAT.invokeExact(err, fd, Native.cString(a, Native.EMPTY), buf, (long) LinuxAbi.PATH_MAX);
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
}

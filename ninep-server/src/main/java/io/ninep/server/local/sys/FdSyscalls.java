package io.ninep.server.local.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.ninep.protocol.ErrnoException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The system calls of the local backend that make, copy, move and end file descriptors:
 * openat2(2) with the RESOLVE_* fence the kernel enforces during the lookup, open(2) of a
 * /proc/self/fd magic link, F_DUPFD_CLOEXEC, lseek(2) and close(2). Each method makes one call
 * (retrying on EINTR where the call can be interrupted) and throws an {@link ErrnoException}
 * naming the operation and {@code subject} (a file name, for messages only) when it fails.
 */
public final class FdSyscalls {
    private FdSyscalls() {}

    private static final MethodHandle SYSCALL_OPENAT2 = Native.function("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG),
            Linker.Option.firstVariadicArg(1));
    private static final MethodHandle CLOSE = Native.function("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle FCNTL_INT = Native.function("fcntl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle OPEN = Native.function("open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle LSEEK = Native.function("lseek",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));

    private static final long OPEN_HOW_SIZE = 24;

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
}

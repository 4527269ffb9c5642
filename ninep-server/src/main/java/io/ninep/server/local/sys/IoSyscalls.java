package io.ninep.server.local.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.ninep.protocol.ErrnoException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;

/**
 * The system calls of the local backend that move a file's bytes: pread(2), pwrite(2),
 * ftruncate(2), truncate(2) of a /proc/self/fd magic link, and fsync(2)/fdatasync(2). Each
 * method makes one call (retrying on EINTR) and throws an {@link ErrnoException} naming the
 * operation and {@code subject} (a file name, for messages only) when it fails.
 *
 * <p>Nothing here is interrupted by {@link Thread#interrupt}: unlike a FileChannel, a pread
 * in progress finishes and the descriptor stays open.
 */
public final class IoSyscalls {
    private IoSyscalls() {}

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
}

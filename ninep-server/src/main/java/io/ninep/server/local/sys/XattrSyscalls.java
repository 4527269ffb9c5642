package io.ninep.server.local.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The extended-attribute system calls of the local backend, on absolute paths (a /proc/self/fd
 * magic link, since the f*xattr calls refuse O_PATH descriptors): getxattr(2) and listxattr(2),
 * which grow their buffer on ERANGE up to XATTR_SIZE_MAX, setxattr(2) and removexattr(2). Each
 * method throws an {@link ErrnoException} naming the operation and {@code subject} (a file name,
 * for messages only) when it fails.
 */
public final class XattrSyscalls {
    private XattrSyscalls() {}

    private static final MethodHandle GETXATTR = Native.function("getxattr",
            FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle SETXATTR = Native.function("setxattr",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle LISTXATTR = Native.function("listxattr",
            FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle REMOVEXATTR = Native.function("removexattr",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));

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
}

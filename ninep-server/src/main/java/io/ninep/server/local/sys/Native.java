package io.ninep.server.local.sys;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The FFM plumbing under the system calls ({@link FdSyscalls}, {@link DirSyscalls},
 * {@link StatSyscalls}, {@link IoSyscalls}, {@link XattrSyscalls}, {@link ThreadCredentials}):
 * binding libc functions with errno capture, C strings, and turning a failed call into an
 * {@link ErrnoException} that names the operation and file.
 */
final class Native {
    private Native() {}

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    static final int EINTR = Errno.EINTR.number();
    /** The empty path, for the *at calls that act on the descriptor itself (AT_EMPTY_PATH). */
    static final byte[] EMPTY = new byte[0];

    /**
     * A handle for libc's {@code name} whose first argument is the errno capture segment.
     * Restricted: the application runs with --enable-native-access.
     */
    @SuppressWarnings("restricted")
    static MethodHandle function(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
        MemorySegment address = LIBC.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = Linker.Option.captureCallState("errno");
        System.arraycopy(extra, 0, options, 1, extra.length);
        return LINKER.downcallHandle(address, descriptor, options);
    }

    /** A segment to receive errno, allocated from {@code arena}. */
    static MemorySegment errnoSlot(java.lang.foreign.SegmentAllocator arena) {
        return arena.allocate(CAPTURE);
    }

    static int errno(MemorySegment slot) {
        return (int) ERRNO.get(slot, 0L);
    }

    /** {@code bytes} followed by a NUL. The caller has checked that {@code bytes} has no NUL. */
    static MemorySegment cString(java.lang.foreign.SegmentAllocator arena, byte[] bytes) {
        MemorySegment s = arena.allocate(bytes.length + 1L);
        MemorySegment.copy(bytes, 0, s, JAVA_BYTE, 0, bytes.length);
        s.set(JAVA_BYTE, bytes.length, (byte) 0);
        return s;
    }

    /** The exception for a failed {@code operation} on {@code subject}: "openat2 a/b: No such file or directory". */
    static ErrnoException error(int errno, String operation, Object subject) {
        String what = subject == null ? operation : operation + " " + subject;
        return new ErrnoException(errno, what + ": " + Errno.describe(errno));
    }

    /** Rethrows what a method handle threw: an ErrnoException as is, anything else unchecked. */
    static ErrnoException rethrow(Throwable t) {
        if (t instanceof ErrnoException e) {
            return e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("native call failed", t);
    }
}

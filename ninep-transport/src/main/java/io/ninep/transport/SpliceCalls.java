package io.ninep.transport;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The Linux system calls under {@link SocketSplicer} and {@link SocketSender}, through the FFM
 * API: splice(2), pipe2(2), the pipe's size (fcntl F_SETPIPE_SZ), the bytes waiting in a socket
 * (ioctl FIONREAD), pwrite(2), read(2), send(2), sendmsg(2), dup(2) and close(2). Each call
 * retries on EINTR and reports failure as an {@link ErrnoException}, or as the negative errno
 * where the caller decides what a failure means.
 */
final class SpliceCalls {
    private SpliceCalls() {}

    static final int SPLICE_F_MOVE = 1;
    static final int SPLICE_F_MORE = 4;
    private static final int O_CLOEXEC = 0x80000;
    private static final int F_SETPIPE_SZ = 1031;
    private static final int F_GETPIPE_SZ = 1032;
    private static final int FIONREAD = 0x541B;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int EINTR = Errno.EINTR.number();

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SPLICE = function("splice",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle PIPE2 = function("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle FCNTL_INT = function("fcntl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle IOCTL_PTR = function("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle PWRITE = function("pwrite",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle READ = function("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle SEND = function("send",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle SENDMSG = function("sendmsg",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    /** struct iovec: a base address and a length. */
    private static final StructLayout IOVEC = MemoryLayout.structLayout(ADDRESS.withName("base"), JAVA_LONG.withName("length"));
    /** struct msghdr of 64-bit Linux: no address, two iovecs, no control data. */
    private static final StructLayout MSGHDR = MemoryLayout.structLayout(
            ADDRESS.withName("name"), JAVA_INT.withName("namelen"), MemoryLayout.paddingLayout(4),
            ADDRESS.withName("iov"), JAVA_LONG.withName("iovlen"),
            ADDRESS.withName("control"), JAVA_LONG.withName("controllen"),
            JAVA_INT.withName("flags"), MemoryLayout.paddingLayout(4));
    private static final long MSG_IOV = MSGHDR.byteOffset(MemoryLayout.PathElement.groupElement("iov"));
    private static final long MSG_IOVLEN = MSGHDR.byteOffset(MemoryLayout.PathElement.groupElement("iovlen"));
    private static final MethodHandle CLOSE = function("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final int F_DUPFD_CLOEXEC = 1030;

    @SuppressWarnings("restricted")
    private static MethodHandle function(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
        MemorySegment address = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = Linker.Option.captureCallState("errno");
        System.arraycopy(extra, 0, options, 1, extra.length);
        return LINKER.downcallHandle(address, descriptor, options);
    }

    /** Per-thread room for errno and the in/out arguments: the calls allocate nothing. */
    static final class Frame {
        final MemorySegment errno;
        final MemorySegment longSlot;
        final MemorySegment ints;
        final MemorySegment iovecs;
        final MemorySegment message;

        Frame(Arena arena) {
            errno = arena.allocate(CAPTURE);
            longSlot = arena.allocate(JAVA_LONG);
            ints = arena.allocate(JAVA_INT, 2);
            iovecs = arena.allocate(IOVEC, 2);
            message = arena.allocate(MSGHDR);   // zeroed: no address, no control data
            message.set(ADDRESS, MSG_IOV, iovecs);
        }

        int errno() {
            return (int) ERRNO.get(errno, 0L);
        }
    }

    /**
     * splice(2) of up to {@code length} bytes from {@code in} to {@code out}; {@code outOffset}
     * is the file position to write at, or -1 for a pipe or socket. Returns the bytes moved,
     * 0 at the end of the input, or -errno.
     */
    static long splice(Frame f, int in, int out, long outOffset, long length, int flags) {
        try {
            MemorySegment offset = MemorySegment.NULL;
            if (outOffset >= 0) {
                f.longSlot.set(JAVA_LONG, 0, outOffset);
                offset = f.longSlot;
            }
            long r;
            do {
                r = (long) SPLICE.invokeExact(f.errno, in, MemorySegment.NULL, out, offset, length, flags);
            } while (r < 0 && f.errno() == EINTR);
            return r < 0 ? -f.errno() : r;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** pwrite(2) of {@code length} bytes at {@code src}; returns the bytes written or -errno. */
    static long pwrite(Frame f, int fd, MemorySegment src, long length, long offset) {
        try {
            long r;
            do {
                r = (long) PWRITE.invokeExact(f.errno, fd, src, length, offset);
            } while (r < 0 && f.errno() == EINTR);
            return r < 0 ? -f.errno() : r;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** read(2) of up to {@code length} bytes into {@code dst}; returns the bytes read, 0 at the end, or -errno. */
    static long read(Frame f, int fd, MemorySegment dst, long length) {
        try {
            long r;
            do {
                r = (long) READ.invokeExact(f.errno, fd, dst, length);
            } while (r < 0 && f.errno() == EINTR);
            return r < 0 ? -f.errno() : r;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * send(2) of up to {@code length} bytes at {@code src} on a socket, never waiting for room
     * (MSG_DONTWAIT) and never raising SIGPIPE; returns the bytes sent or -errno (EAGAIN: no room).
     */
    static long sendNow(Frame f, int socket, MemorySegment src, long length) {
        try {
            long r;
            do {
                r = (long) SEND.invokeExact(f.errno, socket, src, length, MSG_DONTWAIT | MSG_NOSIGNAL);
            } while (r < 0 && f.errno() == EINTR);
            return r < 0 ? -f.errno() : r;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * As {@link #sendNow(Frame, int, MemorySegment, long)}, gathering two parts (a frame's
     * encoded head and its payload) in one sendmsg(2); both must be native memory. Returns the
     * bytes sent of the two together, or -errno.
     */
    static long sendNow(Frame f, int socket, MemorySegment head, long headLength, MemorySegment payload, long payloadLength) {
        try {
            f.iovecs.set(ADDRESS, 0, head);
            f.iovecs.set(JAVA_LONG, 8, headLength);
            f.iovecs.set(ADDRESS, IOVEC.byteSize(), payload);
            f.iovecs.set(JAVA_LONG, IOVEC.byteSize() + 8, payloadLength);
            f.message.set(JAVA_LONG, MSG_IOVLEN, 2L);
            long r;
            do {
                r = (long) SENDMSG.invokeExact(f.errno, socket, f.message, MSG_DONTWAIT | MSG_NOSIGNAL);
            } while (r < 0 && f.errno() == EINTR);
            return r < 0 ? -f.errno() : r;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** The bytes waiting to be read on a socket (FIONREAD), or -errno. */
    static int available(Frame f, int socket) {
        try {
            int r = (int) IOCTL_PTR.invokeExact(f.errno, socket, (long) FIONREAD, f.ints);
            return r < 0 ? -f.errno() : f.ints.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** A pipe, close-on-exec: {read end, write end}. */
    static int[] pipe(Frame f) throws ErrnoException {
        try {
            int r = (int) PIPE2.invokeExact(f.errno, f.ints, O_CLOEXEC);
            if (r < 0) {
                throw failure(f.errno(), "pipe2");
            }
            return new int[] {f.ints.get(JAVA_INT, 0), f.ints.get(JAVA_INT, 4)};
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** Asks for a pipe of {@code bytes}; returns the size it got (the kernel rounds up, or refuses past pipe-max-size), or -errno. */
    static int resizePipe(Frame f, int pipe, int bytes) {
        try {
            int r = (int) FCNTL_INT.invokeExact(f.errno, pipe, F_SETPIPE_SZ, bytes);
            return r < 0 ? -f.errno() : r;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** The pipe's size, or -errno. */
    static int pipeSize(Frame f, int pipe) {
        try {
            int r = (int) FCNTL_INT.invokeExact(f.errno, pipe, F_GETPIPE_SZ, 0);
            return r < 0 ? -f.errno() : r;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** A second descriptor of the same open file, close-on-exec. */
    static int dup(Frame f, int fd) throws ErrnoException {
        try {
            int r = (int) FCNTL_INT.invokeExact(f.errno, fd, F_DUPFD_CLOEXEC, 0);
            if (r < 0) {
                throw failure(f.errno(), "dup");
            }
            return r;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** close(2), errors ignored: on Linux the descriptor is gone either way. */
    static void close(Frame f, int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(f.errno, fd);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static ErrnoException failure(int errno, String operation) {
        return new ErrnoException(errno, operation + ": " + Errno.describe(errno));
    }

    private static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call failed", t);
    }
}

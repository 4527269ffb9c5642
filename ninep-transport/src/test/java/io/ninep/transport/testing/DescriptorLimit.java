package io.ninep.transport.testing;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Holds this process's descriptor limit (RLIMIT_NOFILE) at the lowest free descriptor until
 * closed, so that the next descriptor anything makes fails with EMFILE: how a test reaches the
 * branches for a process out of descriptors. The whole JVM is held to it, so the window must be
 * short and open no file a test does not mean to fail (classes it needs loaded beforehand).
 */
public final class DescriptorLimit implements AutoCloseable {
    private static final int RLIMIT_NOFILE = 7;
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle GETRLIMIT = function("getrlimit", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle SETRLIMIT = function("setrlimit", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle FCNTL = function("fcntl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = function("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment saved = arena.allocate(16, 8);

    private DescriptorLimit() throws Throwable {
        check((int) GETRLIMIT.invokeExact(RLIMIT_NOFILE, saved), "getrlimit");
        int lowestFree = (int) FCNTL.invokeExact(0, F_DUPFD_CLOEXEC, 0);
        check(lowestFree, "fcntl(F_DUPFD)");
        check((int) CLOSE.invokeExact(lowestFree), "close");
        MemorySegment held = arena.allocate(16, 8);
        held.set(JAVA_LONG, 0, lowestFree);
        held.set(JAVA_LONG, 8, saved.get(JAVA_LONG, 8));
        check((int) SETRLIMIT.invokeExact(RLIMIT_NOFILE, held), "setrlimit");
    }

    /** From now until {@link #close}, no new descriptor can be made. */
    public static DescriptorLimit exhausted() {
        try {
            return new DescriptorLimit();
        } catch (Throwable t) {
            throw new IllegalStateException("cannot hold the descriptor limit: " + t, t);
        }
    }

    @Override
    public void close() {
        try {
            check((int) SETRLIMIT.invokeExact(RLIMIT_NOFILE, saved), "setrlimit");
        } catch (Throwable t) {
            throw new IllegalStateException("cannot give the descriptor limit back: " + t, t);
        } finally {
            arena.close();
        }
    }

    private static void check(int result, String call) {
        if (result < 0) {
            throw new IllegalStateException(call + " failed");
        }
    }

    @SuppressWarnings("restricted")
    private static MethodHandle function(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor, options);
    }
}

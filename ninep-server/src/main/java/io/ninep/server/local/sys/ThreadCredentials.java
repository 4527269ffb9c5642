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
 * The file-system credentials of the calling <em>thread</em>, set with raw system calls.
 *
 * <p>Linux keeps credentials per thread. glibc's setgroups(3), setuid(3) and friends make every
 * thread of the process follow (they signal each thread to repeat the call, the "setxid"
 * broadcast); the raw syscall(2) does not, and setfsuid/setfsgid have never been broadcast.
 * So these calls change only the thread that makes them; that thread must be a platform thread
 * that runs nothing else (a virtual thread can move between carrier threads at any blocking
 * point, and its carrier serves other virtual threads).
 */
public final class ThreadCredentials {
    private ThreadCredentials() {}

    private static final MethodHandle SYSCALL_1 = Native.function("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(1));
    private static final MethodHandle SYSCALL_SIZE_PTR = Native.function("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(1));
    private static final MethodHandle SYSCALL_PTR_PTR = Native.function("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS), Linker.Option.firstVariadicArg(1));

    private static final MethodHandle GETEUID = Native.function("geteuid", FunctionDescriptor.of(JAVA_INT));

    private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    private static final long SYS_GETGROUPS = LinuxAbi.SYS_SETGROUPS - 1;   // 115 on x86-64, 158 on aarch64
    private static final int MAX_GROUPS = 65536;

    /** A thread's file-system credentials and capability sets, to go back to after {@link #become}. */
    public record Saved(int fsuid, int fsgid, int[] groups, int[] capabilities) {}

    /** The calling thread's credentials as they are now. */
    public static Saved current() throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            int fsuid = (int) (long) SYSCALL_1.invokeExact(err, LinuxAbi.SYS_SETFSUID, 0xFFFF_FFFFL);
            int fsgid = (int) (long) SYSCALL_1.invokeExact(err, LinuxAbi.SYS_SETFSGID, 0xFFFF_FFFFL);
            MemorySegment list = a.allocate(JAVA_INT, MAX_GROUPS);
            long n = (long) SYSCALL_SIZE_PTR.invokeExact(err, SYS_GETGROUPS, (long) MAX_GROUPS, list);
            if (n < 0) {
                throw Native.error(Native.errno(err), "getgroups", null);
            }
            int[] groups = new int[(int) n];
            for (int i = 0; i < n; i++) {
                groups[i] = list.getAtIndex(JAVA_INT, i);
            }
            return new Saved(fsuid, fsgid, groups, capget(a, err));
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * Makes the calling thread act for {@code uid}: supplementary {@code groups}, fsgid
     * {@code gid}, fsuid {@code uid}, and an empty effective capability set (the permitted set
     * stays, so {@link #restore} can raise them again). Needs root. On failure the thread may be
     * half changed: call {@link #restore}.
     */
    public static void become(int uid, int gid, int[] groups) throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            setgroups(a, err, groups);
            setFsid(err, LinuxAbi.SYS_SETFSGID, gid, "setfsgid");
            setFsid(err, LinuxAbi.SYS_SETFSUID, uid, "setfsuid");
            int[] caps = capget(a, err);
            caps[0] = 0;   // effective, capabilities 0-31
            caps[3] = 0;   // effective, capabilities 32-63
            capset(a, err, caps);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** Puts back what {@link #current} saw: capabilities first (they allow the rest), then ids and groups. */
    public static void restore(Saved saved) throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            MemorySegment err = Native.errnoSlot(a);
            capset(a, err, saved.capabilities());
            setFsid(err, LinuxAbi.SYS_SETFSUID, saved.fsuid(), "setfsuid");
            setFsid(err, LinuxAbi.SYS_SETFSGID, saved.fsgid(), "setfsgid");
            setgroups(a, err, saved.groups());
            capset(a, err, saved.capabilities());
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** The calling thread's effective capability set (capabilities 0-31), for tests. */
    public static int effectiveCapabilities() throws ErrnoException {
        try (Scratch a = Scratch.take()) {
            return capget(a, Native.errnoSlot(a))[0];
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** The calling thread's fsuid and fsgid, for tests. */
    public static int[] fsIds() throws ErrnoException {
        Saved s = current();
        return new int[] {s.fsuid(), s.fsgid()};
    }

    private static void setgroups(Scratch a, MemorySegment err, int[] groups) throws Throwable {
        MemorySegment list = a.allocate(JAVA_INT, Math.max(1, groups.length));
        for (int i = 0; i < groups.length; i++) {
            list.setAtIndex(JAVA_INT, i, groups[i]);
        }
        long r = (long) SYSCALL_SIZE_PTR.invokeExact(err, LinuxAbi.SYS_SETGROUPS, (long) groups.length, list);
        if (r < 0) {
            throw Native.error(Native.errno(err), "setgroups", null);
        }
    }

    /** setfsuid/setfsgid report nothing; ask again with -1 to see whether the id took. */
    private static void setFsid(MemorySegment err, long sys, int id, String name) throws Throwable {
        long ignored = (long) SYSCALL_1.invokeExact(err, sys, Integer.toUnsignedLong(id));
        int now = (int) (long) SYSCALL_1.invokeExact(err, sys, 0xFFFF_FFFFL);
        if (now != id) {
            throw new ErrnoException(1, name + " " + Integer.toUnsignedString(id) + ": Operation not permitted");
        }
    }

    /** {effective, permitted, inheritable} for capabilities 0-31, then the same for 32-63. */
    private static int[] capget(Scratch a, MemorySegment err) throws Throwable {
        MemorySegment header = a.allocate(8, 4);
        header.set(JAVA_INT, 0, LINUX_CAPABILITY_VERSION_3);
        header.set(JAVA_INT, 4, 0);   // pid 0: the calling thread (scratch memory is not zeroed)
        MemorySegment data = a.allocate(24, 4);
        long r = (long) SYSCALL_PTR_PTR.invokeExact(err, LinuxAbi.SYS_CAPGET, header, data);
        if (r < 0) {
            throw Native.error(Native.errno(err), "capget", null);
        }
        int[] caps = new int[6];
        for (int i = 0; i < 6; i++) {
            caps[i] = data.getAtIndex(JAVA_INT, i);
        }
        return caps;
    }

    private static void capset(Scratch a, MemorySegment err, int[] caps) throws Throwable {
        MemorySegment header = a.allocate(8, 4);
        header.set(JAVA_INT, 0, LINUX_CAPABILITY_VERSION_3);
        header.set(JAVA_INT, 4, 0);   // pid 0: the calling thread (scratch memory is not zeroed)
        MemorySegment data = a.allocate(24, 4);
        for (int i = 0; i < 6; i++) {
            data.setAtIndex(JAVA_INT, i, caps[i]);
        }
        long r = (long) SYSCALL_PTR_PTR.invokeExact(err, LinuxAbi.SYS_CAPSET, header, data);
        if (r < 0) {
            throw Native.error(Native.errno(err), "capset", null);
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

package io.ninep.server.local;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.server.local.sys.LinuxAbi;

/**
 * Tlopen/Tlcreate flags (Linux's P9_DOTL_* values, include/net/9p/9p.h, which are x86-64's O_*
 * numbers on every client) turned into this machine's open(2) flags. Only the flags that make
 * sense for a server-side open pass: the access mode, O_TRUNC, O_APPEND, O_NONBLOCK, O_DSYNC
 * and O_SYNC. O_DIRECT is dropped (the client's buffers are not ours, and unaligned I/O would
 * fail), as are O_NOATIME (EPERM for non-owners), O_NOCTTY, FASYNC, O_LARGEFILE and O_CLOEXEC;
 * O_CREAT and O_EXCL matter only to create, O_NOFOLLOW never needs asking (nothing is followed),
 * and O_DIRECTORY is checked against the file's type.
 */
final class OpenFlags {
    private OpenFlags() {}

    /** Access mode 3: no access, which Linux's open(2) allows and the server does not. */
    static final int NOACCESS = 03;
    /** P9_DOTL_SYNC: the bit O_SYNC adds to O_DSYNC. */
    static final int SYNC = LinuxOpenFlags.O_SYNC & ~LinuxOpenFlags.O_DSYNC;

    /** The host flags for {@code wire}. */
    static int toHost(int wire) throws ErrnoException {
        int access = wire & LinuxOpenFlags.O_ACCMODE;
        if (access == NOACCESS) {
            throw new ErrnoException(Errno.EINVAL, "open mode 3 (no access) is not supported");
        }
        int host = access;
        if ((wire & LinuxOpenFlags.O_TRUNC) != 0) {
            host |= LinuxAbi.O_TRUNC;
        }
        if ((wire & LinuxOpenFlags.O_APPEND) != 0) {
            host |= LinuxAbi.O_APPEND;
        }
        if ((wire & LinuxOpenFlags.O_NONBLOCK) != 0) {
            host |= LinuxAbi.O_NONBLOCK;
        }
        if ((wire & SYNC) != 0) {
            host |= LinuxAbi.O_SYNC;
        } else if ((wire & LinuxOpenFlags.O_DSYNC) != 0) {
            host |= LinuxAbi.O_DSYNC;
        }
        return host;
    }

    /** Whether opening with {@code hostFlags} changes the file (so a read-only export refuses it). */
    static boolean modifies(int hostFlags) {
        return (hostFlags & LinuxAbi.O_ACCMODE) != LinuxAbi.O_RDONLY || (hostFlags & LinuxAbi.O_TRUNC) != 0;
    }

    static boolean readable(int hostFlags) {
        return (hostFlags & LinuxAbi.O_ACCMODE) != LinuxAbi.O_WRONLY;
    }

    static boolean writable(int hostFlags) {
        return (hostFlags & LinuxAbi.O_ACCMODE) != LinuxAbi.O_RDONLY;
    }
}

package io.ninep.server.local;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
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

    static final int ACCMODE = io.ninep.server.spi.OpenFlags.O_ACCMODE;
    static final int NOACCESS = 03;
    static final int EXCL = io.ninep.server.spi.OpenFlags.O_EXCL;
    static final int TRUNC = io.ninep.server.spi.OpenFlags.O_TRUNC;
    static final int APPEND = io.ninep.server.spi.OpenFlags.O_APPEND;
    static final int NONBLOCK = io.ninep.server.spi.OpenFlags.O_NONBLOCK;
    static final int DSYNC = io.ninep.server.spi.OpenFlags.O_DSYNC;
    static final int DIRECTORY = io.ninep.server.spi.OpenFlags.O_DIRECTORY;
    /** P9_DOTL_SYNC: the bit O_SYNC adds to O_DSYNC. */
    static final int SYNC = 04000000;

    /** The host flags for {@code wire}. */
    static int toHost(int wire) throws ErrnoException {
        int access = wire & ACCMODE;
        if (access == NOACCESS) {
            throw new ErrnoException(Errno.EINVAL, "open mode 3 (no access) is not supported");
        }
        int host = access;
        if ((wire & TRUNC) != 0) {
            host |= LinuxAbi.O_TRUNC;
        }
        if ((wire & APPEND) != 0) {
            host |= LinuxAbi.O_APPEND;
        }
        if ((wire & NONBLOCK) != 0) {
            host |= LinuxAbi.O_NONBLOCK;
        }
        if ((wire & SYNC) != 0) {
            host |= LinuxAbi.O_SYNC;
        } else if ((wire & DSYNC) != 0) {
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

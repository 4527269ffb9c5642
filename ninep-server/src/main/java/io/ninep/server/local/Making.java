package io.ninep.server.local;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.LinuxFileMode;
import io.ninep.server.local.sys.DirSyscalls;
import io.ninep.server.local.sys.FdSyscalls;
import io.ninep.server.local.sys.FileStat;
import io.ninep.server.local.sys.LinuxAbi;
import io.ninep.server.local.sys.StatSyscalls;

/**
 * Creating files the way the kernel would for the client's process, in system calls only (so
 * these run inside actor actions).
 *
 * <p><b>Group.</b> A new file belongs to the gid the client sent (its process's egid), or to the
 * directory's group when the directory is set-group-ID. A switching actor sets the fsgid to
 * the client's gid for the call, and the kernel applies both rules itself. Otherwise (the
 * server acting as itself, or as root) the file is made with the server's fsgid and then given
 * the client's gid with fchown, unless the directory is set-group-ID; a server that is not root
 * may not be allowed to, and then the file keeps the group the kernel gave it.
 *
 * <p><b>Mode.</b> The client applied its umask already; the server's own umask must not apply
 * again. When the kernel's result lacks permission bits the client asked for, they are set
 * with chmod. The set-group-ID bit a set-group-ID directory gives a new subdirectory stays, and
 * the kernel still strips set-group-ID from a file whose creator is not in its group.
 *
 * <p>Everything the client names is one entry of an open directory, and every new object is
 * opened with O_NOFOLLOW (openat2 RESOLVE_NO_SYMLINKS) before anything more is done to it, so a
 * symbolic link planted at the name cannot redirect the fix-ups.
 */
final class Making {
    private Making() {}

    private static final int PATH_FLAGS = LinuxAbi.O_PATH | LinuxAbi.O_NOFOLLOW | LinuxAbi.O_CLOEXEC;

    /** A new or opened file: an open descriptor ({@code -1} when none), an O_PATH one, and its attributes. */
    record Made(int fd, int pathFd, FileStat stat) {}

    /** How to own new files: {@code gid} -1 (NONUNAME) asks for no particular group. */
    record Owner(int gid, boolean groupApplied, boolean privileged) {}

    /**
     * Tlcreate: creates regular file {@code name} in {@code dir} and opens it with
     * {@code hostFlags}. Unless {@code exclusive}, an existing regular file is opened instead
     * (as open(2) with O_CREAT does), without touching its owner or mode.
     */
    static Made createFile(FileHandle dir, byte[] name, String subject, int hostFlags, boolean exclusive, int mode,
                           Owner owner) throws ErrnoException {
        int flags = hostFlags | LinuxAbi.O_CREAT | LinuxAbi.O_EXCL | LinuxAbi.O_NOFOLLOW | LinuxAbi.O_CLOEXEC;
        for (int attempt = 0; ; attempt++) {
            int fd;
            try {
                fd = FdSyscalls.openat2(dir.fd, name, flags, mode & 07777, Locator.RESOLVE, subject);
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EEXIST.number() || exclusive) {
                    throw e;
                }
                try {
                    return openExisting(dir, name, subject, hostFlags);
                } catch (ErrnoException again) {
                    if (again.errno() == Errno.ENOENT.number() && attempt < 3) {
                        continue;   // removed between the two opens: try to create it again
                    }
                    throw again;
                }
            }
            try {
                FileStat st = StatSyscalls.fstat(fd, subject);
                st = fixGroup(dir, fd, st, owner, subject);
                int want = mode & 07777;
                if ((st.mode() & 07777) != want) {
                    StatSyscalls.fchmod(fd, want, subject);
                    st = StatSyscalls.fstat(fd, subject);
                }
                int pathFd = FdSyscalls.open(FileHandle.procPath(fd), LinuxAbi.O_PATH | LinuxAbi.O_CLOEXEC, subject);
                return new Made(fd, pathFd, st);
            } catch (ErrnoException | RuntimeException e) {
                FdSyscalls.close(fd);
                throw e;
            }
        }
    }

    /** The existing file at {@code name}, opened: only a regular file (a fifo would block the open). */
    private static Made openExisting(FileHandle dir, byte[] name, String subject, int hostFlags) throws ErrnoException {
        int pathFd = FdSyscalls.openat2(dir.fd, name, PATH_FLAGS, 0, Locator.RESOLVE, subject);
        try {
            FileStat st = StatSyscalls.fstat(pathFd, subject);
            if (!st.isRegular()) {
                throw new ErrnoException(Errno.EEXIST, subject + ": exists and is not a regular file");
            }
            int fd = FdSyscalls.open(FileHandle.procPath(pathFd), hostFlags | LinuxAbi.O_CLOEXEC, subject);
            return new Made(fd, pathFd, st);
        } catch (ErrnoException | RuntimeException e) {
            FdSyscalls.close(pathFd);
            throw e;
        }
    }

    /** Tmkdir. */
    static FileStat mkdir(FileHandle dir, byte[] name, String subject, int mode, Owner owner) throws ErrnoException {
        DirSyscalls.mkdirat(dir.fd, name, mode & 01777, subject);
        int fd = FdSyscalls.openat2(dir.fd, name, PATH_FLAGS | LinuxAbi.O_DIRECTORY, 0, Locator.RESOLVE, subject);
        try {
            FileStat st = fixGroup(dir, fd, StatSyscalls.fstat(fd, subject), owner, subject);
            // A set-group-ID parent makes its subdirectories set-group-ID: keep what the kernel gave.
            return fixMode(fd, st, (mode & 01777) | (st.mode() & LinuxFileMode.S_ISGID), subject);
        } finally {
            FdSyscalls.close(fd);
        }
    }

    /** Tmknod of a fifo or socket ({@code mode} holds the type). */
    static FileStat mknod(FileHandle dir, byte[] name, String subject, int mode, Owner owner) throws ErrnoException {
        DirSyscalls.mknodat(dir.fd, name, mode & (LinuxFileMode.S_IFMT | 07777), 0, subject);
        int fd = FdSyscalls.openat2(dir.fd, name, PATH_FLAGS, 0, Locator.RESOLVE, subject);
        try {
            FileStat st = StatSyscalls.fstat(fd, subject);
            if (st.type() != (mode & LinuxFileMode.S_IFMT)) {
                throw new ErrnoException(Errno.EEXIST, subject + ": replaced while it was being made");
            }
            st = fixGroup(dir, fd, st, owner, subject);
            return fixMode(fd, st, mode & 07777, subject);
        } finally {
            FdSyscalls.close(fd);
        }
    }

    /** Tsymlink. */
    static FileStat symlink(FileHandle dir, byte[] name, String subject, byte[] target, Owner owner)
            throws ErrnoException {
        DirSyscalls.symlinkat(target, dir.fd, name, subject);
        int fd = FdSyscalls.openat2(dir.fd, name, PATH_FLAGS, 0, Locator.RESOLVE, subject);
        try {
            FileStat st = StatSyscalls.fstat(fd, subject);
            if (!st.isSymlink()) {
                throw new ErrnoException(Errno.EEXIST, subject + ": replaced while it was being made");
            }
            return fixGroup(dir, fd, st, owner, subject);
        } finally {
            FdSyscalls.close(fd);
        }
    }

    private static FileStat fixGroup(FileHandle dir, int fd, FileStat st, Owner owner, String subject)
            throws ErrnoException {
        if (owner.groupApplied() || owner.gid() == -1 || st.gid() == owner.gid()) {
            return st;
        }
        if ((StatSyscalls.fstat(dir.fd, dir).mode() & LinuxFileMode.S_ISGID) != 0) {
            return st;   // the directory's group, as the kernel gave it
        }
        try {
            StatSyscalls.fchownat(fd, new byte[0], -1, owner.gid(), LinuxAbi.AT_EMPTY_PATH, subject);
        } catch (ErrnoException e) {
            if (owner.privileged() || e.errno() != Errno.EPERM.number()) {
                throw e;
            }
            return st;   // acting as ourselves, not in that group: the file keeps ours
        }
        return StatSyscalls.fstat(fd, subject);
    }

    private static FileStat fixMode(int fd, FileStat st, int want, String subject) throws ErrnoException {
        if ((st.mode() & 07777) == want) {
            return st;
        }
        StatSyscalls.chmod(FileHandle.procPath(fd), want, subject);
        return StatSyscalls.fstat(fd, subject);
    }
}

package io.ninep.server.local;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.server.local.sys.DirSyscalls;
import io.ninep.server.local.sys.FdSyscalls;
import io.ninep.server.local.sys.FileStat;
import io.ninep.server.local.sys.LinuxAbi;
import io.ninep.server.local.sys.StatSyscalls;
import java.util.Arrays;

/**
 * Finds where a file is now (its parent directory and its name), for the few operations that
 * need a name the client did not send: Tremove, Trename and walking "..".
 *
 * <p>The kernel knows the current path of every descriptor ({@code readlink /proc/self/fd/N}),
 * through renames. The path is only a hint: the parent is then opened with
 * openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS) relative to the tree's root descriptor, so the
 * kernel keeps the lookup inside the tree whatever the path says, and the name found there must
 * still be the very file (same device and inode), or the operation fails with ENOENT. A file
 * moved out of the tree behind the server's back, or unlinked, has no location.
 *
 * <p>Only system calls: safe inside a {@link io.ninep.server.local.cred.Actor} action.
 */
final class Locator {
    private Locator() {}

    static final long RESOLVE = LinuxAbi.RESOLVE_BENEATH | LinuxAbi.RESOLVE_NO_SYMLINKS | LinuxAbi.RESOLVE_NO_MAGICLINKS;

    /**
     * A file's parent and name. {@code parentFd} is the root's own descriptor when
     * {@code parentIsRoot}; otherwise a new O_PATH descriptor the caller closes.
     */
    record Location(int parentFd, boolean parentIsRoot, byte[] name) {
        void close() {
            if (!parentIsRoot) {
                FdSyscalls.close(parentFd);
            }
        }
    }

    /**
     * Where {@code file} is below {@code root}.
     *
     * @throws ErrnoException EBUSY for the root itself, ENOENT if the file is no longer in the tree
     */
    static Location locate(FileHandle root, FileHandle file) throws ErrnoException {
        if (file.key.equals(root.key)) {
            throw new ErrnoException(Errno.EBUSY, "the root of the tree cannot be moved or removed");
        }
        byte[] rootPath = DirSyscalls.readlink(root.procPath(), root);
        byte[] path = DirSyscalls.readlink(file.procPath(), file);
        int start;
        if (rootPath.length == 1 && rootPath[0] == '/') {
            start = 1;
        } else if (path.length > rootPath.length + 1 && path[rootPath.length] == '/'
                && Arrays.equals(path, 0, rootPath.length, rootPath, 0, rootPath.length)) {
            start = rootPath.length + 1;
        } else {
            throw gone(file);
        }
        int slash = lastSlash(path, start);
        byte[] name = Arrays.copyOfRange(path, slash < 0 ? start : slash + 1, path.length);
        if (name.length == 0) {
            throw gone(file);
        }
        Location at;
        if (slash < 0) {
            at = new Location(root.fd, true, name);
        } else {
            byte[] parent = Arrays.copyOfRange(path, start, slash);
            int fd = FdSyscalls.openat2(root.fd, parent, LinuxAbi.O_PATH | LinuxAbi.O_DIRECTORY | LinuxAbi.O_CLOEXEC,
                    0, RESOLVE, file);
            at = new Location(fd, false, name);
        }
        try {
            FileStat there = StatSyscalls.fstatat(at.parentFd(), name, file);
            if (there.dev() != file.key.dev() || there.ino() != file.key.ino()) {
                throw gone(file);
            }
        } catch (ErrnoException e) {
            at.close();
            throw e.errno() == Errno.ENOENT.number() ? gone(file) : e;
        }
        return at;
    }

    private static int lastSlash(byte[] path, int from) {
        for (int i = path.length - 1; i >= from; i--) {
            if (path[i] == '/') {
                return i;
            }
        }
        return -1;
    }

    private static ErrnoException gone(FileHandle file) {
        return new ErrnoException(Errno.ENOENT, file.name + ": no longer in the tree (removed, or moved away)");
    }
}

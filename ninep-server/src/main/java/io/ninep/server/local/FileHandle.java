package io.ninep.server.local;

import io.ninep.protocol.LinuxFileMode;
import io.ninep.server.local.sys.FdSyscalls;
import io.ninep.server.local.sys.FileStat;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An O_PATH descriptor for one file, shared by every node that refers to the file through the
 * same walk (a node and its duplicates) and closed when the last lets go. Holding the
 * descriptor, rather than a name, is what keeps a node on its file through renames, and keeps
 * an unlinked file reachable (fstat, reopen through /proc/self/fd) until the fid is clunked.
 *
 * <p>The descriptor number is valid only while a reference is held: every user retains first.
 */
final class FileHandle {
    private static final byte[] PROC_FD = "/proc/self/fd/".getBytes(StandardCharsets.US_ASCII);

    final int fd;
    /** st_mode & S_IFMT: a descriptor never changes its file, nor a file its type. */
    final int type;
    final FileKey key;
    /** The name the file was reached by, for messages only. */
    final String name;
    private final byte[] procPath;
    private final AtomicInteger refs = new AtomicInteger(1);

    FileHandle(int fd, FileStat stat, String name) {
        this.fd = fd;
        this.type = stat.type();
        this.key = new FileKey(stat.dev(), stat.ino());
        this.name = name;
        this.procPath = procPath(fd);
    }

    /** "/proc/self/fd/N": the magic link through which the kernel reaches the descriptor's file and nothing else. */
    static byte[] procPath(int fd) {
        byte[] digits = Integer.toString(fd).getBytes(StandardCharsets.US_ASCII);
        byte[] p = new byte[PROC_FD.length + digits.length];
        System.arraycopy(PROC_FD, 0, p, 0, PROC_FD.length);
        System.arraycopy(digits, 0, p, PROC_FD.length, digits.length);
        return p;
    }

    byte[] procPath() {
        return procPath;
    }

    boolean isDirectory() {
        return type == LinuxFileMode.S_IFDIR;
    }

    boolean isRegular() {
        return type == LinuxFileMode.S_IFREG;
    }

    boolean isSymlink() {
        return type == LinuxFileMode.S_IFLNK;
    }

    FileHandle retain() {
        int before = refs.getAndIncrement();
        if (before <= 0) {
            throw new IllegalStateException("descriptor of " + name + " already closed");
        }
        return this;
    }

    void release() {
        int after = refs.decrementAndGet();
        if (after == 0) {
            FdSyscalls.close(fd);
        } else if (after < 0) {
            throw new IllegalStateException("descriptor of " + name + " released too often");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

package io.ninep.client.nio;

import io.ninep.protocol.message.Qid;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Everything a 9P server says about a file: the POSIX attributes plus what 9P2000.L's Rgetattr
 * carries (9P2000 and .u servers fill what their stat has; the rest is 0). The "ninep" view
 * ({@link NinepFileAttributeView}) reads them, also by name:
 * {@code Files.getAttribute(p, "ninep:nlink")}. The names are those of the methods here, plus
 * the basic and posix ones.
 *
 * <p>{@link #fileKey()} is the qid's path, the server's identity of the file.
 */
public interface NinepFileAttributes extends PosixFileAttributes {

    /** The server's identity of the file: type, version (changes with the content) and path. */
    Qid qid();

    /** Linux's st_mode: the file type (S_IFMT) and the permission and set-id bits. */
    int mode();

    /** The numeric owner (0 if the server did not say). */
    int uid();

    /** The numeric group (0 if the server did not say). */
    int gid();

    long nlink();

    /** The device number, for device files. */
    long rdev();

    /** The preferred I/O size. */
    long blockSize();

    /** 512-byte blocks allocated. */
    long blocks();

    /** ctime: when the attributes last changed. */
    FileTime lastChangeTime();

    /** The inode generation number, if the server gives it. */
    long generation();

    /** The data version, if the server gives it. */
    long dataVersion();
}

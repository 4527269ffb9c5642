package io.ninep.server.spi;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.SetAttr;
import io.ninep.protocol.message.StatFs;
import java.io.IOException;
import java.util.List;

/**
 * A file as one fid sees it: the object the engine's fid table holds for every fid that is not
 * open. It acts for the {@link Identity} of the attach it was walked from. Every method a backend
 * does not support answers ENOSYS (the defaults here).
 *
 * <p>Concurrency: the engine may call any methods of one node from several threads at once (the
 * Linux client sends requests on one fid in parallel), and methods of different nodes that refer
 * to the same file. A node must be safe for that. The engine guarantees only that
 * {@link #release} is called once, after every other call on the node has returned.
 *
 * <p>A node keeps referring to its file after the file is renamed or unlinked, as an open
 * directory handle or file descriptor would: Tgetattr on the fid of an unlinked file must work.
 */
public interface FileNode {

    /** The file's qid: type and path fixed for the node's life; version as of now. */
    Qid qid() throws IOException;

    /**
     * Twalk with names: walks from this directory through {@code names} (1 to 16 elements, each
     * a single name: never empty, "." or containing '/'; ".." means the parent, and stays at the
     * root of the attached tree). Returns one node per element walked, in order. If the first
     * element cannot be walked, throws (ENOENT, ENOTDIR, EACCES); if a later one cannot, returns
     * the shorter list. The engine clones nodes it does not keep with {@link #release}.
     */
    default List<FileNode> walk(List<String> names) throws IOException {
        throw new ErrnoException(Errno.ENOSYS, "walk is not supported");
    }

    /** Twalk with no names: another node for the same file, for the new fid. */
    FileNode duplicate() throws IOException;

    /** Tlopen (and Topen, with the mode turned into Linux flags): opens the file for I/O. */
    default OpenFile open(int linuxFlags) throws IOException {
        throw new ErrnoException(Errno.ENOSYS, "open is not supported");
    }

    /**
     * Tlcreate (and Tcreate of a regular file): creates regular file {@code name} in this
     * directory and opens it. {@code gid} is the creating process's effective gid.
     */
    default Created create(String name, int linuxFlags, int mode, int gid) throws IOException {
        throw new ErrnoException(Errno.ENOSYS, "create is not supported");
    }

    /** Tmkdir: creates directory {@code name} in this directory. */
    default Qid mkdir(String name, int mode, int gid) throws IOException {
        throw new ErrnoException(Errno.ENOSYS, "mkdir is not supported");
    }

    /** Tsymlink: creates symbolic link {@code name} to {@code target} in this directory. */
    default Qid symlink(String name, String target, int gid) throws IOException {
        throw new ErrnoException(Errno.ENOSYS, "symlink is not supported");
    }

    /**
     * Tmknod: creates a fifo or socket {@code name} in this directory ({@code mode} holds S_IFIFO
     * or S_IFSOCK and the permissions). Device nodes are refused (EPERM).
     */
    default Qid mknod(String name, int mode, int major, int minor, int gid) throws IOException {
        throw new ErrnoException(Errno.ENOSYS, "mknod is not supported");
    }

    /** Tlink: makes {@code name} in this directory a hard link to {@code target}'s file. */
    default void link(String name, FileNode target) throws IOException {
        throw new ErrnoException(Errno.ENOSYS, "link is not supported");
    }

    /** Trename (and Twstat of a name): moves this file to {@code newName} in {@code newDirectory}. */
    default void rename(FileNode newDirectory, String newName) throws IOException {
        throw new ErrnoException(Errno.ENOSYS, "rename is not supported");
    }

    /** Trenameat: moves {@code oldName} of this directory to {@code newName} in {@code newDirectory}. */
    default void renameAt(String oldName, FileNode newDirectory, String newName) throws IOException {
        throw new ErrnoException(Errno.ENOSYS, "renameat is not supported");
    }

    /** Tunlinkat: removes {@code name} from this directory; with AT_REMOVEDIR (0x200) in flags, a directory. */
    default void unlinkAt(String name, int flags) throws IOException {
        throw new ErrnoException(Errno.ENOSYS, "unlinkat is not supported");
    }

    /** Tremove: removes this file (a directory only if empty). The engine clunks the fid either way. */
    default void remove() throws IOException {
        throw new ErrnoException(Errno.ENOSYS, "remove is not supported");
    }

    /** Treadlink. */
    default String readlink() throws IOException {
        throw new ErrnoException(Errno.EINVAL, "not a symbolic link");
    }

    /**
     * Tgetattr: the attributes {@code mask} asks for (more is allowed; the valid mask says what
     * is there). Stat of 9P2000/.u is built from this too.
     */
    Attr getattr(long mask) throws IOException;

    /** Tsetattr (and Twstat): applies the changes {@code changes.valid()} selects, all or none where it can. */
    default void setattr(SetAttr changes) throws IOException {
        throw new ErrnoException(Errno.ENOSYS, "setattr is not supported");
    }

    /** Tstatfs. */
    default StatFs statfs() throws IOException {
        throw new ErrnoException(Errno.ENOSYS, "statfs is not supported");
    }

    /** Txattrwalk with a name: the value of extended attribute {@code name} (ENODATA if absent). */
    default byte[] getxattr(String name) throws IOException {
        throw new ErrnoException(Errno.EOPNOTSUPP, "extended attributes are not supported");
    }

    /** Txattrwalk with an empty name: the attribute names, each followed by a NUL byte (listxattr(2)). */
    default byte[] listxattr() throws IOException {
        throw new ErrnoException(Errno.EOPNOTSUPP, "extended attributes are not supported");
    }

    /**
     * Sets an extended attribute: called by the engine when the fid of a Txattrcreate is clunked
     * after exactly attr_size bytes were written to it. {@code flags} are setxattr(2)'s
     * (XATTR_CREATE 1, XATTR_REPLACE 2).
     */
    default void setxattr(String name, byte[] value, int flags) throws IOException {
        throw new ErrnoException(Errno.EOPNOTSUPP, "extended attributes are not supported");
    }

    /** Removes an extended attribute (a Txattrcreate of size 0 followed by a clunk, as the Linux client sends). */
    default void removexattr(String name) throws IOException {
        throw new ErrnoException(Errno.EOPNOTSUPP, "extended attributes are not supported");
    }

    /** The fid holding this node was clunked (or the connection closed): release what it holds. */
    default void release() {
    }
}

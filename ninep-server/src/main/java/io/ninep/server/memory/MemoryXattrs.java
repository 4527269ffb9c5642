package io.ninep.server.memory;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.WireString;
import io.ninep.protocol.message.Txattrcreate;
import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * The extended attributes of an inode of a {@link MemoryFileServer}, kept in insertion order
 * under the inode's lock: getxattr(2), listxattr(2), setxattr(2) with XATTR_CREATE and
 * XATTR_REPLACE, and removexattr(2). Changing one takes the owner, or a user who may write the
 * file.
 */
final class MemoryXattrs {
    private MemoryXattrs() {}

    /** XATTR_NAME_MAX: the longest attribute name, in bytes. */
    static final int XATTR_NAME_MAX = 255;

    static byte[] get(Inode inode, String attr) throws ErrnoException {
        inode.rw.readLock().lock();
        try {
            byte[] v = inode.xattrs == null ? null : inode.xattrs.get(attr);
            if (v == null) {
                throw new ErrnoException(Errno.ENODATA, Errno.ENODATA.text());
            }
            return v.clone();
        } finally {
            inode.rw.readLock().unlock();
        }
    }

    /** The names, each followed by a NUL, as listxattr(2) returns them. */
    static byte[] list(Inode inode) {
        inode.rw.readLock().lock();
        try {
            var out = new ByteArrayOutputStream();
            if (inode.xattrs != null) {
                for (String k : inode.xattrs.keySet()) {
                    out.writeBytes(WireString.toBytes(k));
                    out.write(0);
                }
            }
            return out.toByteArray();
        } finally {
            inode.rw.readLock().unlock();
        }
    }

    /** The caller has checked that the tree is writable. */
    static void set(Caller caller, Inode inode, String attr, byte[] value, int flags) throws ErrnoException {
        check(caller, inode, attr);
        inode.rw.writeLock().lock();
        try {
            Map<String, byte[]> map = inode.xattrsForWrite();
            boolean exists = map.containsKey(attr);
            if ((flags & Txattrcreate.XATTR_CREATE) != 0 && exists) {
                throw new ErrnoException(Errno.EEXIST, Errno.EEXIST.text());
            }
            if ((flags & Txattrcreate.XATTR_REPLACE) != 0 && !exists) {
                throw new ErrnoException(Errno.ENODATA, Errno.ENODATA.text());
            }
            map.put(attr, value.clone());
            inode.ctime = MemoryFileServer.now();
        } finally {
            inode.rw.writeLock().unlock();
        }
    }

    /** The caller has checked that the tree is writable. */
    static void remove(Caller caller, Inode inode, String attr) throws ErrnoException {
        check(caller, inode, attr);
        inode.rw.writeLock().lock();
        try {
            if (inode.xattrs == null || inode.xattrs.remove(attr) == null) {
                throw new ErrnoException(Errno.ENODATA, Errno.ENODATA.text());
            }
            inode.ctime = MemoryFileServer.now();
        } finally {
            inode.rw.writeLock().unlock();
        }
    }

    private static void check(Caller caller, Inode inode, String attr) throws ErrnoException {
        int len = WireString.encodedLength(attr);
        if (len == 0 || len > XATTR_NAME_MAX) {
            throw new ErrnoException(Errno.ERANGE, "extended attribute name of " + len + " bytes");
        }
        if (!caller.owns(inode) && !caller.allowed(inode, Caller.W)) {
            throw new ErrnoException(Errno.EACCES, Errno.EACCES.text());
        }
    }
}

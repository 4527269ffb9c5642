package io.ninep.server;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.message.Qid;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.OpenFile;
import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What one fid of a connection refers to: a node, once opened also an open file, or the value of
 * an extended attribute being read or written.
 *
 * <p>A fid object is counted: the {@link FidTable} holds one reference while the fid is in the
 * table, and every request that uses the fid holds one while it runs. Whoever drops the last
 * reference closes it, so the backend's {@link FileNode#release} and {@link OpenFile#close} run
 * once, after every call on them returned, as the SPI promises. When a request changes what a fid
 * refers to (a walk to the same fid, Tlcreate, Txattrcreate), a new Fid object replaces the old
 * one in the table; requests still running on the old one finish with it.
 */
final class Fid {
    final int id;
    /** The node; null only for a fid reading an extended attribute (Txattrwalk). */
    final FileNode node;
    final Qid qid;
    /** The name it was walked through ("/" for an attach): what a 9P2000 stat calls it. */
    final String name;
    /**
     * The directory it was walked from, kept for 9P2000 and 9P2000.u only, where Twstat renames
     * a file within its directory and nothing else names that directory; otherwise null.
     */
    final FileNode parent;

    /** References: the table's and each running request's. Changed through {@link #REFS}. */
    @SuppressWarnings("unused")
    private volatile int refs = 1;
    private volatile OpenFile open;
    /** 9P2000 ORCLOSE: remove the file when the fid is clunked. */
    volatile boolean removeOnClose;

    /** The value of Txattrwalk, readable with Tread; or null. */
    final byte[] xattrValue;
    /** The attribute of Txattrcreate being written with Twrite; or null. */
    final XattrWrite xattrWrite;

    /** Where a 9P2000 directory read stands; made on the first such read. */
    private volatile DirectoryRead directoryRead;

    private static final java.lang.invoke.VarHandle OPEN;
    private static final java.lang.invoke.VarHandle REFS;
    private static final java.lang.invoke.VarHandle DIRECTORY_READ;

    static {
        try {
            var lookup = java.lang.invoke.MethodHandles.lookup();
            OPEN = lookup.findVarHandle(Fid.class, "open", OpenFile.class);
            REFS = lookup.findVarHandle(Fid.class, "refs", int.class);
            DIRECTORY_READ = lookup.findVarHandle(Fid.class, "directoryRead", DirectoryRead.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    Fid(int id, FileNode node, Qid qid, String name) {
        this(id, node, qid, name, null, null, null);
    }

    /** A fid that also holds its directory (9P2000 and 9P2000.u); it releases {@code parent} when closed. */
    Fid(int id, FileNode node, Qid qid, String name, FileNode parent) {
        this(id, node, qid, name, parent, null, null);
    }

    private Fid(int id, FileNode node, Qid qid, String name, FileNode parent, byte[] xattrValue,
                XattrWrite xattrWrite) {
        this.id = id;
        this.node = node;
        this.qid = qid;
        this.name = name;
        this.parent = parent;
        this.xattrValue = xattrValue;
        this.xattrWrite = xattrWrite;
    }

    /** A fid whose reads return {@code value} (Txattrwalk). */
    static Fid xattrReader(int id, Qid qid, String name, byte[] value) {
        return new Fid(id, null, qid, name, null, value, null);
    }

    /** A fid collecting the value of attribute {@code attr} (Txattrcreate); set when clunked. */
    static Fid xattrWriter(int id, FileNode node, Qid qid, String name, XattrWrite attr) {
        return new Fid(id, node, qid, name, null, null, attr);
    }

    boolean isDirectory() {
        return qid.isDirectory();
    }

    OpenFile open() {
        return open;
    }

    /**
     * True if the fid is open on a file that takes a Twrite's payload from the connection (not an
     * xattr write): into its buffers, or, if {@code intoFiles}, into its descriptor.
     */
    boolean receivesDirectly(boolean intoFiles) {
        OpenFile f = open;
        return f != null && xattrWrite == null && (f.receivesIntoBuffers() || intoFiles && f.receivesDirectly());
    }

    /** True if the fid is open on a file whose reads and writes wait for nothing but memory (not an xattr). */
    boolean transfersWithoutWaiting() {
        OpenFile f = open;
        return f != null && xattrValue == null && xattrWrite == null && f.transfersWithoutWaiting();
    }

    /** The open file, or EBADF if the fid was not opened. */
    OpenFile openFile() throws ErrnoException {
        OpenFile f = open;
        if (f == null) {
            throw new ErrnoException(Errno.EBADF, "fid " + Integer.toUnsignedString(id) + " is not open");
        }
        return f;
    }

    /** Records the open file; false if the fid was opened meanwhile (the caller closes its file). */
    boolean setOpen(OpenFile file) {
        return OPEN.compareAndSet(this, (OpenFile) null, file);
    }

    /** Takes a reference for a request; false if the fid is already closed. */
    boolean retain() {
        int n;
        do {
            n = (int) REFS.getVolatile(this);
            if (n <= 0) {
                return false;
            }
        } while (!REFS.compareAndSet(this, n, n + 1));
        return true;
    }

    /**
     * Drops a reference; the last one closes the fid and reports what closing failed with.
     *
     * @return true if this was the last reference
     */
    boolean release() throws IOException {
        int n = (int) REFS.getAndAdd(this, -1) - 1;
        if (n > 0) {
            return false;
        }
        if (n < 0) {
            throw new IllegalStateException("fid " + id + " released once too often");
        }
        close();
        return true;
    }

    /** Commits an attribute being written, closes the open file, removes an ORCLOSE file, releases the node. */
    private void close() throws IOException {
        IOException first = null;
        if (xattrWrite != null) {
            try {
                xattrWrite.commit(node);
            } catch (IOException | RuntimeException e) {
                first = asIo(e);
            }
        }
        OpenFile f = open;
        if (f != null) {
            try {
                f.close();
            } catch (IOException | RuntimeException e) {
                first = first == null ? asIo(e) : first;
            }
        }
        if (removeOnClose && node != null) {
            try {
                node.remove();
            } catch (IOException | RuntimeException e) {
                first = first == null ? asIo(e) : first;
            }
        }
        for (FileNode n : new FileNode[] {node, parent}) {
            if (n != null) {
                try {
                    n.release();
                } catch (RuntimeException e) {
                    first = first == null ? asIo(e) : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static IOException asIo(Exception e) {
        return e instanceof IOException io ? io : new IOException(e.toString(), e);
    }

    @Override
    public String toString() {
        return "fid " + Integer.toUnsignedString(id) + " " + name;
    }

    /** The state of 9P2000 directory reads on this fid, made on first use. */
    DirectoryRead directoryRead() {
        DirectoryRead d = directoryRead;
        if (d == null) {
            d = new DirectoryRead();
            if (!DIRECTORY_READ.compareAndSet(this, (DirectoryRead) null, d)) {
                d = directoryRead;
            }
        }
        return d;
    }

    /**
     * Where a 9P2000 directory read stands (read(5): each read starts at 0 or where the last one
     * ended): the readdir cookie of the last entry sent and the byte offset the next read must
     * give. Guarded by {@code lock}.
     */
    static final class DirectoryRead {
        final ReentrantLock lock = new ReentrantLock();
        long cookie;
        long nextOffset;
    }

    /** Txattrcreate's pending value: attr_size bytes written with Twrite, set on clunk. */
    static final class XattrWrite {
        /** The largest value accepted (Linux's XATTR_SIZE_MAX). */
        static final int MAX_SIZE = 65536;

        final String attrName;
        final int flags;
        private final byte[] value;
        private int written;   // guarded by this

        XattrWrite(String attrName, long size, int flags) throws ErrnoException {
            if (size < 0 || size > MAX_SIZE) {
                throw new ErrnoException(Errno.E2BIG, "extended attribute value of " + Long.toUnsignedString(size)
                        + " bytes is larger than " + MAX_SIZE);
            }
            this.attrName = attrName;
            this.flags = flags;
            this.value = new byte[(int) size];
        }

        synchronized int write(long offset, java.nio.ByteBuffer data) throws ErrnoException {
            int n = data.remaining();
            if (offset < 0 || offset > value.length || n > value.length - offset) {
                throw new ErrnoException(Errno.ERANGE, "write of " + n + " bytes at " + Long.toUnsignedString(offset)
                        + " overruns the declared attribute size " + value.length);
            }
            data.get(data.position(), value, (int) offset, n);
            written = Math.max(written, (int) offset + n);
            return n;
        }

        synchronized void commit(FileNode node) throws IOException {
            if (value.length == 0) {
                node.removexattr(attrName);
            } else if (written != value.length) {
                throw new ErrnoException(Errno.EINVAL, "extended attribute " + attrName + ": " + written
                        + " of " + value.length + " bytes were written before clunk");
            } else {
                node.setxattr(attrName, value, flags);
            }
        }
    }
}

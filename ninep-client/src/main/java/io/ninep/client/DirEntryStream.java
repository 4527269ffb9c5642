package io.ninep.client;

import io.ninep.client.rpc.Connection;
import io.ninep.protocol.P9;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.message.DirEntry;
import io.ninep.protocol.message.Treaddir;
import io.ninep.transport.buffer.BufferPool;
import io.ninep.transport.buffer.PooledBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The entries of a 9P2000.L directory, read with Treaddir as the iterator needs them. Each
 * Treaddir's payload goes straight into a pool buffer of the count asked for, and entries are
 * decoded from it one at a time.
 *
 * <p>Sizing adapts: the first Treaddir asks for {@link ClientConfig#readdirInitialCount()}
 * bytes (4 KiB, the small class, by default); whenever a reply comes back more than half full,
 * the directory is probably large and the next count moves up a size class (64 KiB, msize/2,
 * then msize - 24). Small directories never cost an msize buffer; large ones need few round trips.
 */
public final class DirEntryStream implements DirectoryStream<DirEntry>, Iterator<DirEntry> {
    private final Fid fid;
    private final boolean ownsFid;
    private final Connection connection;
    private final WireReader reader = new WireReader();
    private final int maxCount;
    private int count;
    private long offset;
    private PooledBuffer buffer;
    private ByteBuffer data;
    private DirEntry next;
    private boolean eof;
    private boolean iterated;
    private boolean closed;
    /** Counts asked for so far, for tests and tracing. */
    private final java.util.List<Integer> counts = new java.util.ArrayList<>();

    DirEntryStream(Fid fid, boolean ownsFid) {
        this.fid = fid;
        this.ownsFid = ownsFid;
        this.connection = fid.session().connection();
        this.maxCount = connection.msize() - P9.READDIR_HEADER_SIZE;
        this.count = Math.min(fid.session().config().readdirInitialCount(), maxCount);
    }

    /** The directory stream's iterator: this object itself, once. */
    @Override
    public Iterator<DirEntry> iterator() {
        if (closed) {
            throw new IllegalStateException("directory stream is closed");
        }
        if (iterated) {
            throw new IllegalStateException("iterator() was called already");
        }
        iterated = true;
        return this;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (closed) {
            return false;
        }
        try {
            while (next == null && !eof) {
                if (data != null && data.hasRemaining()) {
                    next = DirEntry.decode(reader);
                    offset = next.offset();
                } else {
                    fetch();
                }
            }
        } catch (IOException e) {
            throw new DirectoryIteratorException(e);
        }
        return next != null;
    }

    @Override
    public DirEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        DirEntry e = next;
        next = null;
        return e;
    }

    private void fetch() throws IOException {
        release();
        buffer = connection.takeBuffer(count);
        counts.add(count);
        ByteBuffer b = buffer.buffer();
        int n = connection.callInto(new Treaddir(fid.number(), offset, count), b);
        if (n == 0) {
            eof = true;
            release();
            return;
        }
        data = b.flip();
        reader.reset(data, n, "Rreaddir.data");
        if (n > count / 2) {
            count = grow(count);
        }
    }

    private int grow(int c) {
        int half = connection.msize() / 2;
        int g = c < BufferPool.MEDIUM ? BufferPool.MEDIUM : c < half ? half : maxCount;
        return Math.min(g, maxCount);
    }

    private void release() {
        data = null;
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }

    /** The counts of the Treaddirs sent so far, in order: how the sizing adapted. */
    public java.util.List<Integer> counts() {
        return java.util.List.copyOf(counts);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        next = null;
        release();
        if (ownsFid) {
            fid.close();
        }
    }
}

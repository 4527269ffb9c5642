package io.ninep.client;

import io.ninep.client.rpc.Connection;
import io.ninep.protocol.WireReader;
import io.ninep.transport.buffer.BufferPool;
import io.ninep.transport.buffer.PooledBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * What {@link DirEntryStream} (Treaddir) and {@link StatStream} (Tread of a 9P2000 directory)
 * share: reading a directory a page at a time with adaptive counts, as the iterator needs its
 * entries. Each page's payload goes straight into a pool buffer of the count asked for, and
 * entries are decoded from it one at a time; the buffer goes back to the pool before the next
 * page is read, and when the stream is closed.
 *
 * <p>Sizing adapts: the first request asks for {@link ClientConfig#readdirInitialCount()} bytes
 * (4 KiB, the small class, by default); whenever a reply comes back more than half full, the
 * directory is probably large and the next count moves up a size class (64 KiB, msize/2, then
 * the largest count a reply may carry). Small directories never cost an msize buffer; large ones
 * need few round trips.
 *
 * <p>One iterator, used by one thread, as {@link DirectoryStream} allows.
 */
abstract sealed class PagedDirectoryStream<T> implements DirectoryStream<T>, Iterator<T>
        permits DirEntryStream, StatStream {
    final Fid fid;
    final Connection connection;
    private final boolean ownsFid;
    private final WireReader reader;
    private final int maxCount;
    private int count;
    private PooledBuffer buffer;
    private ByteBuffer data;
    private T next;
    private boolean eof;
    private boolean iterated;
    private boolean closed;

    /**
     * @param ownsFid whether closing the stream clunks {@code fid}
     * @param reader decodes the entries (strict or lenient, as the dialect wants)
     * @param maxCount the largest count one request may ask for
     */
    PagedDirectoryStream(Fid fid, boolean ownsFid, WireReader reader, int maxCount) {
        this.fid = fid;
        this.ownsFid = ownsFid;
        this.connection = fid.session().connection();
        this.reader = reader;
        this.maxCount = maxCount;
        this.count = Math.min(fid.session().config().readdirInitialCount(), maxCount);
    }

    /**
     * Sends the request for the next page, asking for {@code count} bytes, whose payload lands in
     * {@code into}.
     *
     * @return the bytes the server sent; 0 at the end of the directory
     */
    abstract int fetchPage(int count, ByteBuffer into) throws IOException;

    /** Decodes the next entry of the current page. */
    abstract T decode(WireReader page) throws IOException;

    /** The name of the page's field, for decoding errors ("Rreaddir.data"). */
    abstract String pageName();

    /** The directory stream's iterator: this object itself, once. */
    @Override
    public Iterator<T> iterator() {
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
                    next = decode(reader);
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
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T e = next;
        next = null;
        return e;
    }

    private void fetch() throws IOException {
        release();
        buffer = connection.takeBuffer(count);
        ByteBuffer b = buffer.buffer();
        int n = fetchPage(count, b);
        if (n == 0) {
            eof = true;
            release();
            return;
        }
        data = b.flip();
        reader.reset(data, n, pageName());
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

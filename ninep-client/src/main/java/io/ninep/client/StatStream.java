package io.ninep.client;

import io.ninep.client.rpc.Connection;
import io.ninep.protocol.Strictness;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.message.DirEntry;
import io.ninep.protocol.message.Stat;
import io.ninep.protocol.message.Tread;
import io.ninep.transport.buffer.BufferPool;
import io.ninep.transport.buffer.PooledBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The entries of a 9P2000 or 9P2000.u directory: Treads of the opened directory, each returning
 * whole stat entries (read(5)), at byte offsets that follow on from the previous read. Sized
 * like {@link DirEntryStream}: small first, larger once the directory turns out large.
 */
final class StatStream implements DirectoryStream<Stat>, Iterator<Stat> {
    private final Fid fid;
    private final boolean ownsFid;
    private final Connection connection;
    private final WireReader reader;
    private final int maxCount;
    private int count;
    private long offset;
    private PooledBuffer buffer;
    private ByteBuffer data;
    private Stat next;
    private boolean eof;
    private boolean iterated;
    private boolean closed;

    StatStream(Fid fid, boolean ownsFid) {
        this.fid = fid;
        this.ownsFid = ownsFid;
        this.connection = fid.session().connection();
        this.reader = new WireReader(Strictness.LENIENT, connection::noteQuirk);
        this.maxCount = fid.maxIo();
        this.count = Math.min(fid.session().config().readdirInitialCount(), maxCount);
    }

    @Override
    public Iterator<Stat> iterator() {
        if (closed || iterated) {
            throw new IllegalStateException(closed ? "directory stream is closed" : "iterator() was called already");
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
                if (data != null && reader.remaining() > 0) {
                    next = Stat.decode(reader, connection.dialect());
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
    public Stat next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Stat s = next;
        next = null;
        return s;
    }

    private void fetch() throws IOException {
        release();
        buffer = connection.takeBuffer(count);
        ByteBuffer b = buffer.buffer();
        int n = connection.callInto(new Tread(fid.number(), offset, count), b);
        if (n == 0) {
            eof = true;
            release();
            return;
        }
        offset += n;
        data = b.flip();
        reader.reset(data, n, "Rread.stat");
        if (n > count / 2) {
            int half = connection.msize() / 2;
            count = Math.min(count < BufferPool.MEDIUM ? BufferPool.MEDIUM : count < half ? half : maxCount, maxCount);
        }
    }

    private void release() {
        data = null;
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }

    /** The same entries as {@link DirEntry}s (qid, type from the qid, name). */
    DirectoryStream<DirEntry> asDirEntries() {
        StatStream self = this;
        return new DirectoryStream<>() {
            @Override
            public Iterator<DirEntry> iterator() {
                Iterator<Stat> stats = self.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return stats.hasNext();
                    }

                    @Override
                    public DirEntry next() {
                        Stat s = stats.next();
                        return new DirEntry(s.qid(), self.offset, FileModes.direntType(s.qid()), s.name());
                    }
                };
            }

            @Override
            public void close() throws IOException {
                self.close();
            }
        };
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

package io.ninep.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link SeekableByteChannel} over an open fid: 9P reads and writes name their offset, the
 * channel keeps the position. Large transfers use {@link Fid#readAll}/{@link Fid#writeAll}, so a
 * big buffer costs few round trips. A file opened with O_APPEND writes at its end.
 */
final class FidChannel implements SeekableByteChannel {
    private final Fid fid;
    private final boolean ownsFid;
    private final ReentrantLock lock = new ReentrantLock();   // guards position and closed
    private long position;
    private boolean closed;

    FidChannel(Fid fid, boolean ownsFid) {
        this.fid = fid;
        this.ownsFid = ownsFid;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        lock.lock();
        try {
            checkOpen();
            if (!dst.hasRemaining()) {
                return 0;
            }
            int n = fid.readAll(position, dst);
            if (n == 0) {
                return -1;
            }
            position += n;
            return n;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        lock.lock();
        try {
            checkOpen();
            if (!fid.isOpen()) {
                throw new NonWritableChannelException();
            }
            int n = src.remaining();
            fid.writeAll(position, src);
            position += n;
            return n;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long position() throws IOException {
        lock.lock();
        try {
            checkOpen();
            return position;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        lock.lock();
        try {
            checkOpen();
            position = newPosition;
            return this;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long size() throws IOException {
        checkOpenLocked();
        return fid.attributes().size();
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        lock.lock();
        try {
            checkOpen();
            if (size < fid.attributes().size()) {
                fid.truncate(size);
            }
            if (position > size) {
                position = size;
            }
            return this;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isOpen() {
        lock.lock();
        try {
            return !closed && !fid.isClosed();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        if (ownsFid) {
            fid.close();
        }
    }

    private void checkOpen() throws ClosedChannelException {
        if (closed || fid.isClosed()) {
            throw new ClosedChannelException();
        }
    }

    private void checkOpenLocked() throws ClosedChannelException {
        lock.lock();
        try {
            checkOpen();
        } finally {
            lock.unlock();
        }
    }
}

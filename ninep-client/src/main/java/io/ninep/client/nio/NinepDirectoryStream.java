package io.ninep.client.nio;

import io.ninep.protocol.message.DirEntry;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The entries of a directory, read from the server as the iterator asks for them (Treaddir, or
 * Tread of the directory in 9P2000 and .u), never the whole directory at once: the first
 * request asks for a small count, later ones up to msize - 24 bytes once the directory turns
 * out large. "." and ".." are skipped, and so is any name a server should never send (empty,
 * or with '/' or NUL in it), so that no entry can name a path outside the directory.
 */
final class NinepDirectoryStream implements DirectoryStream<Path> {
    private final NinepFileSystem fs;
    private final NinepPath dir;
    private final DirectoryStream<DirEntry> entries;
    private final Filter<? super Path> filter;
    private final ReentrantLock lock = new ReentrantLock();   // guards the state below
    private boolean iterated;
    private boolean closed;

    NinepDirectoryStream(NinepFileSystem fs, NinepPath dir, DirectoryStream<DirEntry> entries,
                         Filter<? super Path> filter) {
        this.fs = fs;
        this.dir = dir;
        this.entries = entries;
        this.filter = filter;
        fs.register(this);
    }

    @Override
    public Iterator<Path> iterator() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("directory stream is closed");
            }
            if (iterated) {
                throw new IllegalStateException("iterator() was called already");
            }
            iterated = true;
        } finally {
            lock.unlock();
        }
        Iterator<DirEntry> it = entries.iterator();
        return new Iterator<>() {
            private Path next;

            @Override
            public boolean hasNext() {
                lock.lock();
                try {
                    while (next == null && !closed && more()) {
                        String name = it.next().name();
                        if (name.isEmpty() || name.equals(".") || name.equals("..")
                                || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
                            continue;
                        }
                        Path p = dir.resolve(new NinepPath(fs, name));
                        try {
                            if (filter.accept(p)) {
                                next = p;
                            }
                        } catch (IOException e) {
                            throw new DirectoryIteratorException(e);
                        }
                    }
                    return next != null;
                } finally {
                    lock.unlock();
                }
            }

            private boolean more() {
                try {
                    return it.hasNext();
                } catch (DirectoryIteratorException e) {
                    throw new DirectoryIteratorException(Errors.translate(fs, e.getCause(), dir, null));
                }
            }

            @Override
            public Path next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Path p = next;
                next = null;
                return p;
            }
        };
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
        fs.unregister(this);
        entries.close();
    }
}

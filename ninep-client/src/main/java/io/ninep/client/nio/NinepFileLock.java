package io.ninep.client.nio;

import java.io.IOException;
import io.ninep.protocol.message.Rlock;
import io.ninep.protocol.message.Tlock;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.file.FileSystemException;

/** A POSIX record lock held on the server through a {@link NinepFileChannel}. */
final class NinepFileLock extends FileLock {
    private volatile boolean released;

    NinepFileLock(NinepFileChannel channel, long position, long size, boolean shared) {
        super(channel, position, size, shared);
    }

    /** Tlock's length for a FileLock size: as fcntl, 0 is "to the end" (FileChannel's Long.MAX_VALUE). */
    static long length(long size) {
        return size == Long.MAX_VALUE ? 0 : size;
    }

    /**
     * Takes a lock on the server: reserved in the JVM's table first (an overlap there is
     * OverlappingFileLockException), then Tlock. A blocking lock asks again, with a growing
     * pause, while the server answers BLOCKED or GRACE, as Linux's v9fs does (servers do not
     * wait themselves); a try answers null on BLOCKED.
     *
     * @return the lock, or null if {@code wait} is false and another owner holds the range
     */
    static NinepFileLock acquire(NinepFileChannel channel, long at, long size, boolean shared, boolean wait)
            throws IOException {
        NinepFileLock l = new NinepFileLock(channel, at, size, shared);
        FileLocks.JVM.reserve(channel.lockKey(), l);
        boolean taken = false;
        try {
            long pause = 5;
            while (true) {
                int status = channel.fid().lock(shared ? Tlock.RDLCK : Tlock.WRLCK, wait ? Tlock.FLAGS_BLOCK : 0, at,
                        length(size));
                switch (status) {
                    case Rlock.SUCCESS -> {
                        taken = true;
                        return l;
                    }
                    case Rlock.BLOCKED, Rlock.GRACE -> {
                        if (!wait && status == Rlock.BLOCKED) {
                            return null;
                        }
                        try {
                            Thread.sleep(pause);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            channel.close();
                            throw new FileLockInterruptionException();
                        }
                        pause = Math.min(pause * 2, 200);
                    }
                    default -> throw new FileSystemException(channel.path().toString(), null,
                            "the server could not lock (Rlock status " + status + ")");
                }
            }
        } finally {
            if (!taken) {
                FileLocks.JVM.remove(channel.lockKey(), l);
            }
        }
    }

    @Override
    public boolean isValid() {
        return !released && channel().isOpen();
    }

    void invalidate() {
        released = true;
    }

    /** Tlock UNLCK of the range. */
    @Override
    public void release() throws IOException {
        if (released) {
            return;
        }
        released = true;
        ((NinepFileChannel) channel()).unlock(this);
    }
}

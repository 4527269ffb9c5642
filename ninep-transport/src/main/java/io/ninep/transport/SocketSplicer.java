package io.ninep.transport;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Moves a payload from a socket into a file without it passing through the JVM: splice(2) from
 * the socket into a pipe, which takes the socket's pages without copying them, then from the pipe
 * into the file, the one copy (into the page cache). A plain read then pwrite copies twice. This
 * is Samba's recvfile.
 *
 * <p>The socket's descriptor comes from {@link ChannelDescriptor}; where the JVM keeps it out of
 * reach, the transport makes no splicer and payloads are read as any other bytes. The descriptor is
 * duplicated, so that its number cannot be handed to another file while a splice
 * uses it; the duplicate and the pipe are closed with the transport, under a lock that no call
 * holds while it waits for the peer.
 *
 * <p>Never blocks a carrier thread on the peer: it splices only what the socket already holds
 * (FIONREAD), and when nothing is there it waits in a plain channel read, which parks a virtual
 * thread, and writes those bytes with pwrite. One receiver at a time, as with reads. The steps
 * that write the file run through {@link FileWrites}, perhaps on another thread (as a user):
 * they touch the descriptors and the receive's progress, nothing else.
 */
final class SocketSplicer {
    private static final System.Logger LOG = System.getLogger(SocketSplicer.class.getName());
    /** The pipe asked for: 1 MiB, the default pipe-max-size for an unprivileged process. */
    static final int PIPE_SIZE = 1 << 20;
    private static final int SCRATCH = 64 * 1024;

    private final SocketChannel channel;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    // Set up by the first receive, under the read lock (receivers take turns); dropped under the write lock.
    private SpliceCalls.Frame frame;
    private ByteBuffer scratch;
    private MemorySegment scratchSegment;
    private int socket = -1;
    private int pipeRead = -1;
    private int pipeWrite = -1;
    private int pipeCapacity;
    private boolean unavailable;   // the duplicate or the pipe could not be made: read and pwrite
    private boolean closed;

    SocketSplicer(SocketChannel channel) {
        this.channel = channel;
    }

    /** What one receive has put into the file so far; written by the file's steps, wherever they run. */
    private static final class Progress {
        int written;
        ErrnoException failure;
        boolean spliceOut = true;   // false once the file refused a splice: pwrite from then on
    }

    /**
     * The bytes waiting on the socket (FIONREAD); -1 if that cannot be told: closed, no
     * descriptor, or the call failed (the next read reports what it can).
     */
    int waiting() {
        lock.readLock().lock();
        try {
            if (!socketReady()) {
                return -1;
            }
            int n = SpliceCalls.available(frame, socket);
            return n < 0 ? -1 : n;
        } catch (IOException e) {
            return -1;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** See {@link Transport#receiveInto}. */
    FileReceipt receive(ByteBuffer buffered, int fd, long position, int count, FileWrites writes) throws IOException {
        if (!buffered.isDirect()) {
            throw new IllegalArgumentException("the part read ahead must be in a direct buffer");
        }
        Progress p = new Progress();
        int taken = buffered.remaining();
        if (taken > 0) {
            MemorySegment head = MemorySegment.ofBuffer(buffered);
            lock.readLock().lock();
            try {
                ready();   // for the call frame
                writes.run(() -> pwrite(fd, position, head, p));
            } finally {
                lock.readLock().unlock();
            }
        }
        while (taken < count) {
            int want = count - taken;
            if (p.failure != null) {
                taken += readScratch(want);   // the file failed: the stream still owes the rest
                continue;
            }
            long moved = 0;
            lock.readLock().lock();
            try {
                int waiting = ready() ? SpliceCalls.available(frame, socket) : 0;
                if (waiting > 0) {
                    moved = SpliceCalls.splice(frame, socket, pipeWrite, -1, Math.min(want, Math.min(waiting, pipeCapacity)),
                            SpliceCalls.SPLICE_F_MOVE | SpliceCalls.SPLICE_F_MORE);
                    if (moved == 0) {
                        throw new EOFException("the connection ended with " + want + " bytes of a Twrite still to come");
                    }
                    if (moved < 0 && -moved != Errno.EAGAIN.number()) {
                        throw SpliceCalls.failure((int) -moved, "splice from the socket");
                    }
                }
                if (moved > 0) {
                    taken += (int) moved;
                    long inPipe = moved;
                    writes.run(() -> emptyPipeInto(fd, position, inPipe, p));
                }
            } finally {
                lock.readLock().unlock();
            }
            if (moved <= 0) {
                // Nothing waiting: wait for the peer in a channel read, which parks, not in a splice, which would not.
                int n = readScratch(want);
                taken += n;
                writes.run(() -> pwrite(fd, position, scratchSegment.asSlice(0, n), p));
            }
        }
        return new FileReceipt(p.written, p.failure);
    }

    /**
     * A file step: the pipe's {@code left} bytes into the file, spliced where the file allows it
     * (not O_APPEND files, not every file system), else read out of the pipe and pwritten. After
     * a failure the rest is only taken out of the pipe.
     */
    private void emptyPipeInto(int fd, long position, long left, Progress p) throws IOException {
        while (left > 0 && p.spliceOut && p.failure == null) {
            long out = SpliceCalls.splice(frame, pipeRead, fd, position + p.written, left, SpliceCalls.SPLICE_F_MOVE);
            if (out <= 0) {
                p.spliceOut = false;   // pwrite tells a file that cannot splice from one that failed
                break;
            }
            p.written += (int) out;
            left -= out;
        }
        while (left > 0) {
            long n = SpliceCalls.read(frame, pipeRead, scratchSegment, Math.min(left, SCRATCH));
            if (n <= 0) {
                throw new IOException("the splice pipe gave back " + n + " of " + left + " bytes");
            }
            left -= n;
            if (p.failure == null) {
                pwrite(fd, position, scratchSegment.asSlice(0, n), p);
            }
        }
    }

    /** A file step: pwrite(2) of {@code bytes} after what the file has taken; a failure is kept in {@code p}. */
    private void pwrite(int fd, long position, MemorySegment bytes, Progress p) {
        long done = 0;
        while (done < bytes.byteSize()) {
            long w = SpliceCalls.pwrite(frame, fd, bytes.asSlice(done), bytes.byteSize() - done, position + p.written);
            if (w <= 0) {
                p.failure = SpliceCalls.failure(w < 0 ? (int) -w : Errno.EIO.number(), "write");
                return;
            }
            done += w;
            p.written += (int) w;
        }
    }

    /** Reads up to {@code max} (at least one) bytes into the scratch buffer through the channel. */
    private int readScratch(int max) throws IOException {
        scratch.clear().limit(Math.min(max, SCRATCH));
        int n = channel.read(scratch);
        if (n < 0) {
            throw new EOFException("the connection ended with " + max + " bytes of a Twrite still to come");
        }
        return n;
    }

    /**
     * Under the read lock: the call frame and scratch buffer, the socket's duplicate and the pipe,
     * made on first use. False if the duplicate or the pipe could not be made (out of
     * descriptors, say): this connection's payloads are then read and pwritten, not spliced.
     */
    private boolean ready() throws IOException {
        if (!socketReady()) {
            return false;
        }
        if (pipeWrite >= 0) {
            return true;
        }
        try {
            int[] pipe = SpliceCalls.pipe(frame);
            int size = SpliceCalls.resizePipe(frame, pipe[1], PIPE_SIZE);
            if (size <= 0) {
                size = SpliceCalls.pipeSize(frame, pipe[1]);
            }
            pipeCapacity = Math.max(size, 4096);
            pipeRead = pipe[0];
            pipeWrite = pipe[1];
            return true;
        } catch (ErrnoException e) {
            return unavailable(e);
        }
    }

    /**
     * Under the read lock: the call frame, the scratch buffer and the socket's duplicate, made on
     * first use, without the pipe: a {@link #waiting} poll on a connection that never splices
     * holds one descriptor more, not three. False if the duplicate could not be made.
     */
    private boolean socketReady() throws IOException {
        if (closed || !channel.isOpen()) {
            throw new ClosedChannelException();
        }
        if (socket >= 0 || unavailable) {
            return !unavailable;
        }
        if (frame == null) {
            frame = new SpliceCalls.Frame(Arena.ofAuto());
            scratch = ByteBuffer.allocateDirect(SCRATCH);
            scratchSegment = MemorySegment.ofBuffer(scratch);
        }
        try {
            socket = ChannelDescriptor.duplicate(frame, channel);
            return true;
        } catch (ErrnoException e) {
            return unavailable(e);
        }
    }

    /** Splicing is off for this connection from now on (the duplicate, if made, closes with it); false. */
    private boolean unavailable(ErrnoException e) {
        unavailable = true;
        LOG.log(System.Logger.Level.WARNING, () -> "writes on this connection are copied, not spliced: " + e.getMessage()
                + (e.errno() == Errno.EMFILE.number() ? " (raise the descriptor limit: ulimit -n)" : ""));
        return false;
    }

    /** Whether the pipe has been made: a receive makes it, a poll does not (for tests). */
    boolean hasPipe() {
        lock.readLock().lock();
        try {
            return pipeWrite >= 0;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Closes the duplicate and the pipe, once no receiver is in a system call. */
    void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (socket < 0) {
                return;
            }
            for (int fd : new int[] {socket, pipeRead, pipeWrite}) {
                if (fd >= 0) {
                    SpliceCalls.close(frame, fd);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}

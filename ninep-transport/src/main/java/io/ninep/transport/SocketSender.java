package io.ninep.transport;

import io.ninep.protocol.ErrnoException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.StampedLock;

/**
 * Sends bytes on a socket with send(2) and MSG_DONTWAIT: what fits in the socket's buffer goes
 * at once, nothing waits for the peer, and an interrupt cannot close the channel, as it does
 * inside a channel's write. This lets a client's caller send its own request instead of waking
 * the writer thread for it (see {@link Transport#sendNow}).
 *
 * <p>It sends on a duplicate of the socket's descriptor ({@link ChannelDescriptor}), made on the
 * first send and closed with the transport, under a lock that a send holds only for the call
 * (which never waits), so that the number cannot be another file's by then. It allocates
 * nothing per send. One sender at a time, as with writes.
 */
final class SocketSender {
    private static final System.Logger LOG = System.getLogger(SocketSender.class.getName());

    private final SocketChannel channel;
    private final StampedLock lock = new StampedLock();
    // Made by the first send, under the read lock (senders take turns); dropped under the write lock.
    private SpliceCalls.Frame frame;
    private int socket = -1;
    private boolean unavailable;   // the duplicate could not be made: every send sends nothing
    private boolean closed;

    SocketSender(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * See {@link Transport#sendNow}: the bytes sent of {@code head} and then {@code payload} (null:
     * none), 0 if none could be. Never throws for the socket's sake.
     */
    int sendNow(MemorySegment head, int headLength, MemorySegment payload, int payloadLength) {
        long stamp = lock.readLock();
        try {
            if (closed || !channel.isOpen() || !ready()) {
                return 0;
            }
            long sent = payload == null
                    ? SpliceCalls.sendNow(frame, socket, head, headLength)
                    : SpliceCalls.sendNow(frame, socket, head, headLength, payload, payloadLength);
            // A failure (EAGAIN: no room; EPIPE, ECONNRESET) sends nothing here: the caller
            // then writes through the channel, which waits for room or reports the failure.
            return sent < 0 ? 0 : (int) sent;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private boolean ready() {
        if (socket >= 0 || unavailable) {
            return !unavailable;
        }
        frame = new SpliceCalls.Frame(Arena.ofAuto());
        try {
            socket = ChannelDescriptor.duplicate(frame, channel);
            return true;
        } catch (ErrnoException e) {
            unavailable = true;
            LOG.log(System.Logger.Level.DEBUG, () -> "requests on " + channel + " go through the writer: " + e.getMessage());
            return false;
        }
    }

    /** Closes the duplicate, once no send is in its system call. */
    void close() {
        long stamp = lock.writeLock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (socket >= 0) {
                SpliceCalls.close(frame, socket);
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }
}

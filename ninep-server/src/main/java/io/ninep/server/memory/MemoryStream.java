package io.ninep.server.memory;

import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A file whose reads wait for data the program publishes, like a Plan 9 event file: every open of
 * it receives what is published from then on, in order, and a read blocks until there is some.
 * Offsets are ignored. After {@link #close}, reads return what is left and then end of file.
 *
 * <p>A blocked read returns at once with {@link InterruptedIOException} when its thread is
 * interrupted, which is what the server does when the client flushes the read (Ctrl-C on
 * {@code cat}). Linux's 9p client goes on reading until the buffer of a read(2) is full, so a
 * program reading a stream through a Linux mount should read in records of the size it expects
 * ({@code dd bs=1} for text). A reader that falls more than {@link #MAX_BACKLOG} bytes behind loses the oldest
 * data, so a client that stops reading cannot make the program run out of memory.
 */
public final class MemoryStream {
    /** Bytes kept for one reader that does not read. */
    public static final int MAX_BACKLOG = 4 << 20;

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    MemoryStream() {
    }

    /** Hands {@code data} to every open reader. */
    public void publish(byte[] data) {
        for (Subscriber s : subscribers) {
            s.offer(data.clone());
        }
    }

    public void publish(String text) {
        publish(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Ends the stream: readers get what is left, then end of file; later opens get end of file. */
    public void close() {
        closed = true;
        for (Subscriber s : subscribers) {
            s.end();
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** How many opens are reading it. */
    public int readers() {
        return subscribers.size();
    }

    SyntheticContent content() {
        return new SyntheticContent() {
            @Override
            public long size() {
                return 0;
            }

            @Override
            public boolean writable() {
                return false;
            }

            @Override
            public Handle open(int flags) {
                Subscriber s = new Subscriber();
                subscribers.add(s);
                if (closed) {
                    s.end();
                }
                return s;
            }
        };
    }

    /** One open of the stream: its queue of chunks not yet read. */
    private final class Subscriber implements SyntheticContent.Handle {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition arrived = lock.newCondition();
        // Guarded by lock.
        private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
        private long queued;
        private boolean ended;

        void offer(byte[] data) {
            lock.lock();
            try {
                queue.add(ByteBuffer.wrap(data));
                queued += data.length;
                while (queued > MAX_BACKLOG && queue.size() > 1) {
                    queued -= queue.removeFirst().remaining();
                }
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void end() {
            lock.lock();
            try {
                ended = true;
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int read(long offset, ByteBuffer dst) throws InterruptedIOException {
            try {
                lock.lockInterruptibly();
            } catch (InterruptedException e) {
                throw interrupted();
            }
            try {
                while (queue.isEmpty() && !ended) {
                    try {
                        arrived.await();
                    } catch (InterruptedException e) {
                        throw interrupted();
                    }
                }
                int n = 0;
                while (!queue.isEmpty() && dst.hasRemaining()) {
                    ByteBuffer head = queue.peekFirst();
                    int k = Math.min(head.remaining(), dst.remaining());
                    dst.put(dst.position(), head, head.position(), k);
                    dst.position(dst.position() + k);
                    head.position(head.position() + k);
                    n += k;
                    queued -= k;
                    if (!head.hasRemaining()) {
                        queue.removeFirst();
                    }
                }
                return n;
            } finally {
                lock.unlock();
            }
        }

        private InterruptedIOException interrupted() {
            return new InterruptedIOException("read of a stream interrupted (flushed)");
        }

        @Override
        public void close() {
            subscribers.remove(this);
        }
    }
}

package io.ninep.transport;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A connected, reliable byte stream between a 9P client and server: a TCP or Unix socket, a pair
 * of pipes to a child process, or stdin/stdout. It knows nothing of messages; framing is
 * {@link FrameReader}'s and {@link FrameWriter}'s job.
 *
 * <p>One thread may read while another writes; two concurrent readers or two concurrent writers
 * are not allowed (FrameWriter serialises writers).
 */
public interface Transport extends Closeable {

    /** The largest frame most stream transports carry by default: 1 GiB. */
    int DEFAULT_STREAM_MAX = 1 << 30;

    /**
     * Reads at least one byte into {@code dst} (which must have room), blocking until some arrive.
     *
     * @return bytes read, or -1 at the end of the stream
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Writes every remaining byte of {@code srcs[offset .. offset+length)}, in order, with one
     * gathering write where the channel supports it.
     */
    void write(ByteBuffer[] srcs, int offset, int length) throws IOException;

    /**
     * Writes exactly {@code count} bytes of {@code file} from {@code position}, as the payload of
     * a frame whose header was just written. If the file ends sooner (it shrank meanwhile), the
     * rest is sent as zeros so that the frame stays whole, as Samba does with sendfile. This
     * default copies through a buffer; a socket sends with sendfile(2), see
     * {@link #sendsFilesDirectly}.
     */
    default void transferFrom(FileChannel file, long position, int count) throws IOException {
        FileTransfers.copy(this, file, position, count);
    }

    /**
     * Writes {@code srcs[0 .. length)} in order, the last of them a mapping of {@code file} from
     * {@code position} (a direct view of the file's pages, valid throughout the call): the frames
     * gathered before a payload, the payload's header, then the payload itself. Those bytes must
     * never be touched from Java, since a page past the end of a file that shrank meanwhile would
     * kill the thread with SIGBUS; here the kernel reads them, and a page gone makes the write fail
     * (EFAULT). Then the rest is read from the file, zeros past its new end, as
     * {@link #transferFrom} does. This default writes the others, then copies the payload's bytes
     * from the file without looking at the mapping; a socket writes the mapping.
     */
    default void writeMapped(ByteBuffer[] srcs, int length, FileChannel file, long position) throws IOException {
        write(srcs, 0, length - 1);
        FileTransfers.copy(this, file, position, srcs[length - 1].remaining());
    }

    /**
     * Waits up to {@code nanos} for bytes to read, spinning on the calling thread instead of
     * parking it: a reader that expects the peer's next frame within microseconds answers it
     * without the wake-up of a parked thread (on a virtual machine, an idle CPU's halt costs tens
     * of microseconds to leave). Lets other virtual threads run between looks. Returns true once
     * bytes are waiting, false when the time ran out or the transport cannot tell without reading
     * (this default, at once). Nothing is read: the caller's next {@link #read} takes the bytes.
     */
    default boolean pollReadable(long nanos) throws IOException {
        return false;
    }

    /** True if {@link #sendNow} can send anything at all; false if it always sends nothing. */
    default boolean sendsNow() {
        return false;
    }

    /**
     * Sends what it can at once of the first {@code length} bytes of {@code bytes}, from the
     * calling thread: it never waits for the peer to make room, and an interrupt cannot close the
     * transport here, as it can inside {@link #write}. Returns the bytes sent, 0 if none could be
     * (no room, or a failure, which the next {@link #write} reports); the caller writes the rest.
     * One caller at a time, counted with the writers. This default sends nothing.
     */
    default int sendNow(MemorySegment bytes, int length) {
        return 0;
    }

    /**
     * As {@link #sendNow(MemorySegment, int)}, for a frame in two parts: its encoded {@code head}
     * and then its {@code payload} (a Twrite's data), both in native memory, gathered into one
     * send where the transport can. Returns the bytes sent of the two together. This default
     * sends what it can of the head alone; the caller writes the rest.
     */
    default int sendNow(MemorySegment head, int headLength, MemorySegment payload, int payloadLength) {
        return sendNow(head, headLength);
    }

    /** True if {@link #transferFrom} hands file pages to the kernel without copying them through the JVM. */
    default boolean sendsFilesDirectly() {
        return false;
    }

    /**
     * True if {@link #receiveInto} moves bytes from the connection into a file without copying
     * them through the JVM (splice(2) on a socket, when the JVM gives out the socket's descriptor).
     */
    default boolean receivesIntoFiles() {
        return false;
    }

    /**
     * Writes a frame's payload into the file open on descriptor {@code fd} at {@code position}:
     * first {@code buffered} (a direct buffer: the part already read ahead), then the next
     * {@code count - buffered.remaining()} bytes of the stream. The stream gives up all its bytes
     * whatever the file does, so the next frame follows; if the file fails (ENOSPC, EFBIG,
     * EBADF...), the receipt says how many it took before and why. A stream that ends or fails
     * throws, as a read would. The writes into the file run through {@code writes} (as the user,
     * for a server that acts for its users). Only where {@link #receivesIntoFiles} is true.
     */
    default FileReceipt receiveInto(ByteBuffer buffered, int fd, long position, int count, FileWrites writes)
            throws IOException {
        throw new UnsupportedOperationException(kind() + " transports do not receive into files");
    }

    /**
     * The largest message this transport can carry, like Linux's trans_maxsize: msize is never
     * negotiated above it.
     */
    int maxMessageSize();

    /** The transport's kind, as users name it: "tcp", "unix", "pipe", "stdio". */
    String kind();

    /** Where the other end is, as a dial string ("tcp!127.0.0.1!5640"). */
    String peer();

    boolean isOpen();

    /** Closes both directions; a blocked read or write ends with an exception. Idempotent. */
    @Override
    void close() throws IOException;

    /** Reads until {@code dst} is full. */
    default void readFully(ByteBuffer dst) throws IOException {
        while (dst.hasRemaining()) {
            if (read(dst) < 0) {
                throw new java.io.EOFException(kind() + " connection to " + peer() + " ended with "
                        + dst.remaining() + " bytes of a message still to come");
            }
        }
    }
}

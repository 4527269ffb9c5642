package io.ninep.server.spi;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.message.Qid;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A file opened by Tlopen/Tlcreate (or Topen/Tcreate): the fid's I/O side.
 *
 * <p>Concurrency: reads and writes at different offsets may arrive at once on one open file
 * (the Linux client splits large I/O into parallel requests); implementations must allow it.
 * {@link #close} is called once, after every other call has returned.
 */
public interface OpenFile {

    /** The qid of the opened file (Rlopen's qid). */
    Qid qid() throws IOException;

    /**
     * The largest count a single read or write moves atomically, or 0 to let the client use
     * msize - 24 (Rlopen's iounit).
     */
    default int ioUnit() {
        return 0;
    }

    /**
     * Reads into {@code dst} (up to its remaining bytes) from {@code offset}; returns how many,
     * 0 at or after the end. A synthetic stream may block until data arrives; it must return
     * promptly when the thread is interrupted (a Tflush), by throwing
     * {@link java.io.InterruptedIOException}.
     */
    default int read(long offset, ByteBuffer dst) throws IOException {
        throw new ErrnoException(Errno.EBADF, "not open for reading");
    }

    /**
     * A read the engine may send without copying its bytes into a reply buffer: {@code count}
     * bytes from {@code offset} (fewer at the end of the file, none past it) as a span of a
     * {@link java.nio.channels.FileChannel}, which the engine writes from the span's mapping of
     * the file if it has one, else sends with sendfile(2). Returns
     * null when this file cannot, and the engine calls {@link #read} instead (the default).
     * Asked only for large reads over transports that send files directly; the same rules as
     * {@link #read} apply (permission, EBADF).
     */
    default FileSpan span(long offset, int count) throws IOException {
        return null;
    }

    /**
     * A read the engine may send straight from the buffers this file keeps its bytes in: views of
     * {@code count} bytes from {@code offset} (fewer at the end of the file, none past it), written
     * to the connection as the Rread's data. Returns null when this file cannot (the default), and
     * the engine asks {@link #span}, then {@link #read}. Asked only for large reads, first on any
     * transport; the same rules as {@link #read} apply.
     */
    default BufferSpan bufferSpan(long offset, int count) throws IOException {
        return null;
    }

    /**
     * True if a read or a write of this file waits for nothing but memory: its bytes are in the
     * backend's buffers or a local file system's page cache (or its disk), never awaited from or
     * handed to a program, a peer, a lock or the network. The engine then runs its Treads and
     * Twrites on the connection's reader instead of on threads of their own, which saves a thread
     * hand-over per request; while one runs, the connection's next requests wait, and no Tflush
     * can reach it. A file whose reads or writes may block (a stream, a synthetic file, a remote
     * file system) keeps the default, false.
     */
    default boolean transfersWithoutWaiting() {
        return false;
    }

    /** Writes {@code src}'s remaining bytes at {@code offset} (ignored for O_APPEND files); returns how many. */
    default int write(long offset, ByteBuffer src) throws IOException {
        throw new ErrnoException(Errno.EBADF, "not open for writing");
    }

    /**
     * True if this file writes a payload that is still arriving
     * ({@link #write(long, IncomingBytes)}), which saves a copy of large writes. The engine asks
     * before it reads a large Twrite's payload; only a file with a descriptor of its own can.
     */
    default boolean receivesDirectly() {
        return false;
    }

    /**
     * True if this file takes a large write's payload still arriving into buffers of its own
     * ({@link IncomingBytes#readInto}), on any transport: a file kept in memory. Asked like
     * {@link #receivesDirectly}.
     */
    default boolean receivesIntoBuffers() {
        return false;
    }

    /**
     * Writes {@code src}, a payload still on the connection, at {@code offset}, with
     * {@link IncomingBytes#writeTo} (where {@link #receivesDirectly} is true) or
     * {@link IncomingBytes#readInto} (where {@link #receivesIntoBuffers} is), with the same rules
     * as {@link #write(long, ByteBuffer)}. The payload must not be kept: what the file does not
     * take, the engine discards.
     */
    default int write(long offset, IncomingBytes src) throws IOException {
        throw new ErrnoException(Errno.EBADF, "not open for writing");
    }

    /**
     * Treaddir: hands {@code sink} the entries that follow the one whose offset is
     * {@code offset} (0 = from the start), until the sink is full or the directory ends. Each
     * entry's offset is a cookie that, passed back in a later call, continues after it; cookies
     * stay valid for the life of this open file even if the directory changes meanwhile.
     */
    default void readdir(long offset, DirectorySink sink) throws IOException {
        throw new ErrnoException(Errno.ENOTDIR, "not a directory");
    }

    /** Tfsync: to stable storage; {@code dataOnly} as fdatasync(2). */
    default void fsync(boolean dataOnly) throws IOException {
    }

    /**
     * Tlock: acquires or releases a POSIX byte-range lock (fcntl F_SETLK semantics). Never
     * blocks: a conflicting lock answers {@link LockStatus#BLOCKED} and the client retries.
     */
    default LockStatus lock(LockRequest request) throws IOException {
        throw new ErrnoException(Errno.ENOLCK, "locks are not supported");
    }

    /**
     * Tgetlock: the first lock that conflicts with {@code request} (F_GETLK), or the request
     * itself with type UNLCK if none does.
     */
    default LockRequest getlock(LockRequest request) throws IOException {
        throw new ErrnoException(Errno.ENOLCK, "locks are not supported");
    }

    /** The fid was clunked: release the open file, dropping any locks its owner holds through it. */
    default void close() throws IOException {
    }
}

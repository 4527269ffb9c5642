package io.ninep.cli.files;

import io.ninep.client.Fid;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.function.LongConsumer;

/**
 * The copy loops of cat, get and put. A regular file with a size is read with windowed reads
 * ({@link Fid#readAll}: several Treads in flight, each of up to msize - 24 bytes); a file that
 * says it has no size (a synthetic or stream file, whose reads may wait for data) is read one
 * Tread at a time, and each piece is handed on at once. Both read until a read returns 0 bytes.
 */
public final class Transfers {
    private Transfers() {}

    /** Where read bytes go; its failures are {@link LocalFailure}s, not the server's. */
    @FunctionalInterface
    public interface Sink {
        void accept(ByteBuffer bytes) throws IOException;
    }

    /** A failure on this side of a transfer (writing standard output or a local file, reading a local file). */
    public static final class LocalFailure extends IOException {
        public LocalFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The buffer for reading {@code f}: enough for one window of reads, or for one read. */
    public static ByteBuffer bufferFor(Fid f, boolean windowed, boolean direct) {
        int size = windowed ? f.maxIo() * f.session().config().ioWindow() : f.maxIo();
        return direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
    }

    /**
     * Reads the open fid {@code f} from offset 0 to its end into {@code sink}.
     *
     * @param windowed windowed reads (a regular file with a size) or one read at a time
     * @param progress told the bytes read so far after each piece
     * @return the bytes read
     */
    public static long read(Fid f, ByteBuffer buffer, boolean windowed, Sink sink, LongConsumer progress) throws IOException {
        long offset = 0;
        while (true) {
            buffer.clear();
            int n = windowed ? f.readAll(offset, buffer) : f.read(offset, buffer);
            if (n == 0) {
                return offset;
            }
            buffer.flip();
            try {
                sink.accept(buffer);
            } catch (LocalFailure e) {
                throw e;
            } catch (IOException e) {
                throw new LocalFailure(e);
            }
            offset += n;
            progress.accept(offset);
        }
    }

    /**
     * Writes everything {@code source} gives, to its end, into the open fid {@code f} from offset
     * 0, a window of Twrites at a time.
     *
     * @return the bytes written
     */
    public static long write(ReadableByteChannel source, Fid f, LongConsumer progress) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(f.maxIo() * f.session().config().ioWindow());
        long offset = 0;
        boolean end = false;
        while (!end) {
            buffer.clear();
            try {
                while (buffer.hasRemaining()) {
                    if (source.read(buffer) < 0) {
                        end = true;
                        break;
                    }
                }
            } catch (IOException e) {
                throw new LocalFailure(e);
            }
            buffer.flip();
            if (!buffer.hasRemaining()) {
                break;
            }
            int n = buffer.remaining();
            f.writeAll(offset, buffer);
            offset += n;
            progress.accept(offset);
        }
        return offset;
    }
}

package io.ninep.server.spi;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * The bytes of a read left where they are, in a file, so that the engine can send them without
 * copying them into a reply buffer first: see {@link OpenFile#span}. If the backend has the file
 * mapped, the span carries the mapped bytes and the engine writes them to the socket like any
 * buffer (the kernel copies them once); otherwise it sends them with sendfile(2).
 *
 * <p>The channel must stay open until {@link #release} (the engine calls it once the reply is
 * written, or dropped): an open file that is closed meanwhile (a Tclunk racing the reply) keeps
 * its channel for the span. If the file shrinks before the bytes are sent, the missing ones go
 * out as zeros: the reply's count was already on the wire.
 */
public final class FileSpan extends ReadSpan {
    private final FileChannel channel;
    private final long position;
    private final ByteBuffer mapped;

    /**
     * @param count the reply's count: at most what was asked, fewer at the end of the file
     * @param onRelease runs once, when the engine is done with the channel
     */
    public FileSpan(FileChannel channel, long position, int count, Runnable onRelease) {
        this(channel, position, count, null, onRelease);
    }

    /**
     * @param mapped the same {@code count} bytes in a mapping of the file (a direct buffer) that
     *     stays mapped until {@code onRelease}; the engine hands it to the kernel and never reads
     *     it from Java, where a page past the end of a file that shrank would raise SIGBUS
     */
    public FileSpan(FileChannel channel, long position, int count, ByteBuffer mapped, Runnable onRelease) {
        if (position < 0 || count < 0) {
            throw new IllegalArgumentException("span of " + count + " bytes at " + position);
        }
        if (mapped != null && (!mapped.isDirect() || mapped.remaining() != count)) {
            throw new IllegalArgumentException("a mapped span needs a direct buffer of its " + count + " bytes, not "
                    + mapped);
        }
        super(count, onRelease);
        this.channel = Objects.requireNonNull(channel, "channel");
        this.position = position;
        this.mapped = mapped;
    }

    public FileChannel channel() {
        return channel;
    }

    public long position() {
        return position;
    }

    /** The bytes as mapped in memory, or null: then they are sent from the channel. */
    public ByteBuffer mapped() {
        return mapped;
    }

    @Override
    public String toString() {
        return count() + " bytes at " + position + (mapped != null ? ", mapped" : "");
    }
}

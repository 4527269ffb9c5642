package io.ninep.server.spi;

import java.nio.channels.FileChannel;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bytes of a read left where they are, in a file, so that the engine can send them with
 * sendfile(2) instead of copying them into a reply buffer first: see {@link OpenFile#span}.
 *
 * <p>The channel must stay open until {@link #release} (the engine calls it once the reply is
 * written, or dropped): an open file that is closed meanwhile (a Tclunk racing the reply) keeps
 * its channel for the span. If the file shrinks before the bytes are sent, the missing ones go
 * out as zeros: the reply's count was already on the wire.
 */
public final class FileSpan {
    private final FileChannel channel;
    private final long position;
    private final int count;
    private final Runnable onRelease;
    private final AtomicBoolean released = new AtomicBoolean();

    /**
     * @param count the reply's count: at most what was asked, fewer at the end of the file
     * @param onRelease runs once, when the engine is done with the channel
     */
    public FileSpan(FileChannel channel, long position, int count, Runnable onRelease) {
        if (position < 0 || count < 0) {
            throw new IllegalArgumentException("span of " + count + " bytes at " + position);
        }
        this.channel = Objects.requireNonNull(channel, "channel");
        this.position = position;
        this.count = count;
        this.onRelease = Objects.requireNonNull(onRelease, "onRelease");
    }

    public FileChannel channel() {
        return channel;
    }

    public long position() {
        return position;
    }

    public int count() {
        return count;
    }

    /** The engine is done with the channel; only the first call counts. */
    public void release() {
        if (released.compareAndSet(false, true)) {
            onRelease.run();
        }
    }

    @Override
    public String toString() {
        return count + " bytes at " + position;
    }
}

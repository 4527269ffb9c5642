package io.ninep.server.local;

import io.ninep.server.spi.FileSpan;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A FileChannel on an open file's descriptor, for the spans its reads are sent from with
 * sendfile. The JDK makes no channel from a bare descriptor, so it is opened once through the
 * descriptor's /proc/self/fd link (the same file, even if renamed or unlinked since). It closes
 * when the file has closed and the last span is released, since a reply can still be on its way
 * after a Tclunk ended the file.
 */
final class SpanChannel {
    private static final System.Logger LOG = System.getLogger(SpanChannel.class.getName());

    private final FileChannel channel;
    private int users = 1;   // the open file's own use, then one per span; guarded by this

    private SpanChannel(FileChannel channel) {
        this.channel = channel;
    }

    /** A channel on {@code fd}, or null if it cannot be had (reads then copy, as before). */
    static SpanChannel open(int fd, String name) {
        try {
            return new SpanChannel(FileChannel.open(Path.of("/proc/self/fd/" + fd), StandardOpenOption.READ));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> name + ": no channel for sendfile, reads copy: " + e);
            return null;
        }
    }

    /** A span of {@code count} bytes from {@code position}, holding the channel open until released. */
    synchronized FileSpan span(long position, int count) {
        if (users == 0) {
            return null;
        }
        users++;
        return new FileSpan(channel, position, count, this::release);
    }

    /** Drops one use: the file's at its close, or a span's. */
    synchronized void release() {
        if (users > 0 && --users == 0) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // a read-only channel has nothing to lose at close
            }
        }
    }
}

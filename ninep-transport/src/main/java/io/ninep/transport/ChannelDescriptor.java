package io.ninep.transport;

import io.ninep.protocol.ErrnoException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.channels.SocketChannel;

/**
 * The descriptor of a socket channel, for the system calls the JDK does not make (splice(2),
 * send(2) that never waits). The JDK does not give it out: it is read through
 * {@code sun.nio.ch.SelChImpl}, which the JVM must export to this code
 * ({@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED}; the {@code ninep} jar's manifest says
 * so). Without it {@link #readable} is false and those calls are not made.
 */
final class ChannelDescriptor {
    private static final System.Logger LOG = System.getLogger(ChannelDescriptor.class.getName());
    private static final MethodHandle FD_OF_CHANNEL = accessor();

    private ChannelDescriptor() {}

    /** True if this JVM lets us read a socket channel's descriptor, on Linux. */
    static boolean readable() {
        return FD_OF_CHANNEL != null;
    }

    /**
     * A duplicate of the channel's descriptor, close-on-exec: its number stays ours until we close
     * it, whatever becomes of the channel (an interrupt closes a channel, and the kernel may then
     * hand the number to the next file opened).
     */
    static int duplicate(SpliceCalls.Frame frame, SocketChannel channel) throws ErrnoException {
        int fd;
        try {
            fd = (int) FD_OF_CHANNEL.invoke(channel);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {   // getFDVal declares none
            throw new IllegalStateException(t);
        }
        return SpliceCalls.dup(frame, fd);
    }

    private static MethodHandle accessor() {
        if (!System.getProperty("os.name", "").equals("Linux")) {
            return null;
        }
        try {
            Class<?> selectable = Class.forName("sun.nio.ch.SelChImpl");
            if (!selectable.getModule().isExported("sun.nio.ch", ChannelDescriptor.class.getModule())) {
                LOG.log(System.Logger.Level.DEBUG, "socket descriptors out of reach: the JVM does not export sun.nio.ch"
                        + " (--add-exports java.base/sun.nio.ch=ALL-UNNAMED lets Twrite payloads be spliced into files"
                        + " and callers send their own requests)");
                return null;
            }
            return MethodHandles.lookup().findVirtual(selectable, "getFDVal", MethodType.methodType(int.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "socket descriptors out of reach: " + e);
            return null;
        }
    }
}

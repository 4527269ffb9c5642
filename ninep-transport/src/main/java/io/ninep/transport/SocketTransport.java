package io.ninep.transport;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;

/**
 * A TCP or Unix-domain socket in blocking mode. Blocking I/O suits virtual threads: a blocked
 * read parks the virtual thread, not a carrier. TCP_NODELAY is on, because 9P is request/reply
 * and Nagle's algorithm would hold back small requests.
 */
public final class SocketTransport implements Transport {
    private final SocketChannel channel;
    private final String kind;
    private final String peer;
    private final int maxMessageSize;
    /** Splices payloads into files, or null where this JVM does not allow it. */
    private final SocketSplicer splicer;
    /** Sends without waiting or being interruptible, or null where this JVM does not allow it. */
    private final SocketSender sender;

    public SocketTransport(SocketChannel channel, int maxMessageSize) throws IOException {
        this.channel = channel;
        channel.configureBlocking(true);
        var remote = channel.getRemoteAddress();
        if (remote instanceof InetSocketAddress inet) {
            this.kind = "tcp";
            this.peer = "tcp!" + inet.getAddress().getHostAddress() + "!" + inet.getPort();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } else if (remote instanceof UnixDomainSocketAddress unix) {
            this.kind = "unix";
            String path = unix.getPath().toString();
            if (path.isEmpty()) {   // the accepting side of a Unix socket sees an unnamed peer
                var local = channel.getLocalAddress();
                path = local instanceof UnixDomainSocketAddress l ? l.getPath().toString() : "";
            }
            this.peer = "unix!" + path;
        } else {
            this.kind = "socket";
            this.peer = String.valueOf(remote);
        }
        this.maxMessageSize = maxMessageSize;
        boolean descriptorReadable = ChannelDescriptor.readable();
        this.splicer = descriptorReadable ? new SocketSplicer(channel) : null;
        this.sender = descriptorReadable ? new SocketSender(channel) : null;
    }

    public SocketTransport(SocketChannel channel) throws IOException {
        this(channel, DEFAULT_STREAM_MAX);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }

    @Override
    public void write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long left = 0;
        for (int i = offset; i < offset + length; i++) {
            left += srcs[i].remaining();
        }
        while (left > 0) {
            left -= channel.write(srcs, offset, length);
        }
    }

    /**
     * One gathering write, the mapping included, so the kernel copies the payload once, as it does
     * any buffer. If that fails after the frames before the payload went out whole and the file is
     * now shorter than the payload reached, its pages were gone (EFAULT): the rest is read from the
     * file. Any other failure is the socket's and is thrown.
     */
    @Override
    public void writeMapped(ByteBuffer[] srcs, int length, FileChannel file, long position) throws IOException {
        ByteBuffer payload = srcs[length - 1];
        int count = payload.remaining();
        try {
            write(srcs, 0, length);
        } catch (IOException e) {
            int sent = count - payload.remaining();
            if (!FileTransfers.shrankUnder(srcs, length - 1, file, position + count)) {
                throw e;
            }
            FileTransfers.copy(this, file, position + sent, count - sent);
        }
    }

    /** sendfile(2), through {@link FileChannel#transferTo}: the file's pages go to the socket without a copy in the JVM. */
    @Override
    public void transferFrom(FileChannel file, long position, int count) throws IOException {
        FileTransfers.send(this, file, position, count, (at, left) -> file.transferTo(at, left, channel));
    }

    @Override
    public boolean sendsFilesDirectly() {
        return true;
    }

    @Override
    public boolean receivesIntoFiles() {
        return splicer != null;
    }

    /** splice(2), socket to pipe to file: see {@link SocketSplicer}. */
    @Override
    public FileReceipt receiveInto(ByteBuffer buffered, int fd, long position, int count, FileWrites writes)
            throws IOException {
        if (splicer == null) {
            return Transport.super.receiveInto(buffered, fd, position, count, writes);
        }
        return splicer.receive(buffered, fd, position, count, writes);
    }

    /** FIONREAD on the socket until it counts bytes, between looks yielding a virtual thread's carrier. */
    @Override
    public boolean pollReadable(long nanos) {
        if (splicer == null || nanos <= 0) {
            return false;
        }
        boolean virtual = Thread.currentThread().isVirtual();
        long deadline = System.nanoTime() + nanos;
        while (true) {
            int waiting = splicer.waiting();
            if (waiting != 0) {
                return waiting > 0;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            if (virtual) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** Whether this transport has made its splice pipe: a receive into a file does, a poll does not (for tests). */
    boolean hasSplicePipe() {
        return splicer != null && splicer.hasPipe();
    }

    @Override
    public boolean sendsNow() {
        return sender != null;
    }

    /** send(2) with MSG_DONTWAIT on the socket: see {@link SocketSender}. */
    @Override
    public int sendNow(MemorySegment bytes, int length) {
        return sender == null ? 0 : sender.sendNow(bytes, length, null, 0);
    }

    /** sendmsg(2) of both parts with MSG_DONTWAIT: see {@link SocketSender}. */
    @Override
    public int sendNow(MemorySegment head, int headLength, MemorySegment payload, int payloadLength) {
        return sender == null ? 0 : sender.sendNow(head, headLength, payload, payloadLength);
    }

    @Override
    public int maxMessageSize() {
        return maxMessageSize;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public String peer() {
        return peer;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    /** Ends the write direction (the peer reads end-of-stream) while reads go on. */
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            if (splicer != null) {
                splicer.close();
            }
            if (sender != null) {
                sender.close();
            }
        }
    }

    @Override
    public String toString() {
        return peer;
    }
}

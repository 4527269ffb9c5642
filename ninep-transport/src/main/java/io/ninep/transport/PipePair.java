package io.ninep.transport;

import java.io.IOException;
import java.nio.channels.Pipe;

/**
 * Two connected transports in one process, over a pair of OS pipes ({@link Pipe}): what one side
 * writes the other reads. For in-process client and server tests, and for scripted peers that
 * drive a client byte by byte. Closing one side ends the other's reads with end-of-stream.
 *
 * @param client the side a client talks on
 * @param server the side a server talks on
 */
public record PipePair(Transport client, Transport server) {

    /** A pair whose transports report {@code maxMessageSize} as their limit (Linux's trans_maxsize). */
    public static PipePair open(int maxMessageSize) throws IOException {
        Pipe toServer = Pipe.open();
        Pipe toClient = Pipe.open();
        Transport client = new StreamTransport(toClient.source(), toServer.sink(), "pipe", "pipe!server", maxMessageSize);
        Transport server = new StreamTransport(toServer.source(), toClient.sink(), "pipe", "pipe!client", maxMessageSize);
        return new PipePair(client, server);
    }

    /** A pair with the default stream limit (1 GiB). */
    public static PipePair open() throws IOException {
        return open(Transport.DEFAULT_STREAM_MAX);
    }
}

package io.ninep.cli;

import io.ninep.server.NinepServer;
import io.ninep.server.ServerConfig;
import io.ninep.server.local.LocalFileServer;
import io.ninep.server.spi.FileServer;
import io.ninep.transport.DialAddress;
import io.ninep.transport.Listener;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** ninep's server in this process, on a free loopback port, for the file commands to talk to. */
final class TestServer implements AutoCloseable {
    /** The server logs each connection at INFO; held so that the level stays. */
    private static final java.util.logging.Logger SERVER_LOG = java.util.logging.Logger.getLogger("io.ninep.server");

    static {
        SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final NinepServer server;
    private final Listener listener;

    TestServer(FileServer fs) throws IOException {
        this(fs, ServerConfig.defaults());
    }

    TestServer(FileServer fs, ServerConfig config) throws IOException {
        this.server = new NinepServer(fs, config);
        this.listener = server.listen(new DialAddress.Tcp("127.0.0.1", 0));
    }

    static TestServer exporting(Path dir) throws IOException {
        return new TestServer(new LocalFileServer(dir));
    }

    /** Also listens on a Unix socket at {@code path}; returns its address. */
    String listenUnix(Path path) throws IOException {
        return server.listen(new DialAddress.Unix(path)).address().toString();
    }

    /** tcp!127.0.0.1!PORT */
    String address() {
        return listener.address().toString();
    }

    int port() {
        return ((DialAddress.Tcp) listener.address()).port();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdown(Duration.ofSeconds(5));
    }
}

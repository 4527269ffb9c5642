package io.ninep.it.client;

import io.ninep.client.ClientConfig;
import io.ninep.client.Fid;
import io.ninep.client.Session;
import io.ninep.server.NinepServer;
import io.ninep.server.ServerConfig;
import io.ninep.server.local.LocalFileServer;
import io.ninep.transport.DialAddress;
import io.ninep.transport.Listener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** ninep's client against ninep's own server (LocalFileServer), in process, over TCP on loopback. */
class NinepServerIT extends ClientContract {
    private static Path export;
    private static NinepServer server;
    private static Listener listener;

    @BeforeAll
    static void startServer() throws IOException {
        export = Files.createTempDirectory("ninep-server-export");
        server = new NinepServer(new LocalFileServer(export), ServerConfig.defaults());
        listener = server.listen(DialAddress.parse("tcp!127.0.0.1!0"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.shutdown(Duration.ofSeconds(5));
        }
        if (export != null) {
            Diod.deleteTree(export);
        }
    }

    @Override
    protected Session connect() throws IOException {
        return Session.connect(listener.address().toString(), ClientConfig.defaults());
    }

    @Override
    protected Fid attach(Session s) throws IOException {
        return s.attach(null, "root", "", 0);
    }

    @Override
    protected Path export() {
        return export;
    }

    @Override
    protected int serverMsizeCap() {
        return ServerConfig.DEFAULT_MAX_MSIZE;
    }

    /** LocalFileServer answers ENXIO rather than block a thread in a server-side FIFO open. */
    @Override
    protected boolean blocksOpeningAFifoWithoutWriter() {
        return false;
    }
}

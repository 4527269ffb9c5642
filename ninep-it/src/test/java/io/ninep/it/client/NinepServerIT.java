package io.ninep.it.client;

import io.ninep.client.ClientConfig;
import io.ninep.client.Fid;
import io.ninep.client.Session;
import io.ninep.it.peers.NinepServerExtension;
import io.ninep.server.ServerConfig;
import io.ninep.server.local.LocalFileServer;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ninep's client against ninep's own server (LocalFileServer), in process, over TCP on loopback. */
class NinepServerIT extends ClientContract {
    @RegisterExtension
    static final NinepServerExtension server = new NinepServerExtension("ninep-server-export");

    @Override
    protected Session connect() throws IOException {
        return Session.connect(server.listener().address().toString(), ClientConfig.defaults());
    }

    @Override
    protected Fid attach(Session s) throws IOException {
        return s.attach(null, "root", "", 0);
    }

    @Override
    protected Path export() {
        return server.export();
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

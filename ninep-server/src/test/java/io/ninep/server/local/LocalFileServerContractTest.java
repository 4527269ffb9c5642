package io.ninep.server.local;

import io.ninep.server.contract.FileServerContract;
import io.ninep.server.spi.FileServer;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The SPI contract, against a temporary directory exported as root. */
class LocalFileServerContractTest extends FileServerContract {
    @TempDir
    Path export;

    @Override
    protected FileServer newServer() throws IOException {
        return new LocalFileServer(export);
    }
}

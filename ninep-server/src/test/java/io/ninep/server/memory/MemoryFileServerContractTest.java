package io.ninep.server.memory;

import io.ninep.server.contract.FileServerContract;
import io.ninep.server.spi.FileServer;

/** The SPI contract every backend keeps, run against the memory tree. */
class MemoryFileServerContractTest extends FileServerContract {
    @Override
    protected FileServer newServer() {
        return new MemoryFileServer();
    }
}

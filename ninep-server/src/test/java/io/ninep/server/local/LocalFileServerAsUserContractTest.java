package io.ninep.server.local;

import io.ninep.protocol.testing.Prerequisites;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ninep.server.contract.FileServerContract;
import io.ninep.server.spi.FileServer;
import io.ninep.server.spi.Identity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SPI contract again, served by root to uid 1000: every request runs on a credential worker
 * wearing uid 1000's credentials, in a directory uid 1000 owns. Needs root.
 */
class LocalFileServerAsUserContractTest extends FileServerContract {
    static final int UID = 1000;

    @TempDir
    Path base;

    @Override
    protected FileServer newServer() throws IOException {
        Prerequisites.requireRoot("acting for uid 1000");
        LocalTesting.chmod(base, "rwxr-xr-x");
        Path export = Files.createDirectory(base.resolve("export"));
        Files.setAttribute(export, "unix:uid", UID);
        Files.setAttribute(export, "unix:gid", UID);
        return new LocalFileServer(export);
    }

    @Override
    protected Identity identity() {
        return new Identity("", UID);
    }
}

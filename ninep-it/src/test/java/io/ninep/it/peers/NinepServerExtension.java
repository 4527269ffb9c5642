package io.ninep.it.peers;

import io.ninep.server.NinepServer;
import io.ninep.server.ServerConfig;
import io.ninep.server.local.LocalFileServer;
import io.ninep.transport.DialAddress;
import io.ninep.transport.Listener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * ninep's own server for a test class, in process, registered as a static
 * {@code @RegisterExtension} field: a {@link LocalFileServer} exporting a fresh temporary
 * directory, listening on TCP on loopback before the class's tests, shut down (and the directory
 * deleted) after them.
 */
public final class NinepServerExtension implements BeforeAllCallback, AfterAllCallback {
    private final String exportPrefix;
    private Path export;
    private NinepServer server;
    private Listener listener;

    /** @param exportPrefix the prefix of the temporary directory's name */
    public NinepServerExtension(String exportPrefix) {
        this.exportPrefix = exportPrefix;
    }

    /** The exported directory. */
    public Path export() {
        return export;
    }

    public NinepServer server() {
        return server;
    }

    /** The TCP listener on loopback. */
    public Listener listener() {
        return listener;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        export = Files.createTempDirectory(exportPrefix);
        server = new NinepServer(new LocalFileServer(export), ServerConfig.defaults());
        listener = server.listen(DialAddress.parse("tcp!127.0.0.1!0"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.shutdown(Duration.ofSeconds(5));
        }
        if (export != null) {
            Trees.delete(export);
        }
    }
}

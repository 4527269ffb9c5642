package io.ninep.it.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.client.nio.NinepFileSystems;
import io.ninep.server.NinepServer;
import io.ninep.server.ServerConfig;
import io.ninep.server.local.LocalFileServer;
import io.ninep.transport.DialAddress;
import io.ninep.transport.Listener;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The java.nio.file provider against ninep's own server (LocalFileServer), in process, over TCP on loopback. */
class NioNinepServerIT extends NioContract {
    private static Path export;
    private static NinepServer server;
    private static Listener listener;

    @BeforeAll
    static void startServer() throws IOException {
        export = Files.createTempDirectory("ninep-nio-export");
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

    static URI uriOf(Listener l) {
        DialAddress.Tcp tcp = (DialAddress.Tcp) l.address();
        return URI.create("ninep://" + tcp.host() + ":" + tcp.port() + "/");
    }

    @Override
    protected URI uri() {
        return uriOf(listener);
    }

    @Override
    protected Map<String, Object> baseEnv() {
        return Map.of("umask", 022);
    }

    @Override
    protected Path export() {
        return export;
    }

    /** A Unix-domain socket (ninep+unix://) and the text forms NinepFileSystems takes, 9p:// among them. */
    @Test
    void unixSocketsAndTextForms() throws Exception {
        Path socket = Files.createTempDirectory("ninep-nio-sock").resolve("ninep.sock");
        Listener unix = server.listen(new DialAddress.Unix(socket));
        try {
            Map<String, Object> env = Map.of("uname", "text-forms", "n_uname", 0);
            StringBuilder encoded = new StringBuilder();
            for (byte b : socket.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                encoded.append(b == '/' ? "%2F" : String.valueOf((char) b));
            }
            URI uri = URI.create("ninep+unix://" + encoded + "/");
            try (FileSystem fs = FileSystems.newFileSystem(uri, env)) {
                Files.writeString(fs.getPath("/over-unix"), "unix");
                assertThat(fs.getPath("/over-unix").toUri().getScheme()).isEqualTo("ninep+unix");
                assertThat(Path.of(fs.getPath("/over-unix").toUri())).isEqualTo(fs.getPath("/over-unix"));
            }
            assertThat(Files.readString(export.resolve("over-unix"))).isEqualTo("unix");
            try (FileSystem fs = NinepFileSystems.newFileSystem("unix!" + socket, env)) {
                assertThat(Files.readString(fs.getPath("over-unix"))).isEqualTo("unix");
            }
            DialAddress.Tcp tcp = (DialAddress.Tcp) listener.address();
            try (FileSystem fs = NinepFileSystems.newFileSystem("9p://" + tcp.host() + ":" + tcp.port() + "/", env)) {
                assertThat(Files.readString(fs.getPath("/over-unix"))).isEqualTo("unix");
                assertThat(NinepFileSystems.path("9p://text-forms@" + tcp.host() + ":" + tcp.port() + "/over-unix"))
                        .isEqualTo(fs.getPath("/over-unix"));
            }
            Files.delete(export.resolve("over-unix"));
        } finally {
            unix.close();
            Diod.deleteTree(socket.getParent());
        }
    }
}

package io.ninep.it.nio;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.client.nio.NinepFileSystems;
import io.ninep.it.peers.NinepServerExtension;
import io.ninep.it.peers.Trees;
import io.ninep.server.local.LocalFileServer;
import io.ninep.transport.DialAddress;
import io.ninep.transport.Listener;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The java.nio.file provider against ninep's own server (LocalFileServer), in process, over TCP on loopback. */
class NioNinepServerIT extends NioContract {
    @RegisterExtension
    static final NinepServerExtension server = new NinepServerExtension("ninep-nio-export");

    static URI uriOf(Listener l) {
        DialAddress.Tcp tcp = (DialAddress.Tcp) l.address();
        return URI.create("ninep://" + tcp.host() + ":" + tcp.port() + "/");
    }

    @Override
    protected URI uri() {
        return uriOf(server.listener());
    }

    @Override
    protected Map<String, Object> baseEnv() {
        return Map.of("umask", 022);
    }

    @Override
    protected Path export() {
        return server.export();
    }

    /** A Unix-domain socket (ninep+unix://) and the text forms NinepFileSystems takes, 9p:// among them. */
    @Test
    void unixSocketsAndTextForms() throws Exception {
        Path socket = Files.createTempDirectory("ninep-nio-sock").resolve("ninep.sock");
        Listener unix = server.server().listen(new DialAddress.Unix(socket));
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
            assertThat(Files.readString(server.export().resolve("over-unix"))).isEqualTo("unix");
            try (FileSystem fs = NinepFileSystems.newFileSystem("unix!" + socket, env)) {
                assertThat(Files.readString(fs.getPath("over-unix"))).isEqualTo("unix");
            }
            DialAddress.Tcp tcp = (DialAddress.Tcp) server.listener().address();
            try (FileSystem fs = NinepFileSystems.newFileSystem("9p://" + tcp.host() + ":" + tcp.port() + "/", env)) {
                assertThat(Files.readString(fs.getPath("/over-unix"))).isEqualTo("unix");
                assertThat(NinepFileSystems.path("9p://text-forms@" + tcp.host() + ":" + tcp.port() + "/over-unix"))
                        .isEqualTo(fs.getPath("/over-unix"));
            }
            Files.delete(server.export().resolve("over-unix"));
        } finally {
            unix.close();
            Trees.delete(socket.getParent());
        }
    }
}

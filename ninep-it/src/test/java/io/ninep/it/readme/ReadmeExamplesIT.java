package io.ninep.it.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.client.ClientConfig;
import io.ninep.client.Fid;
import io.ninep.client.Session;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.server.NinepServer;
import io.ninep.server.ServerConfig;
import io.ninep.server.memory.MemoryFileServer;
import io.ninep.transport.DialAddress;
import io.ninep.transport.metrics.MetricsSnapshot;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Java examples of the README, as they are written there, against a server of our own. */
class ReadmeExamplesIT {

    @Test
    void theClientExample() throws Exception {
        MemoryFileServer fs = new MemoryFileServer();
        fs.root().file("README", "hello from 9P\n".getBytes(StandardCharsets.UTF_8));
        try (NinepServer server = new NinepServer(fs, ServerConfig.defaults())) {
            String address = server.listen(new DialAddress.Tcp("127.0.0.1", 0)).address().toString();
            String text;
            try (Session session = Session.connect(address, ClientConfig.defaults());
                 Fid root = session.attach("glenda", "");
                 Fid readme = root.walk("README")) {
                readme.open(LinuxOpenFlags.O_RDONLY);
                text = new String(readme.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(session.negotiation().toString()).contains("using");
                MetricsSnapshot m = session.metrics().snapshot();
                System.out.println(m.requests() + " requests, " + m.inFlight() + " in flight, msize " + m.msize());
                // attach, walk, open, the reads up to the end of the file, and the walk's clunk still to come
                assertThat(m.requests()).isGreaterThanOrEqualTo(4);
                assertThat(m.inFlight()).isZero();
                assertThat(m.msize()).isEqualTo(session.negotiation().msize());
            }
            assertThat(text).isEqualTo("hello from 9P\n");
        }
    }

    @Test
    void theNioExample() throws Exception {
        MemoryFileServer fs = new MemoryFileServer();
        fs.root().directory("scratch").chmod(01777);   // as in the demo tree of ninep serve
        try (NinepServer server = new NinepServer(fs, ServerConfig.defaults())) {
            DialAddress.Tcp a = (DialAddress.Tcp) server.listen(new DialAddress.Tcp("127.0.0.1", 0)).address();
            try (FileSystem nfs = FileSystems.newFileSystem(URI.create("ninep://127.0.0.1:" + a.port() + "/"),
                    Map.of("uname", "glenda", "msize", 65536))) {
                Path hello = nfs.getPath("/scratch/hello.txt");
                Files.writeString(hello, "hello, 9P");
                assertThat(Files.readString(hello)).isEqualTo("hello, 9P");
                try (Stream<Path> all = Files.walk(nfs.getPath("/"))) {
                    assertThat(all.map(Path::toString)).contains("/", "/scratch", "/scratch/hello.txt");
                }
            }
        }
    }
}

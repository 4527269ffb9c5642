package io.ninep.it.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.client.ClientConfig;
import io.ninep.client.DirEntryStream;
import io.ninep.client.Fid;
import io.ninep.client.Session;
import io.ninep.it.peers.Trees;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.message.DirEntry;
import io.ninep.server.NinepServer;
import io.ninep.server.ServerConfig;
import io.ninep.server.local.LocalFileServer;
import io.ninep.server.memory.MemoryFileServer;
import io.ninep.transport.DialAddress;
import io.ninep.transport.Listener;
import io.ninep.transport.PipePair;
import io.ninep.transport.ProcessTransport;
import io.ninep.transport.Transport;
import io.ninep.transport.buffer.BufferPool;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ninep's client and server over every transport: TCP, a Unix socket, a pair of pipes in one
 * process, and the pipes of a child process running {@code ninep serve --stdio}. Each carries a
 * windowed 3 MiB round trip, a directory listing and the msize cut to the server's 4 MiB.
 */
class NinepServerTransportsIT {
    private Path export;
    private NinepServer server;

    @BeforeEach
    void startServer() throws IOException {
        export = Files.createTempDirectory("ninep-transports");
        server = new NinepServer(new LocalFileServer(export), ServerConfig.defaults());
    }

    @AfterEach
    void stopServer() throws Exception {
        server.shutdown(Duration.ofSeconds(5));
        Trees.delete(export);
    }

    @Test
    void tcp() throws Exception {
        Listener l = server.listen(DialAddress.parse("tcp!127.0.0.1!0"));
        try (Session s = Session.connect(l.address().toString(), config())) {
            roundTrip(s, "tcp");
        }
    }

    @Test
    void unixSocket() throws Exception {
        Path sock = export.resolveSibling(export.getFileName() + ".sock");
        Listener l = server.listen(new DialAddress.Unix(sock));
        try (Session s = Session.connect("unix!" + sock, config())) {
            roundTrip(s, "unix");
        }
    }

    @Test
    void pipesInOneProcess() throws Exception {
        PipePair pair = PipePair.open();
        server.serve(pair.server());
        try (Session s = Session.open(pair.client(), config())) {
            roundTrip(s, "pipe");
        }
    }

    @Test
    void pipesToAChildProcess() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Transport t = ProcessTransport.spawn(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "io.ninep.cli.Main", "serve", "--stdio", export.toString()));
        try (Session s = Session.open(t, config())) {
            roundTrip(s, "pipe");
        }
    }

    @Test
    void memoryFileServerOverPipes() throws Exception {
        NinepServer memory = new NinepServer(new MemoryFileServer(), ServerConfig.defaults());
        try {
            PipePair pair = PipePair.open();
            memory.serve(pair.server());
            try (Session s = Session.open(pair.client(), config());
                 Fid root = s.attach(null, "root", "", 0);
                 Fid f = root.create("data", LinuxOpenFlags.O_RDWR, 0644)) {
                byte[] data = new byte[1 << 20];
                new Random(3).nextBytes(data);
                f.writeAll(0, ByteBuffer.wrap(data));
                ByteBuffer back = ByteBuffer.allocate(data.length);
                assertThat(f.readAll(0, back)).isEqualTo(data.length);
                assertThat(back.array()).isEqualTo(data);
            }
        } finally {
            memory.shutdown(Duration.ofSeconds(5));
        }
    }

    private static ClientConfig config() {
        return ClientConfig.defaults().withMsize(8 << 20);
    }

    private void roundTrip(Session s, String kind) throws IOException, InterruptedException {
        assertThat(s.negotiation().transport()).isEqualTo(kind);
        assertThat(s.msize()).isEqualTo(ServerConfig.DEFAULT_MAX_MSIZE);
        assertThat(s.negotiation().toString()).startsWith("requested 8388608; transport " + kind + " allows")
                .endsWith("server answered 4194304; using 4194304");
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(5).nextBytes(data);
        try (Fid root = s.attach(null, "root", "", 0)) {
            try (Fid f = root.create("data-" + kind, LinuxOpenFlags.O_RDWR, 0644)) {
                f.writeAll(0, ByteBuffer.wrap(data));
                ByteBuffer back = ByteBuffer.allocateDirect(data.length);
                assertThat(f.readAll(0, back)).isEqualTo(data.length);
                byte[] got = new byte[data.length];
                back.flip().get(got);
                assertThat(got).isEqualTo(data);
            }
            assertThat(Files.readAllBytes(export.resolve("data-" + kind))).isEqualTo(data);
            List<String> names = new ArrayList<>();
            try (Fid d = root.walk()) {
                d.lopen(LinuxOpenFlags.O_RDONLY | LinuxOpenFlags.O_DIRECTORY);
                try (DirEntryStream entries = d.readdir()) {
                    for (DirEntry e : entries) {
                        names.add(e.name());
                    }
                }
            }
            assertThat(names).contains("data-" + kind);
        }
        assertThat(s.connection().awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(s.poolStats().inUse()).isZero();
        assertThat(s.poolStats().takenLargerThan(BufferPool.SMALL)).isZero();
        assertThat(s.fidsInUse()).isZero();
    }
}

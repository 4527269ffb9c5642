package io.ninep.it.client;

import io.ninep.it.peers.Diod;
import io.ninep.it.peers.DiodExtension;
import io.ninep.it.peers.Trees;
import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.LinuxOpenFlags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.client.ClientConfig;
import io.ninep.client.ConnectionClosedException;
import io.ninep.client.Fid;
import io.ninep.client.RemoteErrorException;
import io.ninep.client.Session;
import io.ninep.protocol.Dialect;
import io.ninep.transport.ProcessTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ninep's client against Debian's diod, over TCP on loopback. diod caps msize at 64 KiB and has
 * neither Trenameat nor Tunlinkat (it answers EOPNOTSUPP): the client falls back to Trename and
 * Tremove, as Linux's v9fs does, and records the quirk.
 */
class DiodIT extends ClientContract {
    @RegisterExtension
    static final DiodExtension diod = new DiodExtension();

    @Override
    protected Session connect() throws IOException {
        return Session.connect(diod.get().address(), ClientConfig.defaults());
    }

    @Override
    protected Fid attach(Session s) throws IOException {
        return s.attach(null, "root", diod.get().export().toString(), 0);
    }

    @Override
    protected Path export() {
        return diod.get().export();
    }

    @Override
    protected int serverMsizeCap() {
        return 64 * 1024;
    }

    @Override
    protected boolean hasUnlinkat() {
        return false;
    }

    @Override
    protected boolean hasRenameat() {
        return false;
    }

    @Test
    void diodCapsMsizeAt64KiB() {
        assertThat(session.msize()).isEqualTo(65536);
        assertThat(session.negotiation().toString())
                .isEqualTo("requested 1048576; transport tcp allows 1073741824; server answered 65536; using 65536");
    }

    /** diod speaks only 9P2000.L, and says so with an Rlerror to any other Tversion. */
    @Test
    void diodRefusesOtherDialects() {
        assertThatThrownBy(() -> Session.connect(diod.get().address(), ClientConfig.defaults().withDialect(Dialect.P9P2000_U)))
                .isInstanceOfSatisfying(RemoteErrorException.class, e ->
                        assertThat(e).hasMessageContaining("Tversion").hasMessageContaining("refused version 9P2000.u"));
    }

    @Test
    void serverDeathFailsPendingRequests() throws Exception {
        try (Diod own = Diod.start();
             Session s = Session.connect(own.address(), ClientConfig.defaults());
             Fid r = s.attach(null, "root", own.export().toString(), 0)) {
            r.mknod("fifo", LinuxFileMode.S_IFIFO | 0666, 0, 0, 0);
            Fid p = r.walk("fifo");
            // Opening a FIFO for reading blocks in diod until a writer comes, which none will.
            CompletableFuture<Object> blocked = s.async(() -> p.lopen(LinuxOpenFlags.O_RDONLY));
            waitUntil(() -> s.connection().tagsInUse() == 1);
            own.close();   // kills diod
            assertThatThrownBy(blocked::get).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ConnectionClosedException.class);
            assertThatThrownBy(() -> r.getattr()).isInstanceOf(ConnectionClosedException.class);
            assertThat(s.poolStats().inUse()).isZero();
            p.close();   // nothing to clunk any more; harmless
        }
    }

    /** diod can serve one client on its stdin and stdout: a real server over pipes. */
    @Test
    void overPipesToAChildProcess() throws IOException {
        Path export = Files.createTempDirectory("ninep-diod-pipe");
        try {
            Files.writeString(export.resolve("hello"), "hello over a pipe");
            ProcessTransport t = ProcessTransport.spawn(List.of(Diod.BINARY.toString(), "-f", "-n", "-N",
                    "-c", "/dev/null", "-r", "0", "-w", "1", "-e", export.toString()));
            try (Session s = Session.open(t, ClientConfig.defaults());
                 Fid r = s.attach(null, "root", export.toString(), 0);
                 Fid f = r.walk("hello")) {
                assertThat(s.negotiation().transport()).isEqualTo("pipe");
                f.open(LinuxOpenFlags.O_RDONLY);
                assertThat(new String(f.readAllBytes())).isEqualTo("hello over a pipe");
            }
        } finally {
            Trees.delete(export);
        }
    }
}

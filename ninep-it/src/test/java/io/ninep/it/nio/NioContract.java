package io.ninep.it.nio;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.client.Session;
import io.ninep.client.nio.NinepFileSystem;
import io.ninep.client.testing.Await;
import io.ninep.it.peers.Trees;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * The java.nio.file provider against a server that exports a directory of this machine: every
 * {@code Files} call, checked through the provider and on the exported directory itself. Each
 * test gets a fresh file system and a directory of its own; afterwards no request is pending,
 * every pool buffer is back, and only the root fid is left (lookups clunk without waiting, so
 * the check waits for those clunks). Subclasses start the server.
 */
abstract class NioContract implements NioFilesContract, NioLinksContract, NioBulkContract, NioErrorsContract {
    private NinepFileSystem fs;
    private Path dir;
    private Path local;
    private final List<NinepFileSystem> others = new ArrayList<>();

    /** The URI of the server's root. */
    protected abstract URI uri();

    /** What to open the file system with (aname, msize, ...). */
    protected abstract Map<String, Object> baseEnv();

    /** The exported directory on this machine. */
    protected abstract Path export();

    @Override
    public Map<String, Object> env() {
        return baseEnv();
    }

    @BeforeEach
    void openFileSystem(TestInfo info) throws IOException {
        String name = "nio-" + info.getTestMethod().orElseThrow().getName();
        local = Files.createDirectory(export().resolve(name));
        fs = (NinepFileSystem) FileSystems.newFileSystem(uri(), baseEnv());
        dir = fs.getPath("/" + name);
    }

    @AfterEach
    void nothingLeaked() throws Exception {
        try {
            for (NinepFileSystem o : others) {
                o.close();
            }
            if (fs.isOpen()) {
                Session s = fs.session();
                if (s.connection().isOpen()) {
                    Await.until("only the root fid is left and nothing is pending",
                            () -> s.fidsInUse() == 1 && s.connection().pending() == 0);
                    assertThat(s.poolStats().inUse()).as("pool buffers in use: %s", s.poolStats()).isZero();
                }
            }
        } finally {
            fs.close();
            Trees.delete(local);
        }
    }

    @Override
    public NinepFileSystem fs() {
        return fs;
    }

    @Override
    public Path dir() {
        return dir;
    }

    @Override
    public Path local() {
        return local;
    }

    @Override
    public Session rawSession() throws IOException {
        io.ninep.client.ClientConfig config = io.ninep.client.ClientConfig.defaults();
        Object msize = baseEnv().get("msize");
        if (msize != null) {
            config = config.withMsize((Integer) msize);
        }
        return Session.connect(uri().toString(), config);
    }

    @Override
    public NinepFileSystem openAs(String uname, int uid) throws IOException {
        Map<String, Object> env = new HashMap<>(baseEnv());
        env.put("uname", uname);
        env.put("n_uname", uid);
        NinepFileSystem other = (NinepFileSystem) FileSystems.newFileSystem(uri(), env);
        others.add(other);
        return other;
    }
}

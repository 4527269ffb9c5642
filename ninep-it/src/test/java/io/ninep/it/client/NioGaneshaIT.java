package io.ninep.it.client;

import io.ninep.protocol.testing.Prerequisites;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The java.nio.file provider against nfs-ganesha 4.3 with FSAL VFS, in a network namespace of
 * its own (see {@link Ganesha}), at msize 64 KiB. ganesha dies on Tremove; the provider never
 * sends it (deletes are Tunlinkat, which ganesha has), and every test checks ganesha still runs.
 */
class NioGaneshaIT extends NioContract {
    private static Ganesha ganesha;

    @BeforeAll
    static void startGanesha() throws Exception {
        Prerequisites.require(Ganesha.available() && Ganesha.runningAsRoot(), "nfs-ganesha, nfs-ganesha-vfs, iproute2 and root");
        ganesha = Ganesha.start();
    }

    @AfterAll
    static void stopGanesha() throws IOException {
        if (ganesha != null) {
            ganesha.close();
        }
    }

    @AfterEach
    void ganeshaStillRuns() {
        if (ganesha != null && !ganesha.isAlive()) {
            Assertions.fail("ganesha died:\n" + ganesha.log());
        }
    }

    @Override
    protected URI uri() {
        return URI.create("ninep://" + ganesha.host + ":" + Ganesha.PORT + "/");
    }

    @Override
    protected Map<String, Object> baseEnv() {
        return Map.of("aname", ganesha.export.toString(), "msize", Ganesha.MSIZE, "umask", 022);
    }

    @Override
    protected Path export() {
        return ganesha.export;
    }
}

package io.ninep.it.nio;

import io.ninep.it.peers.Ganesha;
import io.ninep.it.peers.GaneshaExtension;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The java.nio.file provider against nfs-ganesha 4.3 with FSAL VFS, in a network namespace of
 * its own (see {@link Ganesha}), at msize 64 KiB. ganesha dies on Tremove; the provider never
 * sends it (deletes are Tunlinkat, which ganesha has), and every test checks ganesha still runs.
 */
class NioGaneshaIT extends NioContract {
    @RegisterExtension
    static final GaneshaExtension ganesha = new GaneshaExtension();

    @Override
    protected URI uri() {
        return URI.create("ninep://" + ganesha.get().host() + ":" + Ganesha.PORT + "/");
    }

    @Override
    protected Map<String, Object> baseEnv() {
        return Map.of("aname", ganesha.get().export().toString(), "msize", Ganesha.MSIZE, "umask", 022);
    }

    @Override
    protected Path export() {
        return ganesha.get().export();
    }
}

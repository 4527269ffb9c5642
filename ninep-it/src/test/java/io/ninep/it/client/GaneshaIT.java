package io.ninep.it.client;

import io.ninep.it.peers.Ganesha;
import io.ninep.it.peers.GaneshaExtension;
import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.client.ClientConfig;
import io.ninep.client.Fid;
import io.ninep.client.RemoteErrorException;
import io.ninep.client.Session;
import java.io.IOException;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ninep's client against Debian's nfs-ganesha with nfs-ganesha-vfs, serving 9P2000.L from a
 * network namespace of the test's own (see {@link Ganesha}), at msize 64 KiB. ganesha answers
 * errors in 9P2000.L with Rerror (type 107) carrying a bare errno: the client's lenient decoding
 * reads it and records the quirk. It also dies on Tremove (see {@link #survivesTremove()}).
 */
class GaneshaIT extends ClientContract {
    @RegisterExtension
    static final GaneshaExtension ganesha = new GaneshaExtension();

    @Override
    protected Session connect() throws IOException {
        return Session.connect(ganesha.get().address(), ClientConfig.defaults().withMsize(Ganesha.MSIZE));
    }

    @Override
    protected Fid attach(Session s) throws IOException {
        return s.attach(null, "root", ganesha.get().export().toString(), 0);
    }

    @Override
    protected Path export() {
        return ganesha.get().export();
    }

    @Override
    protected int serverMsizeCap() {
        return Ganesha.MSIZE;
    }

    /**
     * ganesha's Tgetlock answers with the lock asked about, not with UNLCK when nothing
     * conflicts (and its Tlock needs a client_id it can resolve as a host name, which the
     * client's default, this host's name, is).
     */
    @Override
    protected boolean getlockReportsUnlocked() {
        return false;
    }

    /**
     * nfs-ganesha 4.3 (Debian 4.3-2) dies of a segfault in libganesha_nfsd.so on Tremove, of a
     * file or a directory, open or not; Tunlinkat works. Nothing here sends Tremove to it.
     */
    @Override
    protected boolean survivesTremove() {
        return false;
    }

    /** nfs-ganesha 4.3 opens a FIFO without a writer at once (it does not open it on the host). */
    @Override
    protected boolean blocksOpeningAFifoWithoutWriter() {
        return false;
    }

    @Test
    void errorsArriveAsRerrorInDotLAndAreRecordedAsAQuirk() {
        Assertions.assertThatThrownBy(() -> dir.walk("missing"))
                .isInstanceOfSatisfying(RemoteErrorException.class, e -> assertThat(e.errnoName()).isEqualTo("ENOENT"));
        assertThat(session.quirks()).anySatisfy(q -> {
            assertThat(q.messageType()).isEqualTo("Rerror");
            assertThat(q.description()).contains("bare errno");
        });
    }
}

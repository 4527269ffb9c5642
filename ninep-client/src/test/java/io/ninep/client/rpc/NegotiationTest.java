package io.ninep.client.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.client.ClientConfig;
import io.ninep.client.MsizeNegotiation;
import io.ninep.client.testing.PeerFixture;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.NinePException;
import io.ninep.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** msize = min(requested, transport max, server's answer), and what is refused (version(5)). */
class NegotiationTest {

    @Test
    void cutIsReportedPlainly() throws Exception {
        List<LogRecord> logged = new ArrayList<>();
        Logger jul = Logger.getLogger("io.ninep.client");
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() { }

            @Override
            public void close() { }
        };
        jul.addHandler(h);
        try (PeerFixture f = PeerFixture.open(ClientConfig.defaults().withMsize(8 << 20), 4 << 20, 1 << 20,
                Dialect.P9P2000_L)) {
            MsizeNegotiation n = f.connection.negotiation();
            assertThat(n.toString()).isEqualTo(
                    "requested 8388608; transport pipe allows 4194304; server answered 1048576; using 1048576");
            assertThat(n.cut()).isTrue();
            assertThat(n.offered()).isEqualTo(4 << 20);
            assertThat(f.connection.msize()).isEqualTo(1 << 20);
        } finally {
            jul.removeHandler(h);
        }
        assertThat(logged).anySatisfy(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.INFO);
            assertThat(java.text.MessageFormat.format(r.getMessage(), r.getParameters()))
                    .contains("requested 8388608; transport pipe allows 4194304; server answered 1048576; using 1048576");
        });
    }

    @Test
    void transportLimitAloneCuts() throws Exception {
        try (PeerFixture f = PeerFixture.open(ClientConfig.defaults().withMsize(1 << 20), 65536, 65536,
                Dialect.P9P2000_L)) {
            assertThat(f.connection.negotiation().offered()).isEqualTo(65536);
            assertThat(f.connection.msize()).isEqualTo(65536);
        }
    }

    @Test
    void noCutNoFuss() throws Exception {
        try (PeerFixture f = PeerFixture.open(65536)) {
            assertThat(f.connection.negotiation().cut()).isFalse();
        }
    }

    @Test
    void serverAnsweringMoreThanAskedIsAProtocolError() {
        assertThatThrownBy(() -> PeerFixture.open(ClientConfig.defaults().withMsize(1 << 20), 1 << 30, 2 << 20,
                Dialect.P9P2000_L))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("Rversion.msize")
                .hasMessageContaining("2097152")
                .hasMessageContaining("more than the 1048576");
    }

    @Test
    void serverAnsweringLessThan4096IsAProtocolError() {
        assertThatThrownBy(() -> PeerFixture.open(ClientConfig.defaults().withMsize(1 << 20), 1 << 30, 1024,
                Dialect.P9P2000_L))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("1024")
                .hasMessageContaining("below the smallest usable msize 4096");
    }

    @Test
    void unknownVersionIsRefused() {
        assertThatThrownBy(() -> openAnswering("unknown"))
                .isInstanceOf(NinePException.class).hasMessageContaining("does not speak 9P2000.L");
    }

    @Test
    void serverMayFallBackToPlain9P2000() throws Exception {
        try (PeerFixture f = openAnswering("9P2000")) {
            assertThat(f.connection.dialect()).isEqualTo(Dialect.P9P2000);
        }
    }

    @Test
    void versionNotAskedForIsRefused() {
        assertThatThrownBy(() -> PeerFixture.open(ClientConfig.defaults().withMsize(65536)
                .withDialect(Dialect.P9P2000_U), 65536, 65536, Dialect.P9P2000_L))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("'9P2000.L' answers a Tversion of '9P2000.u'");
    }

    private static PeerFixture openAnswering(String version) throws Exception {
        return PeerFixture.open(ClientConfig.defaults().withMsize(65536), 65536, 65536, version);
    }
}

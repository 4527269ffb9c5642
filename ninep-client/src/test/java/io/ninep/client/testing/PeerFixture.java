package io.ninep.client.testing;

import io.ninep.client.ClientConfig;
import io.ninep.client.rpc.Connection;
import io.ninep.protocol.Dialect;
import io.ninep.transport.PipePair;
import io.ninep.transport.Transport;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * A client {@link Connection} wired to a {@link ScriptedPeer} over a {@link PipePair}, with the
 * version exchange done.
 */
public final class PeerFixture implements Closeable {
    public final ScriptedPeer peer;
    public final Connection connection;

    private PeerFixture(ScriptedPeer peer, Connection connection) {
        this.peer = peer;
        this.connection = connection;
    }

    /** Connects with {@code config}; the peer answers Tversion with {@code answerMsize} in {@code dialect}. */
    public static PeerFixture open(ClientConfig config, int transportMax, int answerMsize, Dialect dialect)
            throws Exception {
        return open(config, transportMax, answerMsize, dialect.versionString());
    }

    /** Connects with {@code config}; the peer answers Tversion with {@code answerMsize} and {@code version}. */
    public static PeerFixture open(ClientConfig config, int transportMax, int answerMsize, String version)
            throws Exception {
        return open(config, transportMax, answerMsize, version, client -> client);
    }

    /** 9P2000.L at {@code msize}, the client talking through what {@code clientSide} makes of its transport. */
    public static PeerFixture open(int msize, UnaryOperator<Transport> clientSide) throws Exception {
        return open(ClientConfig.defaults().withMsize(msize), msize, msize, Dialect.P9P2000_L.versionString(), clientSide);
    }

    private static PeerFixture open(ClientConfig config, int transportMax, int answerMsize, String version,
                                    UnaryOperator<Transport> clientSide) throws Exception {
        PipePair pair = PipePair.open(transportMax);
        ScriptedPeer peer = new ScriptedPeer(pair.server());
        Transport client = clientSide.apply(pair.client());
        CompletableFuture<Connection> opening = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                opening.complete(Connection.open(client, config));
            } catch (Throwable t) {
                opening.completeExceptionally(t);
            }
        });
        peer.dialect(Dialect.fromVersionString(version).orElse(config.dialect()));
        peer.handshake(answerMsize, version);
        try {
            return new PeerFixture(peer, opening.get(ScriptedPeer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            peer.close();
            throw e.getCause() instanceof Exception ex ? ex : e;
        } catch (TimeoutException e) {
            peer.close();
            throw e;
        }
    }

    /** 9P2000.L at {@code msize}, asked and answered. */
    public static PeerFixture open(int msize) throws Exception {
        return open(ClientConfig.defaults().withMsize(msize), msize, msize, Dialect.P9P2000_L);
    }

    public static PeerFixture open(ClientConfig config) throws Exception {
        return open(config, config.msize(), config.msize(), config.dialect());
    }

    @Override
    public void close() throws IOException {
        connection.close();
        peer.close();
    }
}

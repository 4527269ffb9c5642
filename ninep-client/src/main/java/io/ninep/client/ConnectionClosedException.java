package io.ninep.client;

import io.ninep.protocol.NinePException;

/**
 * The connection is gone: the server hung up, the transport failed, the peer broke the protocol
 * (the cause is then a {@link io.ninep.protocol.ProtocolException}), or the client closed it.
 * Every request pending at that moment fails with this exception and the same cause, and so
 * does every later request.
 */
public class ConnectionClosedException extends NinePException {
    public ConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }

    public ConnectionClosedException(String message) {
        super(message);
    }
}

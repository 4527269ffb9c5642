package io.ninep.protocol;

import java.io.IOException;

/**
 * The root of ninep's exceptions. Each subclass says which scope an error belongs to: the peer
 * broke the protocol ({@link ProtocolException}), the server answered with an error, a request
 * was cancelled, or the connection is gone. All are {@link IOException}s, so code that does I/O
 * handles them where it handles the others.
 */
public class NinePException extends IOException {
    public NinePException(String message) {
        super(message);
    }

    public NinePException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.ninep.server;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;

/**
 * An error the engine itself raises (a limit reached, a request the protocol forbids at this
 * point). Unlike a backend's error, whose 9P2000 text is strerror's, its own message is what a
 * 9P2000 or 9P2000.u client is sent, because it says more than the errno can.
 */
final class RequestError extends ErrnoException {
    RequestError(Errno errno, String message) {
        super(errno, message);
    }
}

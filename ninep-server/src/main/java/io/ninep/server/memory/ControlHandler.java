package io.ninep.server.memory;

import java.io.IOException;

/**
 * What a control file does with a command: each write to it is one command, its bytes read as
 * UTF-8 with one trailing newline removed ({@code echo restart > ctl} sends "restart"). Throw an
 * {@link io.ninep.protocol.ErrnoException} (or IllegalArgumentException, which the client sees as
 * EINVAL) to refuse it; the client's write then fails with that error.
 */
@FunctionalInterface
public interface ControlHandler {
    void command(String text) throws IOException;
}

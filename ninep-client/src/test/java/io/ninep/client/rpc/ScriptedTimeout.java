package io.ninep.client.rpc;

import java.time.Duration;

/** How long a test waits for an outcome the script has already decided. */
final class ScriptedTimeout {
    private ScriptedTimeout() {}

    static final Duration DURATION = Duration.ofSeconds(20);
}

package io.ninep.cli.probe;

import java.io.IOException;

/**
 * One wire-level check. A check opens the connections it needs through its {@link CheckContext}
 * (which records every frame as evidence), decides, and says why in one line. Any
 * {@link ProbeFailure} or I/O error that escapes is a FAIL with its message as the summary.
 */
public interface Check {

    /** A short dotted name, used by --only and --skip ("walk.17"). */
    String id();

    /** What the check sends and what the manual requires of the answer, in one line. */
    String description();

    /**
     * True for checks that send input meant to break a server (a reply type as a request, a
     * frame above msize...). They run last, each on its own connection, and only when asked for,
     * because some servers die of them.
     */
    default boolean hostile() {
        return false;
    }

    Outcome run(CheckContext ctx) throws IOException, ProbeFailure, InterruptedException;

    /** A check made of a name, a description and a body. */
    static Check of(String id, String description, boolean hostile, Body body) {
        return new Check() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public boolean hostile() {
                return hostile;
            }

            @Override
            public Outcome run(CheckContext ctx) throws IOException, ProbeFailure, InterruptedException {
                return body.run(ctx);
            }

            @Override
            public String toString() {
                return id;
            }
        };
    }

    @FunctionalInterface
    interface Body {
        Outcome run(CheckContext ctx) throws IOException, ProbeFailure, InterruptedException;
    }
}

package io.ninep.cli.probe;

import java.util.List;

/** The probe could not start: no connection, no dialect in common, or no scratch directory. */
public final class ProbeSetupException extends Exception {
    private final List<String> evidence;

    public ProbeSetupException(String message, List<String> evidence, Throwable cause) {
        super(message, cause);
        this.evidence = List.copyOf(evidence);
    }

    /** The frames exchanged before it gave up. */
    public List<String> evidence() {
        return evidence;
    }
}

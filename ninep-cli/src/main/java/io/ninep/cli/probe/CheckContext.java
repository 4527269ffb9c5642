package io.ninep.cli.probe;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import io.ninep.protocol.message.Rversion;
import java.io.IOException;
import java.time.Duration;

/**
 * What a check runs with: the options, the dialect and scratch directory the probe set up, a
 * transcript for its evidence, and connections (labelled c1, c2, ... in the transcript).
 */
public final class CheckContext {
    private final ProbeOptions options;
    private final Scratch scratch;
    private final Transcript transcript = new Transcript();
    private int connections;

    CheckContext(ProbeOptions options, Scratch scratch) {
        this.options = options;
        this.scratch = scratch;
    }

    public ProbeOptions options() {
        return options;
    }

    public Dialect dialect() {
        return scratch.dialect();
    }

    public Duration timeout() {
        return options.timeout();
    }

    public Transcript transcript() {
        return transcript;
    }

    public Scratch scratch() {
        return scratch;
    }

    /** A new raw connection, not yet versioned. */
    public WireConnection connect() throws IOException {
        String label = "c" + ++connections;
        try {
            return WireConnection.dial(options.address(), options.timeout(), label, transcript, scratch.dialect(),
                    Math.max(options.verifyLimit(), options.msize()) + P9.IO_HEADER_SIZE);
        } catch (IOException e) {
            transcript.add(label + " (cannot connect: " + e.getMessage() + ")");
            throw e;
        }
    }

    /** A new session at the probe's msize, attached. */
    public Session session() throws IOException, ProbeFailure, InterruptedException {
        return session(options.msize());
    }

    public Session session(long msize) throws IOException, ProbeFailure, InterruptedException {
        WireConnection w = connect();
        try {
            return Session.open(w, scratch.dialect(), msize, options);
        } catch (IOException | ProbeFailure | InterruptedException | RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /** A new fid on the scratch directory, in {@code s}. */
    public int scratchDir(Session s) throws IOException, ProbeFailure, InterruptedException {
        return s.walk(Session.ROOT, scratch.name());
    }

    /**
     * Whether the server still accepts connections and answers Tversion: what a check asks
     * after sending something hostile.
     */
    public boolean serverAlive() throws InterruptedException {
        transcript.add("(is the server still up?)");
        try (WireConnection w = connect()) {
            Rversion rv = Session.version(w, 8192, scratch.dialect().versionString(), options.timeout());
            return rv != null;
        } catch (IOException | ProbeFailure e) {
            return false;
        }
    }
}

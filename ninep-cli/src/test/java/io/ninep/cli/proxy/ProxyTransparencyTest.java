package io.ninep.cli.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.cli.probe.CheckResult;
import io.ninep.cli.probe.Probe;
import io.ninep.cli.probe.ProbeOptions;
import io.ninep.cli.probe.Report;
import io.ninep.cli.probe.ReportFormat;
import io.ninep.cli.probe.Verdict;
import io.ninep.server.NinepServer;
import io.ninep.server.ServerConfig;
import io.ninep.server.memory.MemoryFileServer;
import io.ninep.transport.DialAddress;
import io.ninep.transport.Listener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The probe, hostile checks included, through the proxy to ninep's server: the proxy changes
 * nothing (every verdict is the same PASS as without it), survives every hostile frame, and its
 * trace names what the probe did on purpose: the duplicate tag, the reply type sent as a request,
 * the undecodable frames; and it flags nothing the server sent.
 */
@Timeout(120)
class ProxyTransparencyTest {
    private static final java.util.logging.Logger SERVER_LOG = java.util.logging.Logger.getLogger("io.ninep.server");

    static {
        SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    @Test
    void probeThroughTheProxyGetsTheSameVerdicts() throws Exception {
        List<TraceEvent> trace = Collections.synchronizedList(new ArrayList<>());
        Report report;
        try (NinepServer server = new NinepServer(new MemoryFileServer(), ServerConfig.defaults())) {
            Listener l = server.listen(new DialAddress.Tcp("127.0.0.1", 0));
            try (Proxy proxy = Proxy.start(new DialAddress.Tcp("127.0.0.1", 0), l.address(), trace::add)) {
                report = Probe.run(ProbeOptions.defaults(proxy.address()).withHostile(true)
                        .withTimeout(Duration.ofSeconds(10)));
            }
        }
        assertThat(report.results()).as(() -> ReportFormat.text(report, ReportFormat.Evidence.PROBLEMS))
                .extracting(CheckResult::verdict).containsOnly(Verdict.PASS);

        List<TraceEvent> snapshot;
        synchronized (trace) {
            snapshot = List.copyOf(trace);
        }
        assertThat(snapshot).filteredOn(e -> e.direction() == Direction.S2C).noneMatch(TraceEvent::flagged);
        assertThat(notes(snapshot, Note.Kind.VERSION))
                .contains("msize: client asked 131072 9P2000.L; server answered 131072 9P2000.L",
                        "msize: client asked 4294967295 9P2000.L; server answered 4194304 9P2000.L");
        assertThat(notes(snapshot, Note.Kind.VIOLATION)).anyMatch(n -> n.startsWith("tag 5 is already in flight (Twrite sent"))
                .anyMatch(n -> n.startsWith("the client sent a reply-type message"))
                .anyMatch(n -> n.equals("unknown type 250 is no 9P message (intro(5))"))
                .anyMatch(n -> n.startsWith("frame of 12288 bytes exceeds the negotiated msize 8192"));
        // Which round's write is still in flight when its Tflush passes is a race (a memory file's
        // large write runs on the server's reader, and often wins): some round's is.
        assertThat(notes(snapshot, Note.Kind.FLUSH)).anyMatch(n -> n.matches("flushes tag \\d+ \\(Twrite, in flight for .*"))
                .anyMatch(n -> n.startsWith("the reply won the flush race") || n.contains("flushed after"));
        assertThat(notes(snapshot, Note.Kind.UNDECODABLE)).isNotEmpty();   // the truncated Tversion
    }

    private static List<String> notes(List<TraceEvent> events, Note.Kind kind) {
        return events.stream().flatMap(e -> e.notes().stream()).filter(n -> n.kind() == kind).map(Note::text).toList();
    }
}

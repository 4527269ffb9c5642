package io.ninep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.cli.probe.FakeServerAccess;
import io.ninep.transport.DialAddress;
import io.ninep.transport.Listener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The two commands as a user runs them: options, output, exit codes. */
@Timeout(120)
class ProbeAndProxyCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void probeOfAGoodServerExitsZeroWithATable() throws Exception {
        try (var server = FakeServerAccess.wellBehaved()) {
            int code = Main.run("probe", server.address().toString(), "--only", "walk,readdir", "--flush-rounds", "3");
            assertThat(code).as(err()).isEqualTo(0);
            String[] lines = out().split("\n");
            assertThat(lines[0]).startsWith("ninep probe " + server.address() + ", aname '', 9P2000.L, ");
            assertThat(lines[1]).isEqualTo("CHECK          RESULT  SUMMARY");
            assertThat(lines[2]).isEqualTo("walk.0         PASS    Rwalk with 0 qids; newfid usable");
            assertThat(out()).contains("walk.17        PASS    refused with Rlerror", "6 checks: 6 PASS, 0 FAIL, 0 NOTE, 0 SKIP");
        }
    }

    @Test
    void probeWithAFailureExitsOneAndShowsItsFrames() throws Exception {
        try (var server = FakeServerAccess.partialWalkMakesFid()) {
            int code = Main.run("probe", server.address().toString(), "--only", "walk.partial");
            assertThat(code).isEqualTo(1);
            assertThat(out()).contains("walk.partial  FAIL    walk/missing/d gave 1 qid, but newfid was made",
                    "    (prepared ninep-probe-", "nwname 3 0:walk 1:missing 2:d\n    c1 ← Rwalk tag ",
                    " nwqid 1 0:(0000000000000002 0 d)\n    c1 → Tclunk tag ", "    c1 ← Rclunk tag ",
                    "    (is the server still up?)");
        }
    }

    @Test
    void probeJsonReport() throws Exception {
        try (var server = FakeServerAccess.wellBehaved()) {
            int code = Main.run("probe", server.address().toString(), "--only", "flush.unknown-tag", "--json");
            assertThat(code).isEqualTo(0);
            assertThat(out()).startsWith("{\"target\":\"" + server.address() + "\",\"aname\":\"\",\"dialect\":\"9P2000.L\"")
                    .contains("\"counts\":{\"PASS\":1,\"FAIL\":0,\"NOTE\":0,\"SKIP\":0}",
                            "{\"id\":\"flush.unknown-tag\",", "\"result\":\"PASS\",\"summary\":\"Rflush at once\"",
                            "\"evidence\":[\"c1 → Tversion tag NOTAG msize 131072 version '9P2000.L'\"");
        }
    }

    @Test
    void probeOfNothingExitsTwo() throws Exception {
        DialAddress nowhere;
        try (Listener l = Listener.bind(new DialAddress.Tcp("127.0.0.1", 0))) {
            nowhere = l.address();
        }
        assertThat(Main.run("probe", nowhere.toString())).isEqualTo(2);
        assertThat(err()).contains("cannot set up against " + nowhere, "Connection refused");
    }

    @Test
    void probeUsageErrorsExitTwo() {
        assertThat(Main.run("probe")).isEqualTo(2);
        assertThat(Main.run("probe", "tcp!127.0.0.1!1", "--only", "nosuchcheck")).isEqualTo(2);
        assertThat(err()).contains("no check named 'nosuchcheck'");
        assertThat(Main.run("probe", "tcp!127.0.0.1!1", "--msize", "100")).isEqualTo(2);
        assertThat(Main.run("probe", "tcp!x!notaport")).isEqualTo(2);
    }

    @Test
    void probeListsItsChecks() {
        assertThat(Main.run("probe", "--list")).isEqualTo(0);
        assertThat(out()).contains("walk.17 ", "hostile.r-message        (hostile) ");
    }

    @Test
    void proxyUsageErrorsExitTwo() throws Exception {
        assertThat(Main.run("proxy", "--listen", "tcp!127.0.0.1!0")).isEqualTo(2);   // --to missing
        assertThat(Main.run("proxy", "--listen", "tcp!x!y", "--to", "tcp!127.0.0.1!1")).isEqualTo(2);
        try (Listener taken = Listener.bind(new DialAddress.Tcp("127.0.0.1", 0))) {
            assertThat(Main.run("proxy", "--listen", taken.address().toString(), "--to", "tcp!127.0.0.1!1")).isEqualTo(2);
            assertThat(err()).contains("cannot listen on");
        }
    }
}

package io.ninep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Rgetattr;
import io.ninep.protocol.message.Rlopen;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Rwrite;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.protocol.message.Tlopen;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Twrite;
import io.ninep.server.testing.RawClient;
import io.ninep.transport.SocketTransport;
import io.ninep.transport.StreamTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ninep serve} as users run it: a child process on stdin/stdout, on TCP and on a Unix
 * socket, stopped by SIGTERM.
 */
class ServeCommandTest {
    private static final Pattern LISTENING = Pattern.compile("ninep: serving .* on (\\S+)");

    @TempDir
    Path dir;

    /** Starts {@code ninep serve ARGS} as a child process; its standard error goes to {@link #errors}. */
    private Process serve(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.ninep.cli.Main", "serve"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(dir.resolve("stderr").toFile()).start();
    }

    /** What the child wrote on standard error. */
    private String errors() throws IOException {
        return Files.readString(dir.resolve("stderr"));
    }

    /** SIGTERM, as ProcessHandle sends it (Process.destroy would also close our ends of its pipes). */
    private static int stop(Process p) throws InterruptedException {
        p.toHandle().destroy();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("ninep serve stops after SIGTERM").isTrue();
        return p.exitValue();
    }

    /** The child's standard input, flushed at every write (the JDK buffers it). */
    private static java.io.OutputStream unbuffered(java.io.OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                out.flush();
            }
        };
    }

    /** The address the server prints once it listens. */
    private static String listeningAddress(Process p) throws IOException {
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("ninep serve ended without listening");
    }

    @Test
    void helpDescribesEveryOption() {
        var buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run("serve", "--help");
        } finally {
            System.setOut(old);
        }
        assertThat(code).isZero();
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("--listen", "--msize", "--readonly", "--debug",
                "--stdio", "--max-fids", "--max-requests", "--busy-poll", "DIR", "SIGTERM");
    }

    @Test
    void badOptionsAreUsageErrors() {
        PrintStream old = System.err;
        var buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run("serve", "--msize", "1000", dir.toString())).isEqualTo(2);
            assertThat(Main.run("serve", "--max-requests", "3", dir.toString())).isEqualTo(2);
            assertThat(Main.run("serve", dir.resolve("missing").toString())).isEqualTo(2);
            assertThat(Main.run("serve", "--msize", "lots")).isEqualTo(2);
            assertThat(Main.run("serve", "--busy-poll", "5000", dir.toString())).isEqualTo(2);
        } finally {
            System.setErr(old);
        }
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("ninep serve: --msize: msize ceiling 1000")
                .contains("below the protocol's minimum of 4096")
                .contains("ninep serve: --max-requests: request limit 3 must be at least 128").contains("is not a directory")
                .contains("ninep serve: --busy-poll: busy poll of 5000 us is outside 0 to 1000 us");
    }

    @Test
    void stdioServesOneConnectionOnStandardInputAndOutput() throws Exception {
        Files.writeString(dir.resolve("hello"), "hello over stdio");
        Process p = serve("--stdio", "--debug", dir.toString());
        var transport = new StreamTransport(Channels.newChannel(p.getInputStream()),
                Channels.newChannel(unbuffered(p.getOutputStream())), "pipe", "child", StreamTransport.DEFAULT_STREAM_MAX);
        try (RawClient c = new RawClient(transport)) {
            c.start(65536);
            c.walk(2, 0, 1, "hello");
            c.call(3, new Tlopen(1, LinuxOpenFlags.O_RDONLY), Rlopen.class);
            Rread r = c.call(4, new Tread(1, 0, 100), Rread.class);
            assertThat(StandardCharsets.UTF_8.decode(r.data()).toString()).isEqualTo("hello over stdio");
            p.getOutputStream().close();   // end of the connection
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(p.exitValue()).isZero();
        assertThat(errors()).contains("negotiated 9P2000.L msize 65536")
                .contains("the client closed the connection")
                .contains("<- Tversion tag NOTAG msize 65536 version '9P2000.L'")   // --debug: every message
                .contains("-> Rread tag 4 count 16 'hello over stdio'");
    }

    @Test
    void tcpServesUntilSigtermThenStopsCleanly() throws Exception {
        Files.writeString(dir.resolve("f"), "x");
        Process p = serve("--listen", "tcp!127.0.0.1!0", "--readonly", dir.toString());
        String address = listeningAddress(p);
        String[] parts = address.split("!");
        try (RawClient c = new RawClient(new SocketTransport(SocketChannel.open(
                new InetSocketAddress(parts[1], Integer.parseInt(parts[2])))))) {
            c.start(8192);
            c.walk(2, 0, 1, "f");
            assertThat(c.call(3, new Tgetattr(1, Attr.BASIC), Rgetattr.class).attr().size()).isEqualTo(1);
            assertThat(c.rpc(4, new Tlopen(1, LinuxOpenFlags.O_RDWR)))
                    .isEqualTo(new io.ninep.protocol.message.Rlerror(io.ninep.protocol.Errno.EROFS.number()));
            assertThat(stop(p)).isEqualTo(143);
            c.expectClosed();
        }
        assertThat(errors()).contains("stopping").contains("connection closed");
    }

    @Test
    void aUnixSocketAndTheDemoTree() throws Exception {
        Path socket = dir.resolve("ninep.sock");
        Process p = serve("--listen", "unix!" + socket);
        assertThat(listeningAddress(p)).isEqualTo("unix!" + socket);
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        try (RawClient c = new RawClient(new SocketTransport(ch))) {
            c.start(8192);
            c.walk(2, 0, 1, "ctl");
            c.call(3, new Tlopen(1, LinuxOpenFlags.O_WRONLY), Rlopen.class);
            c.walk(4, 0, 2, "events");
            c.call(5, new Tlopen(2, LinuxOpenFlags.O_RDONLY), Rlopen.class);
            c.call(6, new Twrite(1, 0, ByteBuffer.wrap("ping\n".getBytes(StandardCharsets.UTF_8))), Rwrite.class);
            Rread r = c.call(7, new Tread(2, 0, 100), Rread.class);
            assertThat(StandardCharsets.UTF_8.decode(r.data()).toString()).isEqualTo("ctl: ping\n");
        } finally {
            stop(p);
        }
        assertThat(Files.exists(socket)).as("the socket file is removed at exit").isFalse();
        assertThat(errors()).contains("listening on unix!");
    }
}

package io.ninep.protocol.capture;

import static io.ninep.protocol.LinuxOpenFlags.O_CREAT;
import static io.ninep.protocol.LinuxOpenFlags.O_DIRECTORY;
import static io.ninep.protocol.LinuxOpenFlags.O_RDONLY;
import static io.ninep.protocol.LinuxOpenFlags.O_RDWR;
import static io.ninep.protocol.message.Tunlinkat.AT_REMOVEDIR;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.Strictness;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.WireString;
import io.ninep.protocol.codec.FcallFormat;
import io.ninep.protocol.codec.FrameDecoder;
import io.ninep.protocol.codec.FrameEncoder;
import io.ninep.protocol.message.*;
import io.ninep.protocol.testing.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Records a 9P2000.L session with a real diod, byte for byte, into the file that
 * {@code DiodSessionTest} replays ({@code src/test/resources/golden/diod-session.txt}).
 *
 * <p>Not a test: run it by hand when the capture should be redone (needs diod, and root so that
 * diod may switch to the attaching user):
 * <pre>
 * mvn -pl ninep-protocol test-compile
 * java -cp ninep-protocol/target/classes:ninep-protocol/target/test-classes \
 *     io.ninep.protocol.capture.DiodCapture ninep-protocol/src/test/resources/golden/diod-session.txt
 * </pre>
 * It starts {@code diod -f -n -N -c /dev/null -l 127.0.0.1:PORT -e DIR} on a free loopback port
 * with a fresh temporary DIR, speaks raw 9P2000.L over a plain socket, one request at a time,
 * and stops diod by its PID at the end. Requests are encoded by ninep; every reply is diod's own.
 */
public final class DiodCapture {
    private static final String DIOD = "/usr/sbin/diod";
    private static final int MSIZE = 65536;

    private record Captured(boolean fromClient, byte[] bytes, String fcall) {}

    private final List<Captured> frames = new ArrayList<>();
    private final FrameDecoder decoder = new FrameDecoder(Dialect.P9P2000_L, MSIZE, Strictness.LENIENT, q -> {});
    private InputStream in;
    private OutputStream out;
    private int nextTag = 1;

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: DiodCapture OUTPUT-FILE");
            System.exit(2);
        }
        new DiodCapture().run(Path.of(args[0]));
    }

    private void run(Path output) throws Exception {
        Path dir = Files.createTempDirectory("ninep-diod-capture");
        int port = freeLoopbackPort();
        List<String> command = List.of(DIOD, "-f", "-n", "-N", "-c", "/dev/null",
                "-l", "127.0.0.1:" + port, "-e", dir.toString());
        Process diod = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        try (Socket socket = connectWhenListening(port, diod)) {
            in = socket.getInputStream();
            out = socket.getOutputStream();
            session(dir);
        } finally {
            // By PID, never by name: other diods on this machine are not ours.
            diod.destroy();
            if (!diod.waitFor(5, TimeUnit.SECONDS)) {
                diod.destroyForcibly();
            }
        }
        Files.writeString(output, render(command, dir), StandardCharsets.UTF_8);
        System.out.println("wrote " + frames.size() + " frames to " + output);
    }

    /** The exchanges to record: a little of everything diod does, and some errors. */
    private void session(Path dir) throws IOException {
        rpc(P9.NOTAG, new Tversion(MSIZE, "9P2000.L"));
        rpc(new Tattach(0, P9.NOFID, "root", dir.toString(), 0));
        rpc(new Tgetattr(0, Attr.ALL));
        rpc(new Twalk(0, 1));
        rpc(new Tlcreate(1, "hello.txt", O_RDWR | O_CREAT, 0644, 0));
        rpc(new Twrite(1, 0, ByteBuffer.wrap("hello, diod\n".getBytes(StandardCharsets.US_ASCII))));
        rpc(new Tfsync(1, 0));
        rpc(new Tlock(1, Tlock.WRLCK, 0, 0, 0, 4242, "ninep"));
        rpc(new Tgetlock(1, Tlock.RDLCK, 0, 0, 4243, "ninep"));
        rpc(new Tlock(1, Tlock.UNLCK, 0, 0, 0, 4242, "ninep"));
        rpc(new Tclunk(1));
        rpc(new Twalk(0, 2, "hello.txt"));
        rpc(new Tlopen(2, O_RDONLY));
        rpc(new Tread(2, 0, 4096));
        rpc(new Tread(2, 12, 4096));
        rpc(new Tgetattr(2, Attr.BASIC));
        rpc(new Txattrwalk(2, 3, ""));
        rpc(new Tclunk(3));
        rpc(new Txattrwalk(2, 3, "user.missing"));
        rpc(new Tlink(0, 2, "hardlink"));
        rpc(new Tclunk(2));
        // A name that is not UTF-8 (Latin-1 "café"): Linux takes any bytes but '/' and NUL.
        rpc(new Twalk(0, 8));
        rpc(new Tlcreate(8, WireString.fromBytes(new byte[] {'c', 'a', 'f', (byte) 0xE9}), O_RDWR | O_CREAT, 0600, 0));
        rpc(new Tsetattr(8, new SetAttr(SetAttr.SIZE, 0, 0, 0, 3, 0, 0, 0, 0)));
        rpc(new Tclunk(8));
        rpc(new Tmkdir(0, "sub", 0755, 0));
        rpc(new Tmknod(0, "fifo", 0010644, 0, 0, 0));
        rpc(new Tsymlink(0, "link", "hello.txt", 0));
        rpc(new Twalk(0, 4, "link"));
        rpc(new Treadlink(4));
        rpc(new Tclunk(4));
        rpc(new Tstatfs(0));
        // diod has neither renameat nor unlinkat; a client falls back to rename and remove.
        rpc(new Trenameat(0, "hello.txt", 0, "renamed.txt"));
        rpc(new Twalk(0, 5, "hello.txt"));
        rpc(new Trename(5, 0, "renamed.txt"));
        rpc(new Tclunk(5));
        rpc(new Tunlinkat(0, "sub", AT_REMOVEDIR));
        rpc(new Twalk(0, 5, "missing"));
        rpc(new Twalk(0, 5, "sub", "missing"));
        rpc(new Twalk(0, 6));
        rpc(new Tlopen(6, O_RDONLY | O_DIRECTORY));
        Message dirents = rpc(new Treaddir(6, 0, 8192));
        if (dirents instanceof Rreaddir r) {
            rpc(new Treaddir(6, lastOffset(r), 8192));
        }
        rpc(new Tclunk(6));
        rpc(new Tflush(1));
        rpc(new Twalk(0, 7, "sub"));
        rpc(new Tremove(7));
        rpc(new Tread(0, 0, 100));
        rpc(new Tclunk(99));
        rpc(new Tclunk(0));
    }

    private Message rpc(TMessage request) throws IOException {
        return rpc(nextTag++, request);
    }

    private Message rpc(int tag, TMessage request) throws IOException {
        ByteBuffer frame = FrameEncoder.encode(new Frame(tag, request), Dialect.P9P2000_L);
        byte[] sent = Hex.bytes(frame);
        out.write(sent);
        out.flush();
        record(true, sent);
        byte[] size = in.readNBytes(4);
        if (size.length < 4) {
            throw new IOException("diod closed the connection after " + request.type());
        }
        int n = ByteBuffer.wrap(size).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] reply = new byte[n];
        System.arraycopy(size, 0, reply, 0, 4);
        if (in.readNBytes(reply, 4, n - 4) != n - 4) {
            throw new IOException("diod sent a short frame after " + request.type());
        }
        return record(false, reply);
    }

    /** Keeps the bytes; decodes them only to annotate the file (null if ninep cannot decode them). */
    private Message record(boolean fromClient, byte[] bytes) {
        Frame f = null;
        try {
            f = decoder.decode(ByteBuffer.wrap(bytes));
        } catch (ProtocolException e) {
            System.err.println("ninep cannot decode a captured frame: " + e.getMessage());
        }
        frames.add(new Captured(fromClient, bytes, f == null ? "(not decodable by ninep)" : FcallFormat.format(f)));
        return f == null ? null : f.body();
    }

    private static long lastOffset(Rreaddir r) throws ProtocolException {
        List<DirEntry> entries = DirEntry.decodeAll(r.data(), new WireReader());
        return entries.isEmpty() ? 0 : entries.getLast().offset();
    }

    private String render(List<String> command, Path dir) throws IOException, InterruptedException {
        StringBuilder b = new StringBuilder();
        b.append("# A 9P2000.L session with diod, captured byte for byte by io.ninep.protocol.capture.DiodCapture.\n");
        b.append("#\n");
        b.append("# diod:    Debian package diod ").append(diodVersion()).append(" (").append(DIOD).append(")\n");
        b.append("# date:    ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append('\n');
        b.append("# host:    Linux ").append(System.getProperty("os.version")).append(", as root, over TCP on loopback\n");
        b.append("# command: ").append(String.join(" ", command)).append('\n');
        b.append("#          (").append(dir).append(" was a fresh empty temporary directory)\n");
        b.append("#\n");
        b.append("# Each frame is one line: '>' client to server, '<' server to client, then the whole frame\n");
        b.append("# in hex (size[4] type[1] tag[2] body). Requests were encoded by ninep; replies are diod's.\n");
        b.append("# The comment above each frame is how ninep printed it at capture time (FcallFormat);\n");
        b.append("# DiodSessionTest ignores comments and checks the bytes.\n");
        for (Captured c : frames) {
            b.append("# ").append(c.fcall()).append('\n');
            b.append(c.fromClient() ? "> " : "< ").append(Hex.encode(c.bytes())).append('\n');
        }
        return b.toString();
    }

    private static String diodVersion() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("dpkg-query", "-W", "-f=${Version}", "diod").start();
        String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return v.isEmpty() ? "(unknown)" : v;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * diod gives no sign when it listens, so try to connect until it does (or dies). A one-off
     * tool may poll; tests must not.
     */
    private static Socket connectWhenListening(int port, Process diod) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                return new Socket(InetAddress.getLoopbackAddress(), port);
            } catch (ConnectException notYet) {
                if (!diod.isAlive()) {
                    throw new IOException("diod exited with status " + diod.exitValue());
                }
                Thread.sleep(50);
            }
        }
        throw new IOException("diod did not listen on 127.0.0.1:" + port + " within 5 s");
    }
}

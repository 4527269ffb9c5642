package io.ninep.it.peers;

import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * An nfs-ganesha of the test's own, serving 9P only, with FSAL VFS exporting a fresh temporary
 * directory, kept off every real network interface.
 *
 * <p>ganesha's 9P listener binds every interface and, in 4.3, ignores {@code Bind_addr} (tried:
 * it still listens on {@code *:PORT}; and inside a namespace with only {@code lo} the option is
 * refused, since getaddrinfo's AI_ADDRCONFIG ignores loopback). So it runs in a network
 * namespace of its own, whose only links are its loopback and one end of a veth pair; the other
 * end stays in this machine's namespace with a private 10.213.x.y/30 address. The test's JVM
 * reaches ganesha at the namespace's end of that /30, and nothing else can: the pair is a link
 * between two namespaces of this machine, with no route or forwarding to any other network.
 * Closing stops ganesha by its PID and deletes the namespace, which deletes the veth pair.
 *
 * <p>msize stays at 64 KiB ({@code _9P_TCP_Msize}): ganesha crashes above that.
 */
public final class Ganesha implements Closeable {
    public static final Path BINARY = Path.of("/usr/bin/ganesha.nfsd");
    public static final Path FSAL_VFS = Path.of("/usr/lib/x86_64-linux-gnu/ganesha/libfsalvfs.so");
    public static final int PORT = 564;
    public static final int MSIZE = 64 * 1024;

    private final Path export;
    private final String host;
    private final Path work;
    private final String namespace;
    private final String hostLink;
    private Process process;

    private Ganesha(Path work, Path export, String namespace, String hostLink, String host) {
        this.work = work;
        this.export = export;
        this.namespace = namespace;
        this.hostLink = hostLink;
        this.host = host;
    }

    public static boolean available() {
        return Files.isExecutable(BINARY) && Files.exists(FSAL_VFS) && Files.isExecutable(Path.of("/usr/sbin/ip"))
                || Files.isExecutable(BINARY) && Files.exists(FSAL_VFS) && Files.isExecutable(Path.of("/sbin/ip"));
    }

    public static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public static Ganesha start() throws IOException, InterruptedException {
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
        int subnet = ThreadLocalRandom.current().nextInt(256);
        int quad = ThreadLocalRandom.current().nextInt(64) * 4;
        String hostAddress = "10.213." + subnet + "." + (quad + 1);
        String nsAddress = "10.213." + subnet + "." + (quad + 2);
        Path work = Files.createTempDirectory("ninep-ganesha");
        Path export = Files.createDirectory(work.resolve("export"));
        Ganesha g = new Ganesha(work, export, "ninep-" + id, "nph" + id, nsAddress);
        try {
            g.makeNamespace(hostAddress, nsAddress, "npn" + id);
            g.writeConfig();
            g.launch();
            g.awaitListening();
        } catch (IOException | InterruptedException | RuntimeException e) {
            g.close();
            throw e;
        }
        return g;
    }

    /** The directory ganesha exports (and its aname). */
    public Path export() {
        return export;
    }

    /** The address of ganesha's end of the veth pair. */
    public String host() {
        return host;
    }

    /** The dial string: {@code tcp!HOST!564}. */
    public String address() {
        return "tcp!" + host + "!" + PORT;
    }

    private void makeNamespace(String hostAddress, String nsAddress, String nsLink) throws IOException, InterruptedException {
        run("ip", "netns", "add", namespace);
        run("ip", "link", "add", hostLink, "type", "veth", "peer", "name", nsLink);
        run("ip", "link", "set", nsLink, "netns", namespace);
        run("ip", "addr", "add", hostAddress + "/30", "dev", hostLink);
        run("ip", "link", "set", hostLink, "up");
        run("ip", "netns", "exec", namespace, "ip", "link", "set", "lo", "up");
        run("ip", "netns", "exec", namespace, "ip", "addr", "add", nsAddress + "/30", "dev", nsLink);
        run("ip", "netns", "exec", namespace, "ip", "link", "set", nsLink, "up");
    }

    private void writeConfig() throws IOException {
        Files.createDirectories(work.resolve("recovery"));
        String conf = """
                NFS_CORE_PARAM {
                    Protocols = 9P;
                    Enable_NLM = false;
                    Enable_RQUOTA = false;
                }
                _9P {
                    _9P_TCP_Port = %d;
                    _9P_TCP_Msize = %d;
                }
                NFSV4 {
                    Graceless = true;
                    RecoveryBackend = fs;
                    RecoveryRoot = %s;
                }
                EXPORT {
                    Export_Id = 1;
                    Path = %s;
                    Pseudo = /export;
                    Protocols = 9P;
                    Access_Type = RW;
                    Squash = No_Root_Squash;
                    FSAL { Name = VFS; }
                }
                LOG { Default_Log_Level = EVENT; }
                """.formatted(PORT, MSIZE, work.resolve("recovery"), export);
        Files.writeString(work.resolve("ganesha.conf"), conf);
    }

    private void launch() throws IOException {
        // `ip netns exec` enters the namespace and execs ganesha: the process is ganesha itself.
        process = new ProcessBuilder("ip", "netns", "exec", namespace, BINARY.toString(), "-F",
                "-L", work.resolve("ganesha.log").toString(), "-f", work.resolve("ganesha.conf").toString(),
                "-p", work.resolve("ganesha.pid").toString(), "-N", "NIV_EVENT")
                .redirectErrorStream(true).redirectOutput(work.resolve("stdout.log").toFile()).start();
    }

    /** ganesha says nothing to us when it listens: connect until it accepts (or dies). */
    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, PORT), 1000);
                return;
            } catch (ConnectException | NoRouteToHostException | java.net.SocketTimeoutException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("ganesha exited with status " + process.exitValue() + ":\n" + log());
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("ganesha did not listen on " + host + ":" + PORT + " within 60 s:\n" + log());
                }
                Thread.sleep(50);
            }
        }
    }

    public String log() {
        try {
            Path l = work.resolve("ganesha.log");
            return Files.exists(l) ? Files.readString(l, StandardCharsets.UTF_8) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Override
    public void close() throws IOException {
        List<String> problems = new ArrayList<>();
        if (process != null) {
            process.destroy();   // SIGTERM to ganesha, by PID
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            run("ip", "netns", "del", namespace);   // takes the veth pair with it
        } catch (IOException | InterruptedException e) {
            problems.add(e.getMessage());
        }
        try {
            run("ip", "link", "del", hostLink);
        } catch (IOException | InterruptedException e) {
            // gone with the namespace, as expected
        }
        Trees.delete(work);
        if (!problems.isEmpty() && !problems.getFirst().contains("No such file")) {
            throw new IOException("cleaning up ganesha's namespace: " + problems);
        }
    }
}

import io.ninep.client.ClientConfig;
import io.ninep.client.Fid;
import io.ninep.client.Session;
import io.ninep.protocol.LinuxOpenFlags;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * ninep's client writing one file through several 9P servers in turn, a few seconds each,
 * round after round, so that every server meets the same machine noise: writeAll calls of
 * 16 MiB at msize 64 KiB with a window of requests in flight, sequential through the file
 * and round again (the bench's seq family at one point). Prints MiB/s per server and round;
 * the first round is warm-up. Then each server writes a block of its own bytes at its own
 * offset, and the program reads the file itself to check that every block landed: a server
 * that took the bytes and wrote nothing would fail the run, not top it.
 *
 * <p>A single-file program: {@code java -cp ninep.jar WindowedWrites.java PATH SIZE WINDOW
 * ROUNDS SECONDS NAME=ADDRESS!ANAME ...}: PATH is a file on this machine that every server
 * exports under its ANAME with the same name and that may be overwritten, SIZE (bytes, a
 * multiple of 16 MiB) how much of it to cycle through.
 */
public class WindowedWrites {
    private static final int CALL = 16 << 20;
    private static final int MSIZE = 64 * 1024;

    /** One server; {@code offset} is where its next call writes. */
    static final class Target {
        final String name;
        final Session session;
        final Fid file;
        long offset;

        Target(String name, Session session, Fid file) {
            this.name = name;
            this.session = session;
            this.file = file;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: WindowedWrites PATH SIZE WINDOW ROUNDS SECONDS NAME=ADDRESS!ANAME ...");
            System.exit(2);
        }
        Path path = Path.of(args[0]);
        String fileName = path.getFileName().toString();
        long size = Long.parseLong(args[1]);
        int window = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        long nanosEach = (long) (Double.parseDouble(args[4]) * 1e9);
        if (size < CALL || size % CALL != 0) {
            throw new IllegalArgumentException("SIZE " + size + " is not a multiple of " + CALL);
        }
        List<Target> targets = new ArrayList<>();
        for (int i = 5; i < args.length; i++) {
            String name = args[i].substring(0, args[i].indexOf('='));
            String endpoint = args[i].substring(name.length() + 1);
            int bang = endpoint.lastIndexOf('!');
            Session session = Session.connect(endpoint.substring(0, bang),
                    ClientConfig.defaults().withMsize(MSIZE).withIoWindow(window));
            Fid file = session.attach(null, "root", endpoint.substring(bang + 1), 0).walk(fileName);
            file.open(LinuxOpenFlags.O_WRONLY);
            targets.add(new Target(name, session, file));
        }
        ByteBuffer data = Arena.ofShared().allocate(CALL, 4096).asByteBuffer();
        StringBuilder head = new StringBuilder("round");
        targets.forEach(t -> head.append(String.format(Locale.ROOT, "%10s", t.name)));
        System.out.println(head);
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%5d", round));
            for (Target t : targets) {
                line.append(String.format(Locale.ROOT, "%10.1f", mibPerSecond(t, data, size, nanosEach)));
            }
            System.out.println(line);
        }
        checkEachWrites(targets, path);
        for (Target t : targets) {
            t.session.close();
        }
    }

    private static void checkEachWrites(List<Target> targets, Path path) throws Exception {
        int block = 64 * 1024;
        try (FileChannel local = FileChannel.open(path, StandardOpenOption.READ)) {
            for (int i = 0; i < targets.size(); i++) {
                byte mark = (byte) (0x5a + i);
                ByteBuffer bytes = ByteBuffer.allocate(block);
                Arrays.fill(bytes.array(), mark);
                targets.get(i).file.writeAll((long) i * block, bytes);
                ByteBuffer landed = ByteBuffer.allocate(block);
                local.read(landed, (long) i * block);
                for (int j = 0; j < block; j++) {
                    if (landed.get(j) != mark) {
                        throw new IllegalStateException(targets.get(i).name + " answered a write of " + block
                                + " bytes at " + (long) i * block + " but the file has other bytes at " + ((long) i * block + j));
                    }
                }
            }
        }
        System.out.println("each server's write of its own block landed in the file");
    }

    private static double mibPerSecond(Target t, ByteBuffer data, long size, long nanos) throws Exception {
        long start = System.nanoTime();
        long end = start + nanos;
        long bytes = 0;
        while (System.nanoTime() < end) {
            data.clear();
            bytes += t.file.writeAll(t.offset, data);
            t.offset = (t.offset + CALL) % size;
        }
        return bytes / (1024.0 * 1024.0) / ((System.nanoTime() - start) / 1e9);
    }
}

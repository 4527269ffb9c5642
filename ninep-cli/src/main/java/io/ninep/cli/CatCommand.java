package io.ninep.cli;

import io.ninep.cli.files.FileInfo;
import io.ninep.cli.files.Output;
import io.ninep.cli.files.Remote;
import io.ninep.cli.files.RemotePath;
import io.ninep.cli.files.Reporter;
import io.ninep.cli.files.Transfers;
import io.ninep.client.Fid;
import io.ninep.protocol.Errno;
import io.ninep.protocol.LinuxOpenFlags;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ninep cat}: files of the server to standard output, byte for byte. */
@Command(name = "cat",
        description = {
            "Write files of a 9P server to standard output.",
            "Each PATH (through symbolic links, followed by the client) is written byte for byte. A file with a size is read with several reads in"
                + " flight (up to msize - 24 bytes each); a file that reports no size (a synthetic or stream file) is"
                + " read one request at a time and each piece written at once, so 'ninep cat ADDR /events' follows a"
                + " stream until the server ends it or Ctrl-C.",
            FileCommand.EXIT_HELP
        },
        sortOptions = false)
final class CatCommand extends FileCommand {

    @Parameters(index = "1..*", paramLabel = "PATH", description = "files to write out (default: the path of a 9p:// address)")
    List<String> paths = new ArrayList<>();

    @Override
    String name() {
        return "cat";
    }

    @Override
    void run(Remote r, Reporter rep) throws IOException {
        List<RemotePath> operands = paths.isEmpty() ? List.of(r.defaultPath("/")) : paths.stream().map(r::path).toList();
        try (Output out = new Output(System.out)) {
            for (RemotePath p : operands) {
                try (Fid f = r.walkFollowing(p)) {
                    FileInfo info = r.info(f);
                    if (info.isDirectory()) {
                        rep.error(p.shown() + ": " + Errno.EISDIR.text());
                        continue;
                    }
                    f.open(LinuxOpenFlags.O_RDONLY);
                    boolean windowed = info.size() > 0;
                    ByteBuffer buffer = Transfers.bufferFor(f, windowed, false);
                    Transfers.read(f, buffer, windowed, bytes -> {
                        out.write(bytes);
                        if (!windowed) {
                            out.flush();
                        }
                    }, done -> { });
                    out.flush();
                } catch (Transfers.LocalFailure e) {
                    throw e;   // standard output is gone: no point in going on
                } catch (IOException e) {
                    failed(r, rep, p.shown(), e);
                }
            }
        }
    }
}

package io.ninep.cli;

import io.ninep.cli.files.ErrorText;
import io.ninep.cli.files.FileInfo;
import io.ninep.cli.files.Output;
import io.ninep.cli.files.Remote;
import io.ninep.cli.files.RemotePath;
import io.ninep.cli.files.Reporter;
import io.ninep.cli.files.StatFormat;
import io.ninep.client.Fid;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ninep stat}: every attribute the server keeps of a file, in stat(1)'s layout. */
@Command(name = "stat",
        description = {
            "Show all attributes of files on a 9P server, as stat(1) does.",
            "Show every attribute of each PATH the server sends (getattr of all fields in 9P2000.L: qid, mode,"
                + " owner, links, device, size, block size, blocks, access, modify, change and birth times in"
                + " nanoseconds, generation, data version; the stat entry in 9P2000.u and 9P2000), in stat(1)'s"
                + " layout, with the qid where stat(1) shows the device. Fields the server does not send show as"
                + " '-'. Symbolic links are not followed unless -L is given.",
            FileCommand.EXIT_HELP
        },
        sortOptions = false)
final class StatCommand extends FileCommand {

    @Option(names = {"-L", "--dereference"}, description = "describe what a symbolic link points to")
    boolean dereference;

    @Parameters(index = "1..*", paramLabel = "PATH", description = "files to describe (default: the root)")
    List<String> paths = new ArrayList<>();

    @Override
    String name() {
        return "stat";
    }

    @Override
    void run(Remote r, Reporter rep) throws IOException {
        StatFormat format = new StatFormat(ZoneId.systemDefault());
        List<RemotePath> operands = paths.isEmpty() ? List.of(r.defaultPath("/")) : paths.stream().map(r::path).toList();
        try (Output out = new Output(System.out)) {
            for (RemotePath p : operands) {
                FileInfo info;
                try (Fid f = dereference ? r.walkFollowing(p) : r.walk(p)) {
                    info = r.info(f);
                } catch (IOException e) {
                    failed(r, rep, "cannot stat " + ErrorText.quote(p.shown()), e);
                    continue;
                }
                for (String line : format.lines(p.shown(), info)) {
                    out.line(line);
                }
            }
        }
    }
}

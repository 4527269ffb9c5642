package io.ninep.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The ninep command. Each subcommand is a class of its own in this package. */
@Command(name = "ninep",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "The 9P file protocol (9P2000, 9P2000.u, 9P2000.L) for the JVM.",
        subcommands = {
            DecodeCommand.class,
            ProxyCommand.class,
            ProbeCommand.class,
            ServeCommand.class,
            LsCommand.class,
            StatCommand.class,
            CatCommand.class,
            GetCommand.class,
            PutCommand.class,
            MkdirCommand.class,
            RmCommand.class,
            MvCommand.class,
            LnCommand.class,
            TreeCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}

package org.selectorate.cli;

import picocli.CommandLine.Command;

@Command(name = "selectorate", mixinStandardHelpOptions = true,
        description = "Runs and checks a party's candidate selections.",
        subcommands = {
            org.selectorate.cli.stack.UpCommand.class,
            org.selectorate.cli.stack.DownCommand.class,
            org.selectorate.cli.stack.StatusCommand.class,
            org.selectorate.cli.stack.BackupCommand.class,
            org.selectorate.cli.stack.RestoreCommand.class,
            org.selectorate.cli.demo.DemoCommand.class,
            org.selectorate.cli.demo.ExportCommand.class,
            org.selectorate.cli.demo.BenchCommand.class,
            org.selectorate.cli.chaos.ChaosCommand.class,
            org.selectorate.cli.count.CountCommand.class,
            org.selectorate.cli.verify.VerifyCommand.class,
            org.selectorate.cli.certify.ScrutineerKeyCommand.class,
            org.selectorate.cli.certify.CertifyCommand.class,
        })
public final class SelectorateCommand {
}

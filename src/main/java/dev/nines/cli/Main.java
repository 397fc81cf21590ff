package dev.nines.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code nines} command line: one subcommand per file in this package. */
@Command(name = "nines", mixinStandardHelpOptions = true, version = "nines " + Main.VERSION,
    description = "SLOs, error budgets and honest uptime for the platforms you run.",
    subcommands = {ServeCommand.class, DemoCommand.class, AgentCommand.class, UserCommand.class,
        TokenCommand.class,
        ValidateCommand.class, LintCommand.class, BudgetCommand.class, UptimeCommand.class,
        ImportCommand.class, ExportCommand.class, RulesCommand.class, GrafanaCommand.class,
        BackfillCommand.class, NotifyCommand.class, ReportCommand.class, ProposalCommand.class,
        BenchCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  /** The version of this build. */
  public static final String VERSION = "0.1.0";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured picocli command line, shared by {@link #main} and the tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main());
  }

  @Override public void run() {
    spec.commandLine().usage(System.out);
  }
}

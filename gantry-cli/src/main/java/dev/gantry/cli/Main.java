package dev.gantry.cli;

/** Entry point of the {@code gantry} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (for tests). */
  public static int run(String... args) {
    return GantryCommand.commandLine().execute(args);
  }
}

package dev.gantry.cli;

import java.io.PrintWriter;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * There is no {@code --token} option: a token on the command line ends up in shell history and
 * process lists. When someone passes one anyway, the answer says where the token goes instead and
 * never repeats the arguments (picocli's own message would echo the token).
 */
final class TokenArgumentRefusal implements IParameterExceptionHandler {
  static final int EXIT_CODE = 2;

  private final IParameterExceptionHandler next;

  TokenArgumentRefusal(IParameterExceptionHandler next) {
    this.next = next;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) throws Exception {
    if (!tokenArgument(args)) {
      return next.handleParseException(ex, args);
    }
    PrintWriter err = ex.getCommandLine().getErr();
    err.println(
        "error: there is no --token option: a token on the command line leaks into shell history"
            + " and process lists; set GANTRY_TOKEN or use --token-file PATH (or GANTRY_TOKEN_FILE)");
    err.flush();
    return EXIT_CODE;
  }

  static boolean tokenArgument(String[] args) {
    for (String a : args) {
      if (a.equals("--token") || a.startsWith("--token=") || a.equals("--bearer-token")) {
        return true;
      }
      if (a.equals("--")) {
        return false;
      }
    }
    return false;
  }
}

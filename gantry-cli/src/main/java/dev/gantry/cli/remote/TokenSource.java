package dev.gantry.cli.remote;

import dev.gantry.InvalidInputException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the bearer token for {@code --server} comes from: {@code --token-file PATH}, else the
 * environment variable {@code GANTRY_TOKEN}, else the file named by {@code GANTRY_TOKEN_FILE}.
 * Never from the command line's arguments (they end up in shell history and process lists), and
 * never echoed: messages name the file, not its content.
 */
public final class TokenSource {
  public static final String TOKEN_ENV = "GANTRY_TOKEN";
  public static final String TOKEN_FILE_ENV = "GANTRY_TOKEN_FILE";

  private TokenSource() {}

  /** The token, or {@code null} when none is configured (a server without auth). */
  public static String resolve(Path tokenFile, Map<String, String> env) {
    if (tokenFile != null) {
      return read(tokenFile, "--token-file");
    }
    String token = env.get(TOKEN_ENV);
    if (token != null && !token.isBlank()) {
      return check(token.strip(), TOKEN_ENV, "the variable " + TOKEN_ENV);
    }
    String file = env.get(TOKEN_FILE_ENV);
    if (file != null && !file.isBlank()) {
      return read(Path.of(file.strip()), TOKEN_FILE_ENV);
    }
    return null;
  }

  private static String read(Path file, String source) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(
          source, "cannot read the token file " + file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new InvalidInputException(
          source, "cannot read the token file " + file + ": permission denied");
    } catch (IOException e) {
      throw new InvalidInputException(
          source,
          "cannot read the token file "
              + file
              + ": "
              + (Files.isDirectory(file) ? "it is a directory" : e.getClass().getSimpleName()));
    }
    return check(text.strip(), source, "the token file " + file);
  }

  private static String check(String token, String source, String where) {
    if (token.isEmpty()) {
      throw new InvalidInputException(source, where + " is empty; expected one bearer token");
    }
    if (token.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw new InvalidInputException(
          source, where + " holds more than one word; expected one bearer token");
    }
    return token;
  }
}

package dev.gantry.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a YAML or JSON document into plain Java values: {@link LinkedHashMap}, {@link ArrayList},
 * {@link String}, {@link Integer}/{@link Long}/{@link java.math.BigInteger}, {@link BigDecimal} (or
 * {@link Double} for {@code .inf}-like YAML floats), {@link Boolean} and {@code null}.
 *
 * <p>Uses the limits of {@link Json} (size, nesting depth) and adds its own: duplicate keys, YAML
 * aliases ({@code *name}, which Jackson would silently read as the anchor's name and which are the
 * vehicle of "billion laughs" documents) and more than one document are rejected. Every failure is
 * an {@link InvalidInputException} whose message gives the line and column.
 */
public final class Documents {
  /** The syntax of a document. */
  public enum Format {
    JSON,
    YAML;

    /** The format of a file from its extension ({@code .json}, {@code .yaml}, {@code .yml}). */
    public static Format ofFile(Path file) {
      String name = file.getFileName() == null ? "" : file.getFileName().toString();
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".json")) {
        return JSON;
      }
      if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
        return YAML;
      }
      return null;
    }
  }

  private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field '(.*)'");

  private Documents() {}

  /**
   * The document in {@code text} as plain Java values; {@code null} when it is empty (only
   * whitespace or comments).
   *
   * @param subject start of the error message, e.g. {@code invalid pipeline definition}
   */
  public static Object read(String text, Format format, String subject) {
    if (text.length() > Json.MAX_DOCUMENT_CHARS) {
      throw problem(
          subject,
          "the document has "
              + text.length()
              + " characters, more than the limit of "
              + Json.MAX_DOCUMENT_CHARS);
    }
    var mapper = format == Format.JSON ? Json.JSON : Json.YAML;
    try (JsonParser parser = mapper.createParser(text)) {
      // duplicates are reported by TreeBuilder, at the key's own position
      parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      JsonToken first = parser.nextToken();
      if (first == null) {
        return null;
      }
      Object value = new TreeBuilder(parser, format, subject).value(first);
      if (parser.nextToken() != null) {
        throw problem(
            subject,
            format == Format.YAML
                ? "expected a single YAML document, found another one at "
                    + at(parser.currentTokenLocation())
                : "unexpected content after the JSON document at "
                    + at(parser.currentTokenLocation()));
      }
      return value;
    } catch (StreamConstraintsException e) {
      throw problem(
          subject,
          "the document exceeds a safety limit: "
              + e.getOriginalMessage().replaceAll(", from `[^`]*`", ""));
    } catch (JsonProcessingException e) {
      throw syntaxError(subject, format, e);
    } catch (IOException e) {
      throw problem(subject, "cannot read the document: " + e.getMessage());
    } catch (org.yaml.snakeyaml.error.YAMLException e) {
      // SnakeYAML reports some limits (code points) with its own unchecked exception
      throw problem(subject, format + " document rejected: " + firstLine(e.getMessage()));
    }
  }

  /** The document in {@code file} (UTF-8, at most {@link Json#MAX_DOCUMENT_CHARS} bytes). */
  public static Object readFile(Path file, Format format, String subject) {
    String text;
    try {
      long size = Files.size(file);
      if (size > Json.MAX_DOCUMENT_CHARS) {
        throw problem(
            subject,
            "the file has " + size + " bytes, more than the limit of " + Json.MAX_DOCUMENT_CHARS);
      }
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (NoSuchFileException e) {
      throw problem(subject, "the file does not exist");
    } catch (CharacterCodingException e) {
      throw problem(subject, "the file is not valid UTF-8 text");
    } catch (IOException e) {
      throw problem(subject, "cannot read the file: " + e);
    }
    return read(text, format, subject);
  }

  /** True when {@code e} reports that a document is not valid JSON or YAML at all. */
  public static boolean isSyntaxError(InvalidInputException e) {
    return e.problems().size() == 1 && e.problems().get(0).message().contains(" syntax error");
  }

  private static InvalidInputException syntaxError(
      String subject, Format format, JsonProcessingException e) {
    // Jackson wraps SnakeYAML's MarkedYAMLException; its problem text is the useful part.
    Throwable cause = e.getCause();
    if (cause instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked
        && marked.getProblemMark() != null) {
      String context =
          marked.getContext() != null && marked.getContextMark() != null
              ? " (" + marked.getContext() + " started at " + at(marked.getContextMark()) + ")"
              : "";
      return new InvalidInputException(
          subject,
          List.of(
              new Problem(
                  null,
                  "YAML syntax error at "
                      + at(marked.getProblemMark())
                      + ": "
                      + marked.getProblem()
                      + context)));
    }
    String message = firstLine(e.getOriginalMessage());
    var duplicate = DUPLICATE_FIELD.matcher(message);
    if (duplicate.matches() && e.getLocation() != null) {
      return problem(
          subject, "duplicate key '" + duplicate.group(1) + "' at " + at(e.getLocation()));
    }
    return error(subject, format, e.getLocation(), message);
  }

  private static String at(org.yaml.snakeyaml.error.Mark mark) {
    return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }

  private static InvalidInputException error(
      String subject, Format format, JsonLocation location, String message) {
    String where = location == null || location.getLineNr() < 0 ? "" : " at " + at(location);
    return problem(subject, format + " syntax error" + where + ": " + message);
  }

  private static InvalidInputException problem(String subject, String message) {
    return new InvalidInputException(subject, List.of(new Problem(null, message)));
  }

  private static String at(JsonLocation location) {
    return "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).trim();
  }

  /** Builds plain Java values from the parser's tokens, checking what Jackson does not. */
  private static final class TreeBuilder {
    private final JsonParser parser;
    private final Format format;
    private final String subject;

    TreeBuilder(JsonParser parser, Format format, String subject) {
      this.parser = parser;
      this.format = format;
      this.subject = subject;
    }

    Object value(JsonToken token) throws IOException {
      if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
        throw problem(
            subject,
            "YAML alias '*"
                + parser.getText()
                + "' at "
                + at(parser.currentTokenLocation())
                + " is not supported; write the value out in full");
      }
      return switch (token) {
        case START_OBJECT -> object();
        case START_ARRAY -> array();
        case VALUE_STRING -> parser.getText();
        case VALUE_NUMBER_INT -> parser.getNumberValue();
        case VALUE_NUMBER_FLOAT -> decimal();
        case VALUE_TRUE -> Boolean.TRUE;
        case VALUE_FALSE -> Boolean.FALSE;
        case VALUE_NULL -> null;
        default -> parser.getText();
      };
    }

    /** A float as written ({@code 1.10} stays {@code 1.10}), so it can be used as text. */
    private Object decimal() throws IOException {
      try {
        return new BigDecimal(parser.getText().trim().replace("_", ""));
      } catch (NumberFormatException e) {
        return parser.getDoubleValue();
      }
    }

    private Map<String, Object> object() throws IOException {
      Map<String, Object> map = new LinkedHashMap<>();
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        JsonLocation keyLocation = parser.currentTokenLocation();
        if (map.containsKey(key)) {
          throw problem(subject, "duplicate key '" + key + "' at " + at(keyLocation));
        }
        map.put(key, value(parser.nextToken()));
      }
      if (token != JsonToken.END_OBJECT) {
        throw error(subject, format, parser.currentLocation(), "unexpected " + token);
      }
      return map;
    }

    private List<Object> array() throws IOException {
      List<Object> list = new ArrayList<>();
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token == null) {
          throw error(subject, format, parser.currentLocation(), "unexpected end of the document");
        }
        list.add(value(token));
      }
      return list;
    }
  }
}

package dev.gantry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.internal.Json;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints listings as an aligned table or as JSON ({@code --output json}). */
final class Output {
  enum Format {
    TABLE,
    JSON
  }

  private static final int MAX_CELL = 60;
  private final Format format;
  private final PrintStream out;

  Output(Format format, PrintStream out) {
    this.format = format;
    this.out = out;
  }

  boolean json() {
    return format == Format.JSON;
  }

  /** Prints {@code value} as JSON, or {@code rows} under {@code headers} as a table. */
  void print(Object value, List<String> headers, List<List<Object>> rows) {
    if (json()) {
      printJson(value);
    } else {
      out.print(table(headers, rows));
    }
  }

  void printJson(Object value) {
    try {
      out.println(Json.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Prints {@code value} as JSON on one line (a stream of JSON lines). */
  void printJsonLine(Object value) {
    try {
      out.println(Json.JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String table(List<String> headers, List<List<Object>> rows) {
    List<List<String>> cells = new ArrayList<>();
    for (List<Object> row : rows) {
      cells.add(row.stream().map(Output::cell).toList());
    }
    int[] widths = new int[headers.size()];
    for (int i = 0; i < headers.size(); i++) {
      widths[i] = headers.get(i).length();
      for (List<String> row : cells) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, headers, widths);
    List<String> rule = new ArrayList<>();
    for (int w : widths) {
      rule.add("-".repeat(w));
    }
    line(sb, rule, widths);
    cells.forEach(row -> line(sb, row, widths));
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> values, int[] widths) {
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      sb.append(v);
      if (i < values.size() - 1) {
        sb.append(" ".repeat(widths[i] - v.length() + 2));
      }
    }
    sb.append('\n');
  }

  private static String cell(Object value) {
    String s = value == null ? "-" : String.valueOf(value).replaceAll("\\s+", " ").strip();
    return s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 1) + "…" : s;
  }
}

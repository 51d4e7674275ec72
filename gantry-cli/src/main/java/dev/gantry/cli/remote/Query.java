package dev.gantry.cli.remote;

/** A query string from name/value pairs; {@code null} values are left out. */
final class Query {
  private Query() {}

  /** {@code ?a=1&b=2}, or {@code ""} when every value is {@code null}. */
  static String of(String... namesAndValues) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      String value = namesAndValues[i + 1];
      if (value != null) {
        sb.append(sb.isEmpty() ? '?' : '&')
            .append(namesAndValues[i])
            .append('=')
            .append(GantryClient.enc(value));
      }
    }
    return sb.toString();
  }
}

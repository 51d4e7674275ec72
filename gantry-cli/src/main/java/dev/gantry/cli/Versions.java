package dev.gantry.cli;

import picocli.CommandLine;

final class Versions implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Versions.class.getPackage().getImplementationVersion();
    return new String[] {"gantry " + (v == null ? "development build" : v)};
  }
}

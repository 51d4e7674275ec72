package dev.gantry.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
  private final List<String> lines = new ArrayList<>();
  private final LineSplitter splitter = new LineSplitter(lines::add);

  @Test
  void joinsLinesCutAcrossChunksAndSplitsChunksHoldingSeveral() {
    splitter.accept("hel");
    splitter.accept("lo\nwor");
    assertThat(lines).containsExactly("hello");
    splitter.accept("ld\r\n\nlast");
    assertThat(lines).containsExactly("hello", "world", "");
    splitter.flush();
    assertThat(lines).containsExactly("hello", "world", "", "last");
    splitter.flush();
    assertThat(lines).hasSize(4);
  }
}

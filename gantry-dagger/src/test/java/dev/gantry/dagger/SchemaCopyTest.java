package dev.gantry.dagger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The schema the tests validate against is the project's reference copy of Dagger's published
 * schema, unchanged, whenever the reference ({@code ../shared/reference/dagger/schema.graphqls},
 * beside the checkout) is there.
 */
class SchemaCopyTest {
  @Test
  void theTestCopyIsIdenticalToTheReference() throws IOException {
    Path moduleDir = Path.of("").toAbsolutePath();
    Path projectRoot = moduleDir.getParent();
    Path reference = projectRoot.resolve("../shared/reference/dagger/schema.graphqls").normalize();
    assumeTrue(
        Files.isRegularFile(reference),
        "no reference schema at " + reference + "; the test copy is used as it is");

    assertThat(DaggerSchema.text())
        .as("src/test/resources/dagger/schema.graphqls equals %s", reference)
        .isEqualTo(Files.readString(reference, StandardCharsets.UTF_8));
  }

  @Test
  void theCopyIsDaggersSchema() {
    assertThat(DaggerSchema.schema().getQueryType().getFieldDefinition("container")).isNotNull();
    assertThat(DaggerSchema.schema().getObjectType("Container").getFieldDefinition("withExec"))
        .isNotNull();
  }
}

package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.pipeline.template.PipelineTemplate;
import dev.gantry.pipeline.template.TemplateCatalog;
import dev.gantry.pipeline.template.TemplateParameter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in templates load, and each runs on busybox unless told otherwise. */
class BuiltinTemplatesTest {
  /** The repository's built-in templates. */
  static final Path TEMPLATES =
      Path.of("..", "templates", "pipelines").toAbsolutePath().normalize();

  static final List<String> IDS =
      List.of("build-and-test", "data-processing", "fan-out-fan-in", "script", "shell");

  private final TemplateCatalog catalog = TemplateCatalog.load(TEMPLATES);

  @Test
  void theFiveBuiltInsLoadWithoutProblems() {
    assertThat(catalog.problems()).isEmpty();
    assertThat(TemplateCatalog.validate(TEMPLATES)).isEmpty();
    assertThat(catalog.list(null)).extracting(PipelineTemplate::id).containsExactlyElementsOf(IDS);
    assertThat(catalog.list(null)).allMatch(t -> t.format().equals("gantry"));
    assertThat(catalog.categories()).containsExactly("build", "data", "general", "parallel");
  }

  @Test
  void everyStepRunsInTheImageParameterWhichDefaultsToBusybox() {
    for (PipelineTemplate t : catalog.list(null)) {
      TemplateParameter image =
          t.parameters().stream().filter(p -> p.name().equals("image")).findFirst().orElseThrow();
      assertThat(image.defaultValue()).as(t.id()).isEqualTo("busybox:latest");
      assertThat(t.steps()).as(t.id()).allMatch(s -> "${image}".equals(s.get("image")));
      assertThat(t.description()).as(t.id()).isNotBlank();
      assertThat(t.parameters()).as(t.id()).allMatch(p -> !p.description().isBlank());
    }
  }

  @Test
  void dataProcessingOffersTheFourProcessingTypes() {
    TemplateParameter type =
        catalog.get("data-processing").parameters().stream()
            .filter(p -> p.name().equals("processing_type"))
            .findFirst()
            .orElseThrow();
    assertThat(type.allowed()).containsExactly("filter", "transform", "aggregate", "analyze");
  }
}

package dev.gantry.pipeline.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.gantry.InvalidInputException;
import dev.gantry.internal.Documents;
import dev.gantry.internal.Json;
import dev.gantry.pipeline.PipelineParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/template-schema.json describes what TemplateReader accepts in the Gantry format. */
class TemplateSchemaTest {
  static final Path SCHEMA = Path.of("..", "docs", "template-schema.json");
  static JsonNode schemaNode;
  static JsonSchema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    schemaNode = Json.JSON.readTree(Files.readString(SCHEMA));
    schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
  }

  static Stream<Path> validTemplates() throws IOException, URISyntaxException {
    Path dir = Path.of(TemplateSchemaTest.class.getResource("/templates/gantry").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList().stream();
    }
  }

  private static Set<ValidationMessage> validate(Object tree) {
    return schema.validate(Json.JSON.valueToTree(tree));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validTemplates")
  void validTemplatesAreAcceptedByTheSchemaAndTheReader(Path file) {
    Object tree = Documents.readFile(file, Documents.Format.ofFile(file), "test");
    assertThat(validate(tree)).isEmpty();
    PipelineTemplate template = TemplateReader.read(file);
    assertThat(template.format()).isEqualTo("gantry");
  }

  @Test
  void theSchemaNamesEveryKeyTheReaderAccepts() {
    assertThat(schemaNode.get("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(names(schemaNode.get("properties")))
        .containsExactlyElementsOf(TemplateReader.GANTRY_KEYS);
    assertThat(names(schemaNode.at("/$defs/parameter/properties")))
        .containsExactlyElementsOf(ParameterReader.KEYS);
    assertThat(names(schemaNode.at("/$defs/output/properties")))
        .containsExactlyElementsOf(TemplateOutputs.KEYS);
    assertThat(names(schemaNode.at("/$defs/step/properties")))
        .containsExactlyInAnyOrderElementsOf(PipelineParser.STEP_KEYS);
    List<String> types = new ArrayList<>();
    schemaNode.at("/$defs/parameter/properties/type/enum").forEach(t -> types.add(t.asText()));
    assertThat(types)
        .containsExactlyElementsOf(
            Stream.of(ParameterType.values()).map(ParameterType::wireName).toList());
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static Stream<String> invalidTemplates() {
    String steps = "steps: [{name: s, command: [ok]}]\n";
    return Stream.of(
        "name: No id\n" + steps,
        "id: Upper\nname: U\n" + steps,
        "id: t\nname: T\nsteps: []\n",
        "id: t\nname: T\nstep: []\n" + steps,
        "id: t\nname: T\nversion: one\n" + steps,
        "id: t\nname: T\nparameters: {p: {type: strng}}\n" + steps,
        "id: t\nname: T\nparameters: {p: {type: integer, required: true, default: 1}}\n" + steps,
        "id: t\nname: T\nparameters: {p: {type: integer}}\n" + steps,
        "id: t\nname: T\nparameters: {p: {type: enum, default: a}}\n" + steps,
        "id: t\nname: T\nparameters: {task: {type: string}}\n" + steps,
        "id: t\nname: T\nsteps: [{name: s}]\n",
        "id: t\nname: T\nsteps: [{name: s, command: [ok], imag: x}]\n",
        "id: t\nname: T\nsteps: [{name: s, command: [ok], env: {GANTRY_PARAM_X: y}}]\n",
        "id: t\nname: T\n" + steps + "outputs: {o: {value: '${steps.s.stdout}'}}\n");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidTemplates")
  void invalidTemplatesAreRejectedByTheSchemaAndTheReader(String yaml) {
    Object tree = Documents.read(yaml, Documents.Format.YAML, "test");
    assertThat(validate(tree)).isNotEmpty();
    assertThatThrownBy(() -> TemplateReader.read(tree, null))
        .isInstanceOf(InvalidInputException.class);
  }
}

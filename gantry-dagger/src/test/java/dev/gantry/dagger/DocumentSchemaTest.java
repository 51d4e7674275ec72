package dev.gantry.dagger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.config.RegistryCredentials;
import dev.gantry.runtime.StepRequest;
import dev.gantry.testkit.StepRequestBuilder;
import graphql.language.Argument;
import graphql.language.EnumValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every document the Dagger runtime generates, for many step shapes, validates against Dagger's
 * published API schema, its variables coerce to their declared types, and no value is spliced into
 * the document's text.
 */
class DocumentSchemaTest {
  private static final Path INPUTS = Path.of("/tmp/gantry-dagger-test/inputs");
  private static final Path EXPORTS = Path.of("/tmp/gantry-dagger-test/outputs");
  private static final String IMAGE_REF =
      "docker.io/library/busybox:latest@sha256:"
          + "0000000000000000000000000000000000000000000000000000000000000000";

  static Stream<Arguments> shapes() {
    Map<String, StepRequestBuilder> shapes = new LinkedHashMap<>();
    shapes.put("argv", step().argv("echo", "hello world"));
    shapes.put("shell string", step().shell("echo \"$HOME\" | tr a-z A-Z; exit 3"));
    shapes.put("no outputs, one env", step().argv("true").env("GREETING", "hi there"));
    shapes.put("many env", withEnv(step().argv("env"), 40));
    shapes.put("empty env value", step().argv("env").env("EMPTY", ""));
    shapes.put(
        "env with quotes and expansions",
        step().argv("env").env("TRICKY", "\"quoted\" ${HOME} $(id) `x` \\n } {"));
    shapes.put("one secret", step().argv("env").env("TOKEN", "s3cret").redactions("s3cret"));
    shapes.put(
        "secrets and env",
        step()
            .argv("env")
            .env("A", "plain")
            .env("TOKEN", "s3cret")
            .env("PASSWORD", "hunter2")
            .redactions("s3cret", "hunter2"));
    shapes.put("one input archive", step().argv("ls").inputs(Path.of("/tmp/a.tar")));
    shapes.put(
        "many input archives",
        step().argv("ls").inputs(Path.of("/tmp/a.tar"), Path.of("/tmp/b.tar"), Path.of("/c.tar")));
    shapes.put("one output", step().argv("true").outputs("/work/out"));
    shapes.put(
        "many outputs",
        step()
            .argv("true")
            .outputs(
                "/work/out", "/work/report.txt", "/a/b/c/d", "/tmp/x.json", "/result", "/w/o/"));
    shapes.put("output with glob characters", step().argv("true").outputs("/work/[a]*?.txt"));
    shapes.put("workdir", step().argv("pwd").workdir("/tmp/work dir"));
    shapes.put("user", step().argv("id").user("65534"));
    shapes.put("user name and group", step().argv("id").user("nobody:nogroup"));
    shapes.put("workdir and user", step().argv("id").workdir("/w").user("1000:1000"));
    shapes.put(
        "docker hub credentials",
        step().argv("true").registry("docker.io", new RegistryCredentials("alice", "pw")));
    shapes.put(
        "credentials of the image's own registry",
        step()
            .image("registry.example:5000/team/app:1.2")
            .argv("true")
            .registry(null, new RegistryCredentials("bob", "pw2")));
    shapes.put(
        "credentials for another registry (not sent)",
        step()
            .image("ghcr.io/x/y:1")
            .argv("true")
            .registry("registry.example", new RegistryCredentials("carol", "pw3")));
    shapes.put(
        "unicode and shell metacharacters in argv",
        step().argv("echo", "two  spaces", "$(id -u)", "a;b", "'q'", "*", "ünïcødé", "\n"));
    shapes.put(
        "long argv",
        step().argv(IntStream.range(0, 200).mapToObj(i -> "arg" + i).toArray(String[]::new)));
    shapes.put(
        "everything",
        step()
            .image("registry.example/app@sha256:" + "a".repeat(64))
            .shell("cat /in/x > /work/out/y")
            .env("A", "1")
            .env("B", "two")
            .env("TOKEN", "tok-1")
            .redactions("tok-1", "regpw")
            .registry("registry.example", new RegistryCredentials("dave", "regpw"))
            .inputs(Path.of("/tmp/in.tar"))
            .workdir("/work")
            .user("1000")
            .outputs("/work/out", "/work/log.txt"));
    return shapes.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue().build()));
  }

  private static StepRequestBuilder step() {
    return StepRequestBuilder.step("shape").image("busybox:latest");
  }

  private static StepRequestBuilder withEnv(StepRequestBuilder builder, int count) {
    for (int i = 0; i < count; i++) {
      builder.env("VAR_" + i, "value " + i);
    }
    return builder;
  }

  @Test
  void thereAreAtLeastTwentyShapes() {
    assertThat(shapes().count()).isGreaterThanOrEqualTo(20);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void everyDocumentOfTheShapeValidatesAgainstTheSchema(String shape, StepRequest request) {
    StepPlan plan =
        StepPlan.of(request, request.inputArchives().isEmpty() ? null : INPUTS, EXPORTS);
    List<GraphQLRequest> documents = documents(plan);

    for (GraphQLRequest document : documents) {
      assertThat(DaggerSchema.problems(document)).as("%s: %s", shape, document.query()).isEmpty();
      assertThat(document.query())
          .as("%s: values travel as variables, never in the text", shape)
          .doesNotContain("\"");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void secretValuesOnlyTravelToSetSecret(String shape, StepRequest request) {
    StepPlan plan =
        StepPlan.of(request, request.inputArchives().isEmpty() ? null : INPUTS, EXPORTS);
    GraphQLRequest run = StepDocuments.run(plan, ids(plan), IMAGE_REF);

    for (String secret : request.redactions()) {
      assertThat(run.variables().values()).doesNotContain(secret);
      assertThat(run.toString()).doesNotContain(secret);
    }
    if (!request.redactions().isEmpty()) {
      assertThat(StepDocuments.prepare(plan).variables().values())
          .containsAnyElementsOf(request.redactions());
    }
  }

  @Test
  void thePingValidates() {
    assertThat(DaggerSchema.problems(StepDocuments.ping())).isEmpty();
  }

  @Test
  void theRunDocumentHasTheStepsPipelineInOrder() {
    StepRequest request =
        step()
            .argv("sh", "-c", "true")
            .env("A", "1")
            .env("TOKEN", "t")
            .redactions("t")
            .inputs(Path.of("/x.tar"))
            .workdir("/w")
            .user("1")
            .outputs("/w/o")
            .build();
    StepPlan plan = StepPlan.of(request, INPUTS, EXPORTS);

    String query = StepDocuments.run(plan, ids(plan), IMAGE_REF).query();

    assertThat(query)
        .containsSubsequence(
            "container",
            "from(address:",
            "withEnvVariable(",
            "withSecretVariable(",
            "withDirectory(",
            "withWorkdir(",
            "withUser(",
            "withExec(",
            "expect: ANY",
            "exitCode",
            "stdout",
            "stderr",
            "output0: directory(",
            "filter(",
            "export(");
  }

  @Test
  void aDocumentTheSchemaDoesNotKnowFailsValidation() {
    Operation op = new Operation("Wrong");
    op.select(
        new Chain()
            .then("container")
            .then("from", op.arg("address", "String!", "busybox"))
            .then(
                "withExec",
                op.arg("args", "[String!]!", List.of("true")),
                new Argument("expect", new EnumValue("SOMETIMES")))
            .select(Operation.leaf("exitCode")));
    Operation wrongType = new Operation("WrongType");
    wrongType.select(
        new Chain()
            .then("container")
            .then("from", wrongType.arg("address", "Int!", 3))
            .select(Operation.leaf("imageRef")));
    Operation wrongValue = new Operation("WrongValue");
    wrongValue.select(
        new Chain()
            .then("container")
            .then("from", wrongValue.arg("address", "String!", "busybox"))
            .then("withExec", wrongValue.arg("args", "[String!]!", List.of(List.of("nested"))))
            .select(Operation.leaf("exitCode")));

    assertThat(DaggerSchema.problems(op.build())).isNotEmpty();
    assertThat(DaggerSchema.problems(wrongType.build())).isNotEmpty();
    assertThat(DaggerSchema.problems(wrongValue.build())).isNotEmpty();
  }

  static List<GraphQLRequest> documents(StepPlan plan) {
    List<GraphQLRequest> documents = new ArrayList<>();
    if (StepDocuments.needsPrepare(plan)) {
      documents.add(StepDocuments.prepare(plan));
    }
    StepDocuments.Prepared ids = ids(plan);
    if (plan.registryAuth() != null) {
      documents.add(StepDocuments.registrySecret(plan.registryAuth()));
    }
    documents.add(StepDocuments.resolve(plan.image(), plan.registryAuth(), ids.registrySecretId()));
    documents.add(StepDocuments.run(plan, ids, IMAGE_REF));
    return documents;
  }

  static StepDocuments.Prepared ids(StepPlan plan) {
    Map<String, String> secrets = new LinkedHashMap<>();
    int i = 0;
    for (String name : plan.secretEnv().keySet()) {
      secrets.put(name, "secret-id-" + i++);
    }
    return new StepDocuments.Prepared(
        secrets,
        plan.registryAuth() == null ? null : "registry-secret-id",
        plan.inputDirectory() == null ? null : "directory-id");
  }
}

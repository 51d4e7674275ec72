package dev.gantry.dagger;

import static dev.gantry.dagger.Operation.field;
import static dev.gantry.dagger.Operation.leaf;

import graphql.language.Argument;
import graphql.language.EnumValue;
import graphql.language.Selection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GraphQL documents the Dagger runtime sends, built from a {@link StepPlan}. A step takes up to
 * three: {@link #prepare} (secrets and the host directory of the inputs, for their ids), {@link
 * #resolve} (pins the image: {@code imageRef}) and {@link #run} (the container pipeline ending in
 * {@code withExec(args, expect: ANY)} with its exit code, output and exports). Every value is a
 * variable; each document is validated against Dagger's published schema in the tests.
 */
final class StepDocuments {
  /** Response alias of the input directory's id in {@link #prepare}. */
  static final String INPUT = "input";

  /** Response alias of the registry password's secret id in {@link #prepare}. */
  static final String REGISTRY = "registry";

  /** Operation names (they show up in the engine's logs and traces). */
  static final String PREPARE = "GantryPrepare";

  static final String RESOLVE = "GantryResolveImage";
  static final String RUN = "GantryRunStep";
  static final String PING = "GantryPing";

  private StepDocuments() {}

  /** The ids {@link #prepare} returned. */
  record Prepared(Map<String, String> secretIds, String registrySecretId, String inputId) {
    Prepared {
      secretIds = Map.copyOf(secretIds);
    }

    static final Prepared NONE = new Prepared(Map.of(), null, null);
  }

  /** Response alias of the secret of env var number {@code i} in {@link #prepare}. */
  static String secretAlias(int i) {
    return "secret" + i;
  }

  /** Response alias of output number {@code i} in {@link #run}. */
  static String outputAlias(int i) {
    return "output" + i;
  }

  /** True when the plan needs ids before it can run (secrets, a registry login, inputs). */
  static boolean needsPrepare(StepPlan plan) {
    return !plan.secretEnv().isEmpty()
        || plan.registryAuth() != null
        || plan.inputDirectory() != null;
  }

  /**
   * {@code setSecret(name, plaintext) { id }} for each secret env var and the registry password,
   * {@code host { directory(path) { id } }} for the inputs.
   */
  static GraphQLRequest prepare(StepPlan plan) {
    Operation op = new Operation(PREPARE);
    int i = 0;
    for (Map.Entry<String, String> secret : plan.secretEnv().entrySet()) {
      op.select(
          Operation.aliased(
              secretAlias(i++),
              "setSecret",
              List.of(
                  op.arg("name", "String!", secretName(plan, secret.getKey())),
                  op.arg("plaintext", "String!", secret.getValue())),
              leaf("id")));
    }
    if (plan.registryAuth() != null) {
      op.select(
          Operation.aliased(
              REGISTRY,
              "setSecret",
              List.of(
                  op.arg("name", "String!", secretName(plan, "registry-password")),
                  op.arg("plaintext", "String!", plan.registryAuth().password())),
              leaf("id")));
    }
    if (plan.inputDirectory() != null) {
      op.select(
          Operation.aliased(
              INPUT,
              "host",
              List.of(),
              field(
                  "directory",
                  List.of(op.arg("path", "String!", plan.inputDirectory().toString())),
                  leaf("id"))));
    }
    return op.build();
  }

  /** {@code version}: the cheapest question a session answers. */
  static GraphQLRequest ping() {
    return new Operation(PING).select(leaf("version")).build();
  }

  /** {@code setSecret(name, plaintext) { id }} for a registry password alone. */
  static GraphQLRequest registrySecret(StepPlan.RegistryAuth auth) {
    Operation op = new Operation(PREPARE);
    op.select(
        Operation.aliased(
            REGISTRY,
            "setSecret",
            List.of(
                op.arg("name", "String!", "gantry/registry/" + auth.username()),
                op.arg("plaintext", "String!", auth.password())),
            leaf("id")));
    return op.build();
  }

  /** The name a step's secret gets on the engine (the value is never in it). */
  static String secretName(StepPlan plan, String variable) {
    return "gantry/" + plan.stepName() + "/" + variable;
  }

  /**
   * {@code container { withRegistryAuth(…)? { from(address: image) { imageRef } } }}: makes the
   * engine resolve the image (pulling its manifest) and returns the digest-pinned reference.
   *
   * @param registrySecretId the secret id of the login's password, or null without a login
   */
  static GraphQLRequest resolve(String image, StepPlan.RegistryAuth auth, String registrySecretId) {
    Operation op = new Operation(RESOLVE);
    Chain chain = new Chain().then("container");
    registryAuth(op, chain, auth, registrySecretId);
    chain.then("from", op.arg("address", "String!", image));
    return op.select(chain.select(leaf("imageRef"))).build();
  }

  /**
   * The step: {@code container → withRegistryAuth? → from(imageRef) → withEnvVariable* →
   * withSecretVariable* → withDirectory("/", inputs)? → withWorkdir? → withUser? → withExec(argv,
   * expect: ANY)}, selecting {@code exitCode}, {@code stdout}, {@code stderr} and, per output,
   * {@code directory("/") { filter(include) { export(path) } }}.
   */
  static GraphQLRequest run(StepPlan plan, Prepared ids, String imageRef) {
    Operation op = new Operation(RUN);
    Chain chain = new Chain().then("container");
    registryAuth(op, chain, plan.registryAuth(), ids.registrySecretId());
    chain.then("from", op.arg("address", "String!", imageRef));
    for (Map.Entry<String, String> env : plan.plainEnv().entrySet()) {
      chain.then(
          "withEnvVariable",
          op.arg("name", "String!", env.getKey()),
          op.arg("value", "String!", env.getValue()));
    }
    for (String name : plan.secretEnv().keySet()) {
      String id = ids.secretIds().get(name);
      if (id == null) {
        throw new IllegalStateException("no secret id for env var " + name);
      }
      chain.then(
          "withSecretVariable", op.arg("name", "String!", name), op.arg("secret", "ID!", id));
    }
    if (plan.inputDirectory() != null) {
      if (ids.inputId() == null) {
        throw new IllegalStateException("no directory id for the inputs");
      }
      chain.then(
          "withDirectory",
          op.arg("path", "String!", "/"),
          op.arg("source", "ID!", ids.inputId()),
          op.arg("owner", "String!", "0:0"));
    }
    if (plan.workdir() != null) {
      chain.then("withWorkdir", op.arg("path", "String!", plan.workdir()));
    }
    if (plan.user() != null) {
      chain.then("withUser", op.arg("name", "String!", plan.user()));
    }
    chain.then(
        "withExec",
        op.arg("args", "[String!]!", plan.argv()),
        new Argument("expect", new EnumValue("ANY")));
    List<Selection<?>> selections = new ArrayList<>();
    selections.add(leaf("exitCode"));
    selections.add(leaf("stdout"));
    selections.add(leaf("stderr"));
    for (int i = 0; i < plan.outputs().size(); i++) {
      StepPlan.OutputExport output = plan.outputs().get(i);
      selections.add(
          Operation.aliased(
              outputAlias(i),
              "directory",
              List.of(op.arg("path", "String!", "/")),
              field(
                  "filter",
                  List.of(op.arg("include", "[String!]!", List.of(output.include()))),
                  field(
                      "export",
                      List.of(op.arg("path", "String!", output.exportDirectory().toString()))))));
    }
    return op.select(chain.select(selections.toArray(new Selection<?>[0]))).build();
  }

  /** Secret ids by env var name, from the response to {@link #prepare}. */
  static Map<String, String> secretIds(StepPlan plan, GraphQLResponse response) {
    Map<String, String> ids = new LinkedHashMap<>();
    int i = 0;
    for (String name : plan.secretEnv().keySet()) {
      ids.put(name, requiredId(response, secretAlias(i++), "secret for env var " + name));
    }
    return ids;
  }

  static String requiredId(GraphQLResponse response, String alias, String what) {
    var node = response.data().path(alias);
    if (alias.equals(INPUT)) {
      node = node.path("directory");
    }
    String id = node.path("id").asText(null);
    if (id == null || id.isEmpty()) {
      throw new IllegalStateException("the engine returned no id for the " + what);
    }
    return id;
  }

  private static void registryAuth(
      Operation op, Chain chain, StepPlan.RegistryAuth auth, String secretId) {
    if (auth == null) {
      return;
    }
    if (secretId == null) {
      throw new IllegalStateException("no secret id for the registry password");
    }
    chain.then(
        "withRegistryAuth",
        op.arg("address", "String!", auth.address()),
        op.arg("username", "String!", auth.username()),
        op.arg("secret", "ID!", secretId));
  }
}

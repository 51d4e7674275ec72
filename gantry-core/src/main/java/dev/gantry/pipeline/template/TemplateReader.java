package dev.gantry.pipeline.template;

import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.DidYouMean;
import dev.gantry.internal.Documents;
import dev.gantry.internal.Documents.Format;
import dev.gantry.internal.Fields;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Reads one template file (YAML or JSON) in any of the three accepted formats into a {@link
 * PipelineTemplate}, checking everything that can be checked before parameters are known: the
 * fields, the parameters and their defaults, the steps (as a custom pipeline, see {@link
 * dev.gantry.pipeline.PipelineParser}), every placeholder and the outputs. All problems of a file
 * are reported at once, each with its path in the file.
 *
 * <ul>
 *   <li>{@code gantry} (has {@code id}): Gantry's own format, see {@code
 *       docs/template-schema.json}.
 *   <li>{@code seed} (has {@code template_id}): the seed converter's format, with the steps in
 *       {@code template_content}.
 *   <li>{@code metadata} (has a {@code metadata} object): steps with a {@code container} each; the
 *       id is {@code metadata.id} or the file name without its extension.
 * </ul>
 */
public final class TemplateReader {
  /** The start of the message of every error about a template file. */
  public static final String SUBJECT = "invalid pipeline template";

  /** The top-level keys of the Gantry format. */
  public static final List<String> GANTRY_KEYS =
      List.of(
          "id",
          "name",
          "description",
          "category",
          "version",
          "tags",
          "parameters",
          "steps",
          "outputs");

  static final List<String> SEED_KEYS =
      List.of(
          "template_id",
          "name",
          "description",
          "category",
          "version",
          "tags",
          "parameters",
          "template_content",
          "created_at",
          "updated_at");

  static final List<String> METADATA_KEYS = List.of("metadata", "parameters", "steps", "outputs");
  static final List<String> METADATA_FIELDS =
      List.of("id", "name", "description", "version", "category", "tags");

  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)*([-+][0-9A-Za-z.+-]+)?");

  private TemplateReader() {}

  /** Reads a {@code .yaml}, {@code .yml} or {@code .json} file; errors name the file. */
  public static PipelineTemplate read(Path file) {
    String subject = SUBJECT + " " + file;
    Format format = Format.ofFile(file);
    if (format == null) {
      throw new InvalidInputException(
          subject, List.of(new Problem(null, "expected a file ending in .yaml, .yml or .json")));
    }
    return read(Documents.readFile(file, format, subject), file, subject);
  }

  /**
   * Reads a template from its tree (maps, lists and scalars as read from YAML or JSON).
   *
   * @param source the file it came from, for the default id of the metadata format; may be null
   */
  public static PipelineTemplate read(Object tree, Path source) {
    return read(tree, source, source == null ? SUBJECT : SUBJECT + " " + source);
  }

  private static PipelineTemplate read(Object tree, Path source, String subject) {
    if (!(tree instanceof Map<?, ?> map)) {
      String got = tree == null ? "an empty document" : Fields.describe(tree);
      throw new InvalidInputException(
          subject, List.of(new Problem(null, "expected an object (a template), got " + got)));
    }
    List<Problem> problems = new ArrayList<>();
    Fields f = new Fields(map, "", problems);
    PipelineTemplate template;
    if (f.raw("template_id") != null) {
      template = seed(f, source);
    } else if (f.raw("metadata") instanceof Map<?, ?>) {
      template = metadata(f, source);
    } else if (f.raw("id") != null) {
      template = gantry(f, source);
    } else {
      problems.add(
          new Problem(
              null,
              "cannot tell the template's format: expected 'id' (Gantry format), 'template_id'"
                  + " (seed format) or a 'metadata' object (metadata format); found keys: "
                  + (f.keys().isEmpty() ? "none" : String.join(", ", f.keys()))));
      template = null;
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(subject, problems);
    }
    return template;
  }

  private static PipelineTemplate gantry(Fields f, Path source) {
    unknownKeys(f, GANTRY_KEYS, "for the Gantry format");
    Object steps = f.raw("steps");
    return build(f, f, f.string("id"), source, "gantry", steps, "steps", UnaryOperator.identity());
  }

  private static PipelineTemplate seed(Fields f, Path source) {
    unknownKeys(f, SEED_KEYS, "for the seed format");
    f.string("created_at");
    f.string("updated_at");
    SeedContent content = SeedContent.read(f);
    return build(
        f,
        f,
        f.string("template_id"),
        source,
        "seed",
        content.steps(),
        content.path(),
        content.paths());
  }

  private static PipelineTemplate metadata(Fields f, Path source) {
    unknownKeys(f, METADATA_KEYS, "for the metadata format");
    Fields meta = f.object("metadata");
    unknownKeys(meta, METADATA_FIELDS, "in metadata");
    String id = meta.has("id") ? meta.string("id") : idFromFile(source, f.problems());
    List<Object> steps = MetadataSteps.normalise(f.raw("steps"), f.problems());
    return build(meta, f, id, source, "metadata", steps, "steps", MetadataSteps::templatePath);
  }

  private static String idFromFile(Path source, List<Problem> problems) {
    if (source == null || source.getFileName() == null) {
      problems.add(new Problem("metadata.id", "is required (there is no file name to use)"));
      return null;
    }
    String file = source.getFileName().toString();
    int dot = file.lastIndexOf('.');
    String id = dot > 0 ? file.substring(0, dot) : file;
    if (!ID.matcher(id).matches()) {
      problems.add(
          new Problem(
              "metadata.id",
              "the file name '"
                  + id
                  + "' is not a valid template id (1-64 lower-case letters, digits, '.', '_' or"
                  + " '-' starting with a letter or digit); rename the file or set metadata.id"));
      return null;
    }
    return id;
  }

  /**
   * Checks the fields every format shares and builds the template.
   *
   * @param info the object with name, description, category, version and tags
   * @param top the top-level object with parameters and outputs
   */
  private static PipelineTemplate build(
      Fields info,
      Fields top,
      String id,
      Path source,
      String format,
      Object steps,
      String stepsPath,
      UnaryOperator<String> stepPaths) {
    List<Problem> problems = top.problems();
    String idKey = format.equals("seed") ? "template_id" : "id";
    if (id != null && !ID.matcher(id).matches()) {
      info.problem(
          idKey,
          "expected 1-64 lower-case letters, digits, '.', '_' or '-' starting with a letter or"
              + " digit, got '"
              + id
              + "'");
    }
    String name = info.requiredString("name");
    if (name != null && name.isBlank()) {
      info.problem("name", "must not be blank");
    }
    String description = info.string("description");
    String category = category(info);
    String version = version(info);
    List<String> tags = tags(info);
    ParameterReader parameterReader = new ParameterReader(!format.equals("gantry"), problems);
    List<TemplateParameter> parameters =
        parameterReader.read(top.raw("parameters"), top.pathOf("parameters"));
    List<String> names = parameterReader.declared();
    List<Map<String, Object>> checkedSteps =
        new TemplateSteps(names, stepPaths, problems).check(steps, stepsPath);
    Map<String, TemplateOutput> outputs =
        TemplateOutputs.read(top.raw("outputs"), top.pathOf("outputs"), checkedSteps, problems);
    if (!problems.isEmpty()) {
      return null;
    }
    return new PipelineTemplate(
        id,
        name,
        description,
        category,
        version,
        tags,
        parameters,
        checkedSteps,
        outputs,
        source,
        format);
  }

  private static String category(Fields f) {
    String category = f.string("category");
    if (category != null
        && (category.isBlank()
            || category.length() > 64
            || category.chars().anyMatch(Character::isISOControl))) {
      f.problem("category", "expected a category name of 1-64 characters, got '" + category + "'");
      return null;
    }
    return category;
  }

  private static String version(Fields f) {
    Object raw = f.raw("version");
    if (raw == null) {
      return null;
    }
    String text = raw instanceof Number n ? Fields.text(n) : raw instanceof String s ? s : null;
    if (text == null || !VERSION.matcher(text).matches()) {
      f.problem(
          "version",
          "expected a version such as 1.0.0 (numbers separated by dots, optionally followed by"
              + " -label), got "
              + Fields.describe(raw));
      return null;
    }
    return text;
  }

  private static List<String> tags(Fields f) {
    List<String> tags = f.strings("tags");
    if (tags != null) {
      for (int i = 0; i < tags.size(); i++) {
        if (tags.get(i).isBlank()) {
          f.problems().add(new Problem(Fields.index(f.pathOf("tags"), i), "must not be blank"));
        }
      }
    }
    return tags;
  }

  /**
   * Adds one problem for each key of {@code f} that is not {@code known}.
   *
   * @param where e.g. {@code for the Gantry format}
   */
  static void unknownKeys(Fields f, List<String> known, String where) {
    for (String key : f.unknownKeys(known)) {
      String hint =
          DidYouMean.closest(key, known).map(k -> "did you mean '" + k + "'? ").orElse("");
      f.problem(
          "unknown key '"
              + key
              + "' "
              + where
              + " ("
              + hint
              + "known keys: "
              + String.join(", ", known)
              + ")");
    }
  }
}

package dev.gantry.cli;

import dev.gantry.InvalidInputException;
import dev.gantry.cli.backend.Backend;
import dev.gantry.pipeline.template.LoadProblem;
import dev.gantry.pipeline.template.PipelineTemplate;
import dev.gantry.pipeline.template.TemplateCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code gantry templates list|show|categories|validate}. */
@Command(
    name = "templates",
    description = "List, show and validate the pipeline templates of the templates directory.")
final class TemplatesCommand {
  @ParentCommand GantryCommand root;

  @Command(name = "list", description = "List the templates, optionally of one category.")
  int list(@Option(names = "--category", description = "Only this category.") String category) {
    List<PipelineTemplate> templates;
    String location;
    try (Backend gantry = root.context().backend()) {
      templates = gantry.listTemplates(category);
      location = templates.isEmpty() ? gantry.templatesLocation() : null;
    }
    Output out = root.context().output();
    out.print(
        templates.stream().map(TemplateViews::summary).toList(),
        List.of("ID", "VERSION", "CATEGORY", "STEPS", "NAME", "DESCRIPTION"),
        templates.stream()
            .map(
                t ->
                    List.<Object>of(
                        t.id(),
                        t.version(),
                        t.category(),
                        t.steps().size(),
                        t.name(),
                        t.description()))
            .toList());
    if (templates.isEmpty() && !out.json()) {
      System.err.println(
          "no templates"
              + (category == null ? "" : " in category '" + category + "'")
              + " in "
              + location);
    }
    return 0;
  }

  @Command(name = "show", description = "Show a template: parameters, steps and outputs.")
  int show(@Parameters(paramLabel = "ID") String id) {
    PipelineTemplate t;
    try (Backend gantry = root.context().backend()) {
      t = gantry.getTemplate(id);
    }
    Output out = root.context().output();
    if (out.json()) {
      out.printJson(TemplateViews.detail(t));
    } else {
      System.out.print(TemplateViews.text(t));
    }
    return 0;
  }

  @Command(name = "categories", description = "List the template categories.")
  int categories() {
    List<String> categories;
    try (Backend gantry = root.context().backend()) {
      categories = gantry.templateCategories();
    }
    Output out = root.context().output();
    if (out.json()) {
      out.printJson(categories);
    } else {
      categories.forEach(System.out::println);
    }
    return 0;
  }

  @Command(
      name = "validate",
      description =
          "Load every template file of DIR; exit 0 when all load, else 2 listing each file and"
              + " why (duplicate ids included).")
  int validate(@Parameters(paramLabel = "DIR") Path dir) {
    root.context().requireLocal("templates validate", "checks a local directory");
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException("DIR", "no such directory: " + dir);
    }
    root.context().config(); // applies the log levels
    LogLevels.errorsOnly(TemplateCatalog.class); // the problems are this command's report
    List<LoadProblem> problems = TemplateCatalog.validate(dir);
    int loaded = problems.isEmpty() ? TemplateCatalog.load(dir).list(null).size() : 0;
    Output out = root.context().output();
    if (out.json()) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("directory", dir.toString());
      report.put("valid", problems.isEmpty());
      if (problems.isEmpty()) {
        report.put("templates", loaded);
      }
      report.put(
          "problems",
          problems.stream()
              .map(p -> Map.of("file", String.valueOf(p.file()), "reason", p.reason()))
              .toList());
      out.printJson(report);
    } else if (problems.isEmpty()) {
      System.out.println(loaded + " template(s) in " + dir + ": all valid");
    } else {
      for (LoadProblem p : problems) {
        System.out.println(p.file() + ": " + p.reason());
      }
      System.out.println(problems.size() + " file(s) with problems in " + dir);
    }
    return problems.isEmpty() ? 0 : 2;
  }
}

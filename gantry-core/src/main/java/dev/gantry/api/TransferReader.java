package dev.gantry.api;

import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.Documents;
import dev.gantry.pipeline.PipelineParser;
import dev.gantry.pipeline.PipelineSpec;
import dev.gantry.task.PhaseId;
import dev.gantry.task.Priority;
import dev.gantry.task.ProjectId;
import dev.gantry.task.TaskDependencies;
import dev.gantry.task.TaskId;
import dev.gantry.task.TaskStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and checks a project document, collecting every problem with its path. */
final class TransferReader {
  private static final int MAX_NAME = 500;
  private final Map<String, Object> doc;
  private final PipelineParser parser;
  private final List<Problem> problems = new ArrayList<>();

  record PhasePlan(
      PhaseId id, String name, String description, int order, Map<String, Object> metadata) {}

  record TaskPlan(
      TaskId id,
      String name,
      String description,
      PhaseId phase,
      TaskId parent,
      TaskStatus status,
      Priority priority,
      int progress,
      String assigneeId,
      String assigneeType,
      List<TaskId> dependsOn,
      Map<String, Object> metadata,
      PipelineSpec pipeline,
      TemplateRef template) {}

  /** A task's {@code template: {id, parameters}}: its pipeline comes from that template. */
  record TemplateRef(String id, Map<String, Object> parameters) {}

  record Plan(
      ProjectId projectId,
      String projectName,
      String projectDescription,
      Map<String, Object> projectMetadata,
      List<PhasePlan> phases,
      List<TaskPlan> tasks) {}

  TransferReader(Map<String, Object> doc, PipelineParser parser) {
    this.doc = doc;
    this.parser = parser;
  }

  List<Problem> problems() {
    return problems;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> readDocument(String yaml) {
    Object tree = Documents.read(yaml, Documents.Format.YAML, "invalid project document");
    if (!(tree instanceof Map<?, ?>)) {
      throw new InvalidInputException(
          "invalid project document",
          List.of(new Problem("", "expected an object with 'project', 'phases' and 'tasks'")));
    }
    return (Map<String, Object>) tree;
  }

  Plan plan() {
    Map<String, Object> project = object(doc.get("project"), "project");
    ProjectId projectId = id(project.get("id"), "project.id", ProjectId::of, ProjectId::random);
    String name = name(project.get("name"), "project.name");
    List<PhasePlan> phases = phases();
    Map<String, PhaseId> phaseKeys = new HashMap<>();
    for (PhasePlan p : phases) {
      phaseKeys.put(p.id().value(), p.id());
      phaseKeys.putIfAbsent(p.name(), p.id());
    }
    List<TaskPlan> tasks = tasks(phaseKeys);
    return new Plan(
        projectId,
        name == null ? "project" : name,
        string(project.get("description"), "project.description", false),
        object(project.get("metadata"), "project.metadata"),
        phases,
        tasks);
  }

  private List<PhasePlan> phases() {
    List<PhasePlan> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<Object> list = list(doc.get("phases"), "phases");
    for (int i = 0; i < list.size(); i++) {
      String path = "phases[" + i + "]";
      Map<String, Object> m = object(list.get(i), path);
      String name = name(m.get("name"), path + ".name");
      Object order = m.get("order");
      if (order != null && !(order instanceof Integer)) {
        problems.add(new Problem(path + ".order", "expected an integer"));
      }
      PhaseId id = id(m.get("id"), path + ".id", PhaseId::of, PhaseId::random);
      if (!ids.add(id.value())) {
        problems.add(new Problem(path + ".id", "duplicate phase id '" + id + "'"));
      }
      out.add(
          new PhasePlan(
              id,
              name == null ? "phase" : name,
              string(m.get("description"), path + ".description", false),
              order instanceof Integer n ? n : i + 1,
              object(m.get("metadata"), path + ".metadata")));
    }
    return out;
  }

  private List<TaskPlan> tasks(Map<String, PhaseId> phaseKeys) {
    List<Object> list = list(doc.get("tasks"), "tasks");
    List<TaskPlan> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String path = "tasks[" + i + "]";
      Map<String, Object> m = object(list.get(i), path);
      TaskId id = id(m.get("id"), path + ".id", TaskId::of, TaskId::random);
      if (!ids.add(id.value())) {
        problems.add(new Problem(path + ".id", "duplicate task id '" + id + "'"));
      }
      PhaseId phase = null;
      if (m.get("phase") != null) {
        phase = phaseKeys.get(String.valueOf(m.get("phase")));
        if (phase == null) {
          problems.add(
              new Problem(
                  path + ".phase",
                  "unknown phase '" + m.get("phase") + "' (give a phase id or name)"));
        }
      }
      String name = name(m.get("name"), path + ".name");
      out.add(
          new TaskPlan(
              id,
              name == null ? "task" : name,
              string(m.get("description"), path + ".description", false),
              phase,
              m.get("parent") == null
                  ? null
                  : id(m.get("parent"), path + ".parent", TaskId::of, null),
              enumValue(m.get("status"), path + ".status", TaskStatus::parse),
              enumValue(m.get("priority"), path + ".priority", Priority::parse),
              progress(m.get("progress"), path + ".progress"),
              string(m.get("assignee_id"), path + ".assignee_id", false),
              string(m.get("assignee_type"), path + ".assignee_type", false),
              list(m.get("depends_on"), path + ".depends_on").stream()
                  .map(d -> TaskId.of(String.valueOf(d)))
                  .toList(),
              object(m.get("metadata"), path + ".metadata"),
              pipeline(m.get("pipeline"), path + ".pipeline"),
              template(m, path)));
    }
    for (int i = 0; i < out.size(); i++) {
      TaskPlan t = out.get(i);
      if (t.parent() != null && !ids.contains(t.parent().value())) {
        problems.add(new Problem("tasks[" + i + "].parent", "unknown task '" + t.parent() + "'"));
      } else if (t.id().equals(t.parent())) {
        problems.add(new Problem("tasks[" + i + "].parent", "a task cannot be its own parent"));
      }
      for (int j = 0; j < t.dependsOn().size(); j++) {
        if (t.id().equals(t.dependsOn().get(j))) {
          problems.add(
              new Problem(
                  "tasks[" + i + "].depends_on[" + j + "]", "a task cannot depend on itself"));
        } else if (!ids.contains(t.dependsOn().get(j).value())) {
          problems.add(
              new Problem(
                  "tasks[" + i + "].depends_on[" + j + "]",
                  "unknown task '" + t.dependsOn().get(j) + "'"));
        }
      }
    }
    Map<TaskId, List<TaskId>> graph = new LinkedHashMap<>();
    // Self-dependencies are reported above.
    out.forEach(
        t -> graph.put(t.id(), t.dependsOn().stream().filter(d -> !d.equals(t.id())).toList()));
    TaskDependencies.findCycle(graph)
        .ifPresent(
            c -> problems.add(new Problem("tasks.depends_on", TaskDependencies.describe(c))));
    return out;
  }

  private TemplateRef template(Map<String, Object> task, String path) {
    Object value = task.get("template");
    if (value == null) {
      return null;
    }
    String at = path + ".template";
    if (task.get("pipeline") != null) {
      problems.add(new Problem(at, "give the task either a 'pipeline' or a 'template', not both"));
    }
    if (value instanceof String id) {
      return new TemplateRef(id, Map.of()); // template: ID, with the defaults
    }
    Map<String, Object> ref = object(value, at);
    for (String key : ref.keySet()) {
      if (!List.of("id", "parameters").contains(key)) {
        problems.add(
            new Problem(
                at + "." + key, "unknown key (a template reference has id and parameters)"));
      }
    }
    String id = string(ref.get("id"), at + ".id", true);
    Map<String, Object> parameters = object(ref.get("parameters"), at + ".parameters");
    return id == null ? null : new TemplateRef(id, parameters);
  }

  private PipelineSpec pipeline(Object value, String path) {
    if (value == null) {
      return null;
    }
    try {
      return parser.parse(value);
    } catch (InvalidInputException e) {
      for (Problem p : e.problems()) {
        problems.add(
            new Problem(
                p.path() == null || p.path().isEmpty() ? path : path + "." + p.path(),
                p.message()));
      }
      return null;
    }
  }

  private <T> T enumValue(Object value, String path, java.util.function.Function<String, T> parse) {
    if (value == null) {
      return null;
    }
    try {
      return parse.apply(String.valueOf(value));
    } catch (InvalidInputException e) {
      problems.add(new Problem(path, e.problems().get(0).message()));
      return null;
    }
  }

  private <T> T id(
      Object value,
      String path,
      java.util.function.Function<String, T> parse,
      java.util.function.Supplier<T> fresh) {
    if (value == null) {
      return fresh == null ? null : fresh.get();
    }
    try {
      return parse.apply(String.valueOf(value));
    } catch (InvalidInputException e) {
      problems.add(new Problem(path, e.problems().get(0).message()));
      return fresh == null ? null : fresh.get();
    }
  }

  /** A required name of at most {@value #MAX_NAME} characters (the records' own limit). */
  private String name(Object value, String path) {
    String name = string(value, path, true);
    if (name != null && name.isBlank()) {
      problems.add(new Problem(path, "must not be empty"));
      return null;
    }
    if (name != null && name.length() > MAX_NAME) {
      problems.add(new Problem(path, "must be at most " + MAX_NAME + " characters"));
      return null;
    }
    return name;
  }

  private int progress(Object value, String path) {
    if (value == null) {
      return 0;
    }
    if (value instanceof Integer p && p >= 0 && p <= 100) {
      return p;
    }
    problems.add(new Problem(path, "expected an integer 0-100, got " + value));
    return 0;
  }

  private String string(Object value, String path, boolean required) {
    if (value == null) {
      if (required) {
        problems.add(new Problem(path, "is required"));
      }
      return null;
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      problems.add(new Problem(path, "expected a string"));
      return null;
    }
    return String.valueOf(value);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> object(Object value, String path) {
    if (value == null) {
      return Map.of();
    }
    if (value instanceof Map<?, ?> m) {
      return new LinkedHashMap<>((Map<String, Object>) m);
    }
    problems.add(new Problem(path, "expected an object"));
    return Map.of();
  }

  @SuppressWarnings("unchecked")
  private List<Object> list(Object value, String path) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> l) {
      return (List<Object>) l;
    }
    problems.add(new Problem(path, "expected a list"));
    return List.of();
  }
}

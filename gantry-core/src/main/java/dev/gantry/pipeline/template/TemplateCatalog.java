package dev.gantry.pipeline.template;

import dev.gantry.GantryException;
import dev.gantry.InvalidInputException;
import dev.gantry.NotFoundException;
import dev.gantry.internal.Documents.Format;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline templates of a directory: every {@code .yaml}, {@code .yml} and {@code .json} file
 * under it, recursively. A file that cannot be loaded is reported in {@link #problems()} with its
 * reason and the others still load; two files with one id are both left out and reported. Safe to
 * use from several threads; {@link #reload()} swaps the whole catalogue at once.
 */
public final class TemplateCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(TemplateCatalog.class);

  private record State(Map<String, PipelineTemplate> byId, List<LoadProblem> problems) {}

  private final Path directory;
  private volatile State state;

  private TemplateCatalog(Path directory) {
    this.directory = directory;
    this.state = scan(directory, false);
  }

  /** Loads the templates under {@code dir}; a directory that does not exist gives no templates. */
  public static TemplateCatalog load(Path dir) {
    return new TemplateCatalog(dir);
  }

  /**
   * The problems of the templates under {@code dir}, for {@code gantry templates validate}: files
   * that do not load, duplicate ids, and a directory that does not exist.
   */
  public static List<LoadProblem> validate(Path dir) {
    return scan(dir, true).problems();
  }

  public Path directory() {
    return directory;
  }

  /** Reads the directory again; the catalogue changes at once, never partly. */
  public synchronized void reload() {
    state = scan(directory, false);
  }

  /** The templates of {@code category} ({@code null}: all), sorted by id. */
  public List<PipelineTemplate> list(String category) {
    return state.byId().values().stream()
        .filter(t -> category == null || t.category().equals(category))
        .toList();
  }

  /** The template with this id. */
  public PipelineTemplate get(String id) {
    PipelineTemplate t = id == null ? null : state.byId().get(id);
    if (t == null) {
      throw new NotFoundException("pipeline template", id);
    }
    return t;
  }

  /** The categories of the templates, sorted, each once. */
  public List<String> categories() {
    return state.byId().values().stream()
        .map(PipelineTemplate::category)
        .distinct()
        .sorted()
        .toList();
  }

  /** The files that did not load at the last (re)load, and why. */
  public List<LoadProblem> problems() {
    return state.problems();
  }

  private static State scan(Path dir, boolean missingIsProblem) {
    List<LoadProblem> problems = new ArrayList<>();
    Map<String, PipelineTemplate> byId = new TreeMap<>();
    if (!Files.exists(dir)) {
      if (missingIsProblem) {
        problems.add(new LoadProblem(dir, "the templates directory does not exist"));
      }
      LOG.debug("no templates directory {}", dir);
      return new State(byId, List.copyOf(problems));
    }
    if (!Files.isDirectory(dir)) {
      problems.add(new LoadProblem(dir, "expected a directory of templates, found a file"));
      return new State(byId, List.copyOf(problems));
    }
    Map<String, PipelineTemplate> first = new LinkedHashMap<>();
    Map<String, Boolean> duplicated = new TreeMap<>();
    for (Path file : files(dir, problems)) {
      PipelineTemplate t = load(file, problems);
      if (t == null) {
        continue;
      }
      PipelineTemplate earlier = first.putIfAbsent(t.id(), t);
      if (earlier != null) {
        duplicated.put(t.id(), true);
        problems.add(
            new LoadProblem(
                file,
                "duplicate template id '"
                    + t.id()
                    + "': also defined in "
                    + earlier.source()
                    + "; ids must be unique, so neither file is loaded"));
      }
    }
    first.forEach(
        (id, t) -> {
          if (!duplicated.containsKey(id)) {
            byId.put(id, t);
          }
        });
    for (LoadProblem p : problems) {
      LOG.warn("pipeline template not loaded: {}", p);
    }
    LOG.info("loaded {} pipeline templates from {}", byId.size(), dir);
    return new State(byId, List.copyOf(problems));
  }

  private static List<Path> files(Path dir, List<LoadProblem> problems) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> Format.ofFile(p) != null && Files.isRegularFile(p))
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    } catch (IOException | UncheckedIOException e) {
      problems.add(new LoadProblem(dir, "cannot list the templates directory: " + e.getMessage()));
      return List.of();
    }
  }

  private static PipelineTemplate load(Path file, List<LoadProblem> problems) {
    try {
      return TemplateReader.read(file);
    } catch (InvalidInputException e) {
      problems.add(
          new LoadProblem(file, new InvalidInputException(null, e.problems()).getMessage()));
    } catch (GantryException | UncheckedIOException e) {
      problems.add(new LoadProblem(file, e.getMessage()));
    }
    return null;
  }
}

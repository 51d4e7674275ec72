package dev.gantry.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.GantryException;
import dev.gantry.InvalidInputException;
import dev.gantry.NotFoundException;
import dev.gantry.runtime.StepRunnerProvider;
import dev.gantry.store.StoreProvider;
import dev.gantry.task.TaskService;
import dev.gantry.workflow.ExecutionHandle;
import dev.gantry.workflow.WorkflowStatusManager;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/java-api.md} lists every public method of {@link TaskWorkflowIntegration}, and every
 * Java method it names exists.
 */
class JavaApiDocsTest {
  static final Path DOC = Path.of("..", "docs", "java-api.md");

  /** The types whose methods the page names. */
  static final List<Class<?>> DOCUMENTED =
      List.of(
          TaskWorkflowIntegration.class,
          TaskWorkflowIntegration.Builder.class,
          ExecutionHandle.class,
          BatchHandle.class,
          BatchResult.class,
          BatchProgress.class,
          BatchRequest.class,
          WorkflowStatusManager.class,
          TaskService.class,
          GantryException.class,
          NotFoundException.class,
          InvalidInputException.class,
          StoreProvider.class,
          StepRunnerProvider.class,
          dev.gantry.runtime.LogFollow.class,
          dev.gantry.resilience.CircuitBreakerOpenException.class);

  @Test
  void everyPublicMethodOfTheApiIsDocumented() throws Exception {
    String doc = Files.readString(DOC);
    List<String> missing = new ArrayList<>();
    for (Class<?> type :
        List.of(
            TaskWorkflowIntegration.class,
            TaskWorkflowIntegration.Builder.class,
            ExecutionHandle.class)) {
      for (Method m : type.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) {
          if (!Pattern.compile("[`.]" + m.getName() + "\\(").matcher(doc).find()) {
            missing.add(type.getSimpleName() + "." + m.getName());
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void everyNamedMethodExists() throws Exception {
    Set<String> methods =
        DOCUMENTED.stream()
            .flatMap(t -> Arrays.stream(t.getMethods()))
            .map(Method::getName)
            .collect(Collectors.toSet());
    Matcher m = Pattern.compile("`([a-z][A-Za-z0-9]*)\\(").matcher(Files.readString(DOC));
    List<String> named = new ArrayList<>();
    while (m.find()) {
      named.add(m.group(1));
    }

    assertThat(named).hasSizeGreaterThan(20);
    assertThat(named).filteredOn(name -> !methods.contains(name)).isEmpty();
  }
}

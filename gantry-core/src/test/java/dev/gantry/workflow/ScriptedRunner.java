package dev.gantry.workflow;

import dev.gantry.config.RegistryCredentials;
import dev.gantry.runtime.ImageNotFoundException;
import dev.gantry.runtime.Labels;
import dev.gantry.runtime.RuntimeUnavailableException;
import dev.gantry.runtime.StepCancelledException;
import dev.gantry.runtime.StepOutcome;
import dev.gantry.runtime.StepRequest;
import dev.gantry.runtime.StepRunner;
import dev.gantry.secret.SecretMask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only runtime for the executor's unit tests: it interprets the step's argv instead of
 * starting a container. {@code ok TEXT} prints TEXT; {@code fail N} exits N; {@code hang} blocks
 * until its timeout or an interrupt; {@code write PATH TEXT} produces the declared output PATH;
 * {@code cat-inputs} prints the contents of its input files; {@code no-image} throws
 * ImageNotFoundException; {@code count KEY} prints how many times it ran with KEY; {@code flaky N
 * [CODE|unavailable]} fails the first N runs of its step in its execution (exit CODE, default 75,
 * or RuntimeUnavailableException) then succeeds; {@code timeout} reports at once that its timeout
 * fired. {@link #resolveImage} answers the id set in {@link #imageIds}, else a fixed one per name.
 * Real container behaviour is covered by the Docker ITs.
 */
final class ScriptedRunner implements StepRunner {
  final List<StepRequest> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger running = new AtomicInteger();
  final AtomicInteger maxRunning = new AtomicInteger();
  final CountDownLatch release = new CountDownLatch(1);
  final Map<String, String> imageIds = new ConcurrentHashMap<>();
  final AtomicInteger resolved = new AtomicInteger();
  final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  @Override
  public String resolveImage(String image, String registry, RegistryCredentials credentials) {
    resolved.incrementAndGet();
    if (image.startsWith("missing")) {
      throw new ImageNotFoundException("image '" + image + "' not found", null);
    }
    return imageIds.getOrDefault(image, "sha256:scripted-" + image);
  }

  /** How many times {@code count KEY} ran. */
  int count(String key) {
    AtomicInteger n = counts.get(key);
    return n == null ? 0 : n.get();
  }

  private int increment(String key) {
    return counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
  }

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public void ping() {}

  @Override
  public StepOutcome run(StepRequest request) {
    requests.add(request);
    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
    Instant start = Instant.now();
    try {
      List<String> argv = request.argv();
      String stdout = "";
      int exit = 0;
      boolean timedOut = false;
      Map<String, Path> outputs = new LinkedHashMap<>();
      switch (argv.get(0)) {
        case "ok" -> stdout = String.join(" ", argv.subList(1, argv.size())) + "\n";
        case "fail" -> exit = Integer.parseInt(argv.get(1));
        case "hang" -> {
          if (!release.await(request.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
            timedOut = true;
            exit = 137;
          }
        }
        case "gate" -> release.await();
        case "write" -> {
          Path file = Files.createTempFile("scripted", ".out");
          Files.writeString(file, argv.get(2));
          outputs.put(argv.get(1), file);
        }
        case "cat-inputs" -> {
          StringBuilder sb = new StringBuilder();
          for (Path p : request.inputArchives()) {
            sb.append(Files.readString(p));
          }
          stdout = sb.toString();
        }
        case "env" -> stdout = request.env().get(argv.get(1));
        case "count" -> stdout = argv.get(1) + "=" + increment(argv.get(1)) + "\n";
        case "flaky" -> {
          String key = "flaky:" + request.labels().get(Labels.EXECUTION) + ":" + request.stepName();
          if (increment(key) <= Integer.parseInt(argv.get(1))) {
            String how = argv.size() > 2 ? argv.get(2) : "75";
            if (how.equals("unavailable")) {
              throw new RuntimeUnavailableException("engine went away", null);
            }
            exit = Integer.parseInt(how);
          }
          stdout = "attempt " + request.env().get("GANTRY_ATTEMPT") + "\n";
        }
        case "timeout" -> {
          timedOut = true;
          exit = 137;
        }
        case "no-image" -> throw new ImageNotFoundException("image 'nope' not found", null);
        default -> throw new IllegalArgumentException("unknown scripted command " + argv);
      }
      List<String> missing = new ArrayList<>(request.outputs());
      missing.removeAll(outputs.keySet());
      for (String secret : request.redactions()) {
        stdout = stdout.replace(secret, SecretMask.MASK);
      }
      return new StepOutcome(
          "scripted-" + requests.size(),
          exit,
          false,
          timedOut,
          stdout,
          "",
          outputs,
          missing,
          start,
          Instant.now());
    } catch (InterruptedException e) {
      throw new StepCancelledException("cancelled");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      running.decrementAndGet();
    }
  }

  @Override
  public void close() {}
}

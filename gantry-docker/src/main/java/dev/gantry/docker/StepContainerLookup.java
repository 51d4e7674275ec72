package dev.gantry.docker;

import com.github.dockerjava.api.model.Container;
import dev.gantry.runtime.Labels;
import dev.gantry.runtime.StepContainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Lists the containers that carry Gantry's owner label and given label values. */
final class StepContainerLookup {
  private final DockerEngine engine;
  private final DockerCalls calls;

  StepContainerLookup(DockerEngine engine, DockerCalls calls) {
    this.engine = engine;
    this.calls = calls;
  }

  List<StepContainer> find(Map<String, String> labels) {
    List<String> filter = new ArrayList<>();
    filter.add(Labels.OWNER);
    labels.forEach((k, v) -> filter.add(k + "=" + v));
    List<Container> found =
        calls.call(
            "list containers labelled " + filter,
            () ->
                engine
                    .calls()
                    .listContainersCmd()
                    .withShowAll(true)
                    .withLabelFilter(filter)
                    .exec());
    List<StepContainer> containers = new ArrayList<>();
    for (Container c : found) {
      String state = c.getState() == null ? "unknown" : c.getState();
      containers.add(new StepContainer(c.getId(), c.getLabels(), state));
    }
    return containers;
  }
}

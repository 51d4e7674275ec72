package dev.gantry.dagger;

import graphql.language.Argument;
import graphql.language.Field;
import graphql.language.Selection;
import java.util.ArrayList;
import java.util.List;

/**
 * A chain of object fields, as Dagger's API is used: {@code container { from(…) {
 * withEnvVariable(…) { … withExec(…) { exitCode } } } }}. Each {@link #then} adds a field nested in
 * the previous one; {@link #select} closes the chain with the selections of its last object.
 */
final class Chain {
  private record Link(String alias, String name, List<Argument> arguments) {}

  private final List<Link> links = new ArrayList<>();

  /** The next field of the chain. */
  Chain then(String name, Argument... arguments) {
    links.add(new Link(null, name, List.of(arguments)));
    return this;
  }

  /** The next field of the chain, under a response alias. */
  Chain thenAliased(String alias, String name, Argument... arguments) {
    links.add(new Link(alias, name, List.of(arguments)));
    return this;
  }

  /** The outermost field, with {@code selections} on the last link. */
  Field select(Selection<?>... selections) {
    if (links.isEmpty()) {
      throw new IllegalStateException("a chain needs at least one field");
    }
    Link last = links.get(links.size() - 1);
    Field field = Operation.aliased(last.alias(), last.name(), last.arguments(), selections);
    for (int i = links.size() - 2; i >= 0; i--) {
      Link link = links.get(i);
      field = Operation.aliased(link.alias(), link.name(), link.arguments(), field);
    }
    return field;
  }
}

package dev.gantry.dagger;

import dev.gantry.internal.Maps;
import graphql.language.AstPrinter;
import graphql.language.Document;
import java.util.Map;
import java.util.Objects;

/**
 * A GraphQL document and its variables. The document holds no user value: every value (image,
 * argument, env value, path, secret) is a variable.
 *
 * @param document the operation, built as graphql-java AST
 * @param variables the values of the operation's variables, by name
 */
public record GraphQLRequest(Document document, Map<String, Object> variables) {
  public GraphQLRequest {
    Objects.requireNonNull(document, "document");
    variables = Maps.copy(variables);
  }

  /** The document as GraphQL text, as it is sent. */
  public String query() {
    return AstPrinter.printAst(document);
  }

  /** Variables are listed by name only: some hold secret values. */
  @Override
  public String toString() {
    return "GraphQLRequest[query=" + query() + ", variables=" + variables.keySet() + "]";
  }
}

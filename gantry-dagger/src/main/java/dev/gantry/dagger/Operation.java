package dev.gantry.dagger;

import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small typed builder of one GraphQL query as graphql-java AST. Every value goes in through
 * {@link #variable}, which declares a variable of the given type and keeps the value apart, so no
 * value is ever part of the document's text.
 */
final class Operation {
  private final String name;
  private final List<VariableDefinition> definitions = new ArrayList<>();
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final List<Selection<?>> selections = new ArrayList<>();

  Operation(String name) {
    this.name = name;
  }

  /**
   * Declares a variable {@code $<hint><n>} of {@code type} (e.g. {@code String!}, {@code ID!},
   * {@code [String!]!}) holding {@code value}, and returns a reference to it.
   */
  VariableReference variable(String hint, String type, Object value) {
    String variable = hint + definitions.size();
    definitions.add(new VariableDefinition(variable, type(type)));
    values.put(variable, value);
    return new VariableReference(variable);
  }

  /** An argument whose value is a new variable. */
  Argument arg(String argument, String type, Object value) {
    return new Argument(argument, variable(argument, type, value));
  }

  /** Adds a top-level field. */
  Operation select(Field field) {
    selections.add(field);
    return this;
  }

  GraphQLRequest build() {
    OperationDefinition operation =
        OperationDefinition.newOperationDefinition()
            .name(name)
            .operation(OperationDefinition.Operation.QUERY)
            .variableDefinitions(definitions)
            .selectionSet(new SelectionSet(selections))
            .build();
    return new GraphQLRequest(Document.newDocument().definition(operation).build(), values);
  }

  /** A field with arguments and sub-selections (none: a leaf). */
  static Field field(String name, List<Argument> arguments, Selection<?>... children) {
    return aliased(null, name, arguments, children);
  }

  /** {@link #field} under an alias (the response key), or none when {@code alias} is null. */
  static Field aliased(
      String alias, String name, List<Argument> arguments, Selection<?>... children) {
    Field.Builder field = Field.newField(name).alias(alias).arguments(arguments);
    if (children.length > 0) {
      field.selectionSet(new SelectionSet(List.of(children)));
    }
    return field.build();
  }

  /** A leaf field without arguments. */
  static Field leaf(String name) {
    return new Field(name);
  }

  /** Parses the type notation used here: {@code Name}, {@code Name!}, {@code [T]}, {@code [T]!}. */
  static Type<?> type(String notation) {
    if (notation.endsWith("!")) {
      return new NonNullType(type(notation.substring(0, notation.length() - 1)));
    }
    if (notation.startsWith("[") && notation.endsWith("]")) {
      return new ListType(type(notation.substring(1, notation.length() - 1)));
    }
    if (notation.isEmpty() || !notation.chars().allMatch(Character::isLetterOrDigit)) {
      throw new IllegalArgumentException("not a GraphQL type: '" + notation + "'");
    }
    return new TypeName(notation);
  }
}

package dev.gantry.dagger;

import graphql.ErrorType;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.language.Document;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Dagger's published API schema ({@code src/test/resources/dagger/schema.graphqls}, a copy of
 * {@code ../shared/reference/dagger/schema.graphqls}) and checks of documents against it.
 */
final class DaggerSchema {
  static final String RESOURCE = "/dagger/schema.graphqls";

  private static GraphQLSchema schema;
  private static GraphQL engine;

  private DaggerSchema() {}

  static String text() {
    try (InputStream in = DaggerSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the test class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static synchronized GraphQLSchema schema() {
    if (schema == null) {
      schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().parse(text()));
    }
    return schema;
  }

  private static synchronized GraphQL engine() {
    if (engine == null) {
      engine = GraphQL.newGraphQL(schema()).build();
    }
    return engine;
  }

  /**
   * Every problem of {@code request}: validation errors of the document as sent (its printed text,
   * parsed again) and errors coercing its variable values to their declared types.
   */
  static List<String> problems(GraphQLRequest request) {
    List<String> problems = new ArrayList<>();
    Document sent = Parser.parse(request.query());
    for (ValidationError error : new Validator().validateDocument(schema(), sent, Locale.ENGLISH)) {
      problems.add(error.getMessage());
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    ExecutionResult result =
        engine()
            .execute(
                ExecutionInput.newExecutionInput()
                    .query(request.query())
                    .variables(request.variables())
                    .build());
    for (GraphQLError error : result.getErrors()) {
      if (error.getErrorType() == ErrorType.ValidationError
          || error.getErrorType() == ErrorType.InvalidSyntax) {
        problems.add(error.getMessage());
      }
    }
    return problems;
  }
}
